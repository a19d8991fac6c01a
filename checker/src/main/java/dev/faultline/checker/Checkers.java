package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.model.Model;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The one registry of checkers: each checker's name (also the tag its results carry in analysis.json), the
 * histories it fits, how it is made from a run's options and how its result is read back. A workload, a lesson and
 * {@code faultline check} all ask it for every checker that fits their {@link Shape}, so a run and its re-check run
 * the same checkers; a new checker is its class and one line in {@link #KINDS}.
 */
public final class Checkers {

    /** What a history holds, which decides the checkers that fit it. */
    public enum Shape {
        /** Reads, writes and compare-and-sets of registers. */
        REGISTER,
        /** A register history in which no value is written twice to a key, so a read names the write it saw. */
        UNIQUE_REGISTER,
        /** Adds of integer deltas and reads of totals. */
        COUNTER,
        /** Adds of elements and reads of the whole set. */
        SET,
        /** Each writer's numbered appends and read-alls. */
        SEQUENCES,
        /** A team's own ops, checked by the checks its test names. */
        OWN;

        /** The shape of a history read from a file, told by its ops, as its run's workload knew it. */
        public static Shape of(List<Operation> ops) {
            if (CounterChecker.fits(ops)) {
                return COUNTER;
            }
            if (LostWrites.fitsSet(ops)) {
                return SET;
            }
            if (LostWrites.fitsSequences(ops)) {
                return SEQUENCES;
            }
            return SessionGuarantees.fits(ops) ? UNIQUE_REGISTER : REGISTER;
        }
    }

    /**
     * What a checker may be made from.
     *
     * @param model    the sequential model a linearizability search checks against
     * @param sessions how many clients ran (process ids are taken modulo this)
     */
    public record Options(Shape shape, Model<?> model, Budget budget, int sessions) {
    }

    /** One checker: its name, the shapes it fits, how it is made, how its result is read back from JSON. */
    private record Kind(String name, Set<Shape> fits, Function<Options, Checker> make,
                        Function<ResultJson.Reader, CheckerResult> read) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(LinearizabilityResult.NAME, Set.of(Shape.REGISTER, Shape.UNIQUE_REGISTER),
                    options -> linearizability(options.model(), options.budget()), LinearizabilityResult::read),
            new Kind(LostWrites.NAME, Set.of(Shape.SET, Shape.SEQUENCES),
                    options -> options.shape() == Shape.SET ? lostWritesOfSet() : lostWritesOfSequences(), LostWrites::read),
            new Kind(SessionGuarantees.NAME, Set.of(Shape.UNIQUE_REGISTER),
                    options -> sessionGuarantees(options.sessions()), SessionGuarantees.Result::read),
            new Kind(CounterChecker.NAME, Set.of(Shape.COUNTER), options -> counter(), CounterChecker.Counters::read),
            new Kind(Invariant.NAME, Set.of(), options -> {
                throw new IllegalArgumentException("an invariant is a test's own: make it with Checkers.invariant");
            }, Invariant.Result::read),
            new Kind(RealTimeReads.NAME, Set.of(Shape.UNIQUE_REGISTER),
                    options -> checker(RealTimeReads.NAME, RealTimeReads::check), RealTimeReads.Result::read));

    /** Every checker's name, as its results and analysis.json carry it. */
    public static final List<String> NAMES = KINDS.stream().map(Kind::name).toList();

    private Checkers() {
    }

    /** Every checker that fits histories of {@code options.shape()}, in the registry's order. */
    public static List<Checker> fitting(Options options) {
        return KINDS.stream().filter(kind -> kind.fits().contains(options.shape()))
                .map(kind -> kind.make().apply(options)).toList();
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
        return checker(SessionGuarantees.NAME, history -> SessionGuarantees.check(history, sessions, SessionGuarantees.NO_INITIAL));
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
        return KINDS.stream().filter(kind -> kind.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("checker '" + Echo.of(name) + "' is not one of "
                        + String.join(", ", NAMES)))
                .read().apply(in);
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
