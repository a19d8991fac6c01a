package dev.faultline.checker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A property that every value a function returned must hold, as a team states it of its own data: money is
 * conserved, so the balances every {@code read} returned add up to what the accounts opened with. Only the ops
 * that completed ok are judged (what a failed or indeterminate op carries is what it asked, not what it saw).
 */
public final class Invariant {

    public static final String NAME = "invariant";

    private Invariant() {
    }

    /**
     * What an invariant concluded: each op whose value broke it, as a finding of the invariant's own kind.
     *
     * @param title   the anomaly as a person reads it, such as "Money created or lost"
     * @param checked how many ops it judged
     */
    public record Result(String title, long checked, List<Finding> findings) implements CheckerResult {

        public Result {
            findings = List.copyOf(findings);
        }

        /** The findings' kind: the title in lower case, words joined by dashes ("money-created-or-lost"). */
        public String kind() {
            return Invariant.kind(title);
        }

        @Override
        public String checker() {
            return NAME;
        }

        @Override
        public Validity validity() {
            return !findings.isEmpty() ? Validity.INVALID : checked == 0 ? Validity.UNKNOWN : Validity.VALID;
        }

        @Override
        public String summary() {
            return findings.isEmpty()
                    ? (checked == 0 ? "no op to judge" : "held for all " + checked + " ops") + " (" + title + ")"
                    : title + ": " + findings.size() + " of " + checked + " ops";
        }

        @Override
        public ObjectNode json() {
            return ResultJson.base(this).put("title", title).put("checked", checked);
        }

        static Result read(ResultJson.Reader in) {
            return new Result(in.required("title").asText(), in.required("checked").asLong(), in.findings());
        }
    }

    /**
     * @param f         the function whose ok values are judged, such as {@code read}
     * @param title     the anomaly it shows when broken, such as "Money created or lost"
     * @param violation null when a value holds, else why it does not ("the balances add up to 310, not 300")
     */
    static Result check(History history, String f, String title, Function<Object, String> violation) {
        long checked = 0;
        List<Finding> findings = new ArrayList<>();
        for (Operation op : history.operations()) {
            if (!op.f().equals(f) || op.outcome() != OpType.OK) {
                continue;
            }
            checked++;
            String why = violation.apply(op.value());
            if (why != null) {
                findings.add(new Finding(kind(title), title, "op #" + op.invoke().index() + " (" + op + "): " + why,
                        List.of(op)));
            }
        }
        return new Result(title, checked, findings);
    }

    static String kind(String title) {
        return title.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
