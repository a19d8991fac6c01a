package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.model.Model;

import java.util.List;
import java.util.function.Function;

/**
 * The checkers a workload can declare, and the one way back from a result's JSON form: each
 * checker's name is also the tag its results carry in analysis.json.
 */
public final class Checkers {

    /** Every checker's name, as its results and analysis.json carry it. */
    public static final List<String> NAMES = List.of(LinearizabilityResult.NAME, LostWrites.NAME, SessionGuarantees.NAME,
            CounterChecker.NAME, Invariant.NAME);

    private Checkers() {
    }

    /** Linearizability against {@code model}, with each violation told as an anomaly. */
    public static <S> Checker linearizability(Model<S> model, Budget budget) {
        return checker(LinearizabilityResult.NAME,
                history -> LinearizabilityResult.of(LinearizabilityChecker.check(history, model, budget), history));
    }

    /** Acknowledged adds against the set's final read. */
    public static Checker lostWritesOfSet() {
        return checker(LostWrites.NAME, LostWrites::ofSet);
    }

    /** Each writer's acknowledged appends against its final read-all. */
    public static Checker lostWritesOfSequences() {
        return checker(LostWrites.NAME, LostWrites::ofSequences);
    }

    /**
     * Read-your-writes and monotonic reads for register histories with unique written values.
     *
     * @param sessions how many clients ran (process ids are taken modulo this)
     */
    public static Checker sessionGuarantees(int sessions) {
        return checker(SessionGuarantees.NAME, history -> SessionGuarantees.check(history, sessions, null));
    }

    /** Counter totals against the increments acknowledged and the ones that may have happened. */
    public static Checker counter() {
        return checker(CounterChecker.NAME, CounterChecker::check);
    }

    /**
     * A property every ok {@code f} must hold of its value, as a test states it of its own data.
     *
     * @param title     the anomaly a broken one shows, such as "Money created or lost"
     * @param violation null when a value holds, else why it does not
     */
    public static Checker invariant(String f, String title, Function<Object, String> violation) {
        if (title == null || Invariant.kind(title).isEmpty()) {
            throw new IllegalArgumentException("an invariant needs a title with a letter or digit, such as \"Money created or lost\"");
        }
        return checker(Invariant.NAME, history -> Invariant.check(history, f, title, violation));
    }

    /**
     * A result back from its JSON form, its ops taken from {@code history}.
     *
     * @throws IllegalArgumentException naming the field, when the form is not one a checker writes
     */
    public static CheckerResult read(JsonNode json, History history) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a check must be an object with a 'checker' field");
        }
        ResultJson.Reader in = new ResultJson.Reader(json, history);
        String name = in.required("checker").asText();
        return switch (name) {
            case LinearizabilityResult.NAME -> LinearizabilityResult.read(in);
            case LostWrites.NAME -> LostWrites.read(in);
            case SessionGuarantees.NAME -> SessionGuarantees.Result.read(in);
            case CounterChecker.NAME -> CounterChecker.Counters.read(in);
            case Invariant.NAME -> Invariant.Result.read(in);
            default -> throw new IllegalArgumentException("checker '" + Echo.of(name) + "' is not one of "
                    + String.join(", ", NAMES));
        };
    }

    private static Checker checker(String name, Function<History, CheckerResult> check) {
        return new Named(name, check);
    }

    private record Named(String name, Function<History, CheckerResult> function) implements Checker {
        @Override
        public CheckerResult check(History history) {
            return function.apply(history);
        }
    }
}
