package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.OpException;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters ({@code add} of a delta, {@code read} of the total) against what the increments allow,
 * as Jepsen's counter checker does, for a PN counter: a delta may be negative (Cassandra's counter
 * columns take decrements), where Jepsen's {@code counter} models a grow-only counter and refuses a
 * negative add. A counter never read is valid, as in Jepsen: nothing it returned contradicts the adds.
 * For a read {@code r}, an add that was acknowledged before
 * {@code r} began is surely counted; an add that failed is surely not; every other add invoked
 * before {@code r} ended (acknowledged during it, or indeterminate) may or may not be. So the total
 * lies between {@code lower} (sure adds, plus the negative maybes) and {@code upper} (sure adds,
 * plus the positive maybes). Below is lost increments, above is increments counted twice (a retried
 * counter update is not idempotent). The key's last read, after healing, is its verdict.
 */
public final class CounterChecker {

    /** How a read's total compares with the increments. */
    public enum Outcome {
        WITHIN, LOST, DOUBLE_COUNTED
    }

    /**
     * @param read  the read, whose value is the total it returned
     * @param lower the least total the adds allow at that read
     * @param upper the greatest
     */
    public record Bounded(Operation read, long value, long lower, long upper) {
        public Outcome outcome() {
            return value < lower ? Outcome.LOST : value > upper ? Outcome.DOUBLE_COUNTED : Outcome.WITHIN;
        }

        /** In plain words, for the report and `faultline check`. */
        public String sentence() {
            return switch (outcome()) {
                case WITHIN -> "read " + value + ", within " + lower + " to " + upper;
                case LOST -> "read " + value + ", but acknowledged increments alone add up to " + lower
                        + ": " + (lower - value) + " lost";
                case DOUBLE_COUNTED -> "read " + value + ", but every increment that may have happened adds up to only "
                        + upper + ": " + (value - upper) + " counted twice";
            };
        }
    }

    /**
     * One counter.
     *
     * @param acknowledged the sum of adds acknowledged ok
     * @param indeterminate the sum of adds that timed out (may or may not have happened)
     * @param last         the last successful read (after healing, the final one), or null if none succeeded
     * @param outOfBounds  every read whose total the adds cannot explain, the last one included
     */
    public record Result(Object key, long acknowledged, long indeterminate, Bounded last, List<Bounded> outOfBounds) {
        public Verdict verdict() {
            return outOfBounds.isEmpty() ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
        }
    }

    /** Every counter's result, per key in the order keys first appear: the protocol's result. */
    public record Counters(List<Result> keys) implements CheckerResult {

        public Counters {
            keys = List.copyOf(keys);
        }

        @Override
        public String checker() {
            return NAME;
        }

        /** Every counter's bounds and its final total, a row each. */
        @Override
        public List<String> lines() {
            String row = "%-12s  %12s  %13s  %s";
            List<String> lines = new ArrayList<>(List.of(String.format(row, "key", "acknowledged", "indeterminate", "final total")));
            for (Result key : keys) {
                lines.add(String.format(row, Values.show(key.key()), key.acknowledged(), key.indeterminate(),
                        key.last() == null ? "never read" : key.last().sentence()));
            }
            lines.add("");
            return lines;
        }

        /** Invalid when any read is out of bounds; a counter never read back contradicts nothing. */
        @Override
        public Validity validity() {
            return keys.stream().map(k -> k.verdict().validity()).reduce(Validity.VALID, Validity::and);
        }

        /** The totals out of bounds, naming the first such read (an earlier one too, when the final total holds). */
        @Override
        public String summary() {
            long lost = keys.stream().filter(k -> k.last() != null && k.last().outcome() == Outcome.LOST).count();
            long doubled = keys.stream().filter(k -> k.last() != null && k.last().outcome() == Outcome.DOUBLE_COUNTED).count();
            long unread = keys.stream().filter(k -> k.last() == null).count();
            String counters = keys.size() + (keys.size() == 1 ? " counter" : " counters")
                    + (unread == 0 ? "" : ", " + unread + " never read");
            List<Bounded> outside = keys.stream().flatMap(k -> k.outOfBounds().stream()).toList();
            if (outside.isEmpty()) {
                return "every total read within its increments (" + counters + ")";
            }
            Result first = keys.stream().filter(k -> !k.outOfBounds().isEmpty()).findFirst().orElseThrow();
            Bounded read = first.outOfBounds().get(0);
            return outside.size() + (outside.size() == 1 ? " read" : " reads") + " outside the increments, the first op #"
                    + read.read().invoke().index() + " of counter " + Values.show(first.key()) + ": " + read.sentence()
                    + "; final totals: " + lost + " below the acknowledged increments, " + doubled + " above every possible one ("
                    + counters + ")";
        }

        @Override
        public List<Finding> findings() {
            List<Finding> findings = new ArrayList<>();
            for (Result key : keys) {
                for (Bounded read : key.outOfBounds()) {
                    boolean lost = read.outcome() == Outcome.LOST;
                    findings.add(new Finding(lost ? "lost-increments" : "double-counted",
                            lost ? "Lost increments" : "Increments counted twice",
                            "counter " + key.key() + ": " + read.sentence(), List.of(read.read())));
                }
            }
            return findings;
        }

