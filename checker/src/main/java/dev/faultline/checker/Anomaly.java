package dev.faultline.checker;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a linearizability counterexample shows, named and said in plain words: the one explanation
 * that the report and {@code faultline check} both print.
 *
 * @param kind     which anomaly it is
 * @param sentence why no order of the ops is legal, in one or two sentences that claim nothing the
 *                 counterexample does not show
 */
public record Anomaly(Kind kind, String sentence) {

    /** The anomaly kinds a linearizability violation is told as. */
    public enum Kind {
        STALE_READ("stale-read", "Stale read"),
        LOST_UPDATE_LWW("lost-update-lww", "Lost update under last-write-wins"),
        NOT_LINEARIZABLE("not-linearizable", "Not linearizable");

        private final String id;
        private final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** A stable name for data attributes and JSON. */
        public String id() {
            return id;
        }

        /** The name a person reads. */
        public String title() {
            return title;
        }
    }

    /**
     * Names and explains {@code why}.
     *
     * @param history      every op of the history (to tell whether any op wrote the value read)
     * @param clocksSkewed whether a fault skewed the clocks: an overwrite then loses by timestamp
     */
    public static Anomaly of(Counterexample why, List<Operation> history, boolean clocksSkewed) {
        Operation bad = why.unlinearizable();
        if (!registerRead(bad) || Values.show(bad.value()).equals(why.stateBefore())) {
            return new Anomaly(clocksSkewed ? Kind.LOST_UPDATE_LWW : Kind.NOT_LINEARIZABLE, anyOp(why));
        }
        Operation overwriter = overwriter(why);
        Source source = overwriter != null ? Source.OVERWRITTEN
                : bad.value() == null ? Source.NIL
                : history.stream().anyMatch(op -> Objects.equals(op.key(), bad.key()) && writes(op, bad.value()))
                        ? Source.WRITTEN_ELSEWHERE
                        : Source.NEVER_WRITTEN;
        // an older value: one the prefix held, nil after writes, or one no op wrote (an initial value)
        boolean older = source == Source.OVERWRITTEN || source == Source.NIL
                || source == Source.NEVER_WRITTEN && !why.longestPrefix().isEmpty();
        Kind kind = clocksSkewed ? Kind.LOST_UPDATE_LWW : older ? Kind.STALE_READ : Kind.NOT_LINEARIZABLE;
        return new Anomaly(kind, read(why, source, overwriter));
    }

    /** A read that returned one value (not a set's or a transaction's): the register's whole state. */
    private static boolean registerRead(Operation op) {
        return op.outcome() == OpType.OK && (op.f().equals("read") || op.f().equals("get"))
                && !(op.value() instanceof Collection<?> || op.value() instanceof Map<?, ?>);
    }

    /** Where the value a read returned came from, as far as the counterexample tells. */
    private enum Source {
        /** the prefix held it until a later step replaced it */
        OVERWRITTEN,
        NIL,
        NEVER_WRITTEN,
        /** only ops outside the prefix wrote it (later ones, or concurrent ones no order could use) */
        WRITTEN_ELSEWHERE
    }

    /** The prefix step that replaced the value read, the last time the prefix held it; null if it never did. */
    private static Operation overwriter(Counterexample why) {
        String read = Values.show(why.unlinearizable().value());
        List<Counterexample.Step> prefix = why.longestPrefix();
        for (int i = prefix.size() - 1; i >= 0; i--) {
            if (prefix.get(i).stateAfter().equals(read)) {
                // the state after the last step is not the value read, so a later step exists, unless a damaged
                // analysis.json says otherwise: then nothing in the prefix replaced it
                return i + 1 < prefix.size() ? prefix.get(i + 1).op() : null;
            }
        }
        return null;
    }

    /** Whether {@code op} may have left {@code value} in its register: a failed op did not happen. */
    private static boolean writes(Operation op, Object value) {
        if (op.outcome() == OpType.FAIL) {
            return false;
        }
        String shown = Values.show(value);
        return switch (op.f()) {
            case "write", "put" -> Values.show(op.value()).equals(shown);
            case "cas" -> op.value() instanceof List<?> pair && pair.size() == 2 && Values.show(pair.get(1)).equals(shown);
            case "append" -> true;
            default -> false;
        };
    }

    /** The first step of the prefix that wrote, which overwrote the register's initial state; null if none did. */
    private static Operation firstWrite(Counterexample why) {
        return why.longestPrefix().stream().map(Counterexample.Step::op)
                .filter(op -> switch (op.f()) {
                    case "write", "put", "cas", "append" -> true;
                    default -> false;
                })
                .findFirst().orElse(null);
    }

    private static String read(Counterexample why, Source source, Operation overwriter) {
        Operation bad = why.unlinearizable();
        String state = why.stateBefore();
        String head = (why.longestPrefix().isEmpty() ? "The register starts at " : "After the ops above the register holds ")
                + state + ", so a read taking effect here must return " + state + "; op #" + bad.invoke().index()
                + " returned " + Values.show(bad.value()) + ", ";
        String whence = switch (source) {
            case OVERWRITTEN -> "a value already overwritten by op #" + overwriter.invoke().index()
                    + (overwriter.returnAt() < bad.callAt() ? ", which finished before the read began." : ".");
            case NIL -> firstWrite(why) == null ? "as if nothing had been written."
                    : "the value of a register never written, though op #" + firstWrite(why).invoke().index()
                            + " had written it" + (firstWrite(why).returnAt() < bad.callAt() ? " and finished before the read began." : ".");
            case NEVER_WRITTEN -> "a value no op in this history wrote"
                    + (why.longestPrefix().isEmpty() ? "." : ": if it was the initial value, the ops above had overwritten it.");
            case WRITTEN_ELSEWHERE -> "a value written only by ops not placed before it.";
        };
        return head + whence + " " + others(why);
    }

    private static String anyOp(Counterexample why) {
        Operation bad = why.unlinearizable();
        return "In state " + why.stateBefore() + ", op #" + bad.invoke().index() + " (" + bad + ") cannot take effect "
                + "with the result it got, and every op before it in real time is already placed. " + others(why);
    }

    private static String others(Counterexample why) {
        int n = why.concurrent().size();
        return n == 0
                ? "No other op overlaps it in time, so nothing could have been ordered in between."
                : "Placing " + (n == 1 ? "the 1 op" : "any of the " + n + " ops") + " concurrent with it first does "
                        + "not help either: the checker tried every such order.";
    }
}