        @Override
        public ObjectNode json() {
            ObjectNode node = ResultJson.base(this);
            ArrayNode out = node.putArray("counters");
            for (Result key : keys) {
                ObjectNode k = out.addObject().put("key", String.valueOf(key.key())).put("acknowledged", key.acknowledged())
                        .put("indeterminate", key.indeterminate());
                if (key.last() != null) {
                    k.set("last", bounded(key.last()));
                }
                ArrayNode outside = k.putArray("out_of_bounds");
                key.outOfBounds().forEach(b -> outside.add(bounded(b)));
            }
            return node;
        }

        private static ObjectNode bounded(Bounded b) {
            ObjectNode node = ResultJson.JSON.createObjectNode().put("value", b.value()).put("lower", b.lower())
                    .put("upper", b.upper());
            node.set("read", ResultJson.op(b.read()));
            return node;
        }

        static Counters read(ResultJson.Reader in) {
            List<Result> keys = new ArrayList<>();
            for (JsonNode k : in.node().path("counters")) {
                List<Bounded> outside = new ArrayList<>();
                k.path("out_of_bounds").forEach(b -> outside.add(bounded(b, in)));
                JsonNode last = k.get("last");
                keys.add(new Result(k.path("key").asText(), k.path("acknowledged").asLong(), k.path("indeterminate").asLong(),
                        last == null ? null : bounded(last, in), List.copyOf(outside)));
            }
            return new Counters(keys);
        }

        private static Bounded bounded(JsonNode b, ResultJson.Reader in) {
            return new Bounded(in.op(b.get("read")), b.path("value").asLong(), b.path("lower").asLong(), b.path("upper").asLong());
        }
    }

    public static final String NAME = "counter";

    private CounterChecker() {
    }

    /**
     * Whether the ops are a counter's: adds of integer deltas and reads that return integer totals, nothing else. A
     * set's history has adds too, but its reads return collections.
     */
    public static boolean fits(List<Operation> ops) {
        boolean adds = false;
        for (Operation op : ops) {
            boolean fits = switch (op.f()) {
                case "add" -> Values.normalize(op.invoke().value()) instanceof Long;
                case "read" -> op.outcome() != OpType.OK || Values.normalize(op.value()) instanceof Long;
                default -> false;
            };
            if (!fits) {
                return false;
            }
            adds |= op.f().equals("add");
        }
        return adds;
    }

    /** Per key, in the order keys first appear. */
    public static Counters check(History history) {
        Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : history.operations()) {
            if (op.f().equals("add") || op.f().equals("read")) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Result> results = new ArrayList<>();
        byKey.forEach((key, ops) -> results.add(check(key, ops)));
        return new Counters(results);
    }

    private static Result check(Object key, List<Operation> ops) {
        List<Operation> adds = ops.stream().filter(op -> op.f().equals("add")).toList();
        long acknowledged = 0;
        long indeterminate = 0;
        for (Operation add : adds) {
            if (add.outcome() == OpType.OK) {
                acknowledged = sum(key, acknowledged, delta(add));
            } else if (add.outcome() == OpType.INFO) {
                indeterminate = sum(key, indeterminate, delta(add));
            }
        }
        List<Bounded> outOfBounds = new ArrayList<>();
        Bounded last = null;
        for (Operation read : ops) {
            if (!read.f().equals("read") || read.outcome() != OpType.OK || !(Values.normalize(read.value()) instanceof Long value)) {
                continue;
            }
            long lower = 0;
            long upper = 0;
            for (Operation add : adds) {
                long d = delta(add);
                if (add.outcome() == OpType.OK && add.returnAt() < read.callAt()) {
                    lower = sum(key, lower, d);
                    upper = sum(key, upper, d);
                } else if (add.outcome() != OpType.FAIL && add.callAt() < read.returnAt()) {
                    lower = sum(key, lower, Math.min(0, d));
                    upper = sum(key, upper, Math.max(0, d));
                }
            }
            Bounded bounded = new Bounded(read, value, lower, upper);
            if (bounded.outcome() != Outcome.WITHIN) {
                outOfBounds.add(bounded);
            }
            last = bounded;
        }
        return new Result(key, acknowledged, indeterminate, last, List.copyOf(outOfBounds));
    }

    /** Totals are exact or refused: a sum past a long's range would wrap and turn a verdict around silently. */
    private static long sum(Object key, long total, long delta) {
        try {
            return Math.addExact(total, delta);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("the adds to counter " + Values.show(key) + " sum beyond a 64-bit counter's "
                    + "range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); allowed: totals a Cassandra counter holds");
        }
    }

    private static long delta(Operation add) {
        Object value = Values.normalize(add.invoke().value());
        if (!(value instanceof Long delta)) {
            throw OpException.atInvoke(add, "op " + add.invoke().index() + ": add needs an integer delta, got "
                    + Values.show(value));
        }
        return delta;
    }
}
