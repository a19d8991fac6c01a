package dev.faultline.model;

import dev.faultline.history.Operation;
import java.util.Set;

/**
 * A sequential specification, as in Porcupine: an initial state and a step function over immutable
 * states. States are values: the checker memoises them, so they must implement equals and hashCode
 * and never change.
 *
 * @param <S> the state type; never null (null from {@link #step} means "cannot happen")
 */
public interface Model<S> {

    /** A short name, as given to {@code --model}. */
    String name();

    /** The functions ({@code f}) this model can step; any other op is bad input. */
    Set<String> functions();

    S init();

    /**
     * The state after {@code op} takes effect in {@code state}, or null when {@code op} cannot
     * happen there (a read that returned another value, a cas whose expected value differs...).
     * An indeterminate op ({@link Operation#isIndeterminate()}) must be stepped as having taken
     * effect: whether it did at all is the checker's business.
     */
    S step(S state, Operation op);

    /**
     * True when {@code op} only observes: in every state where it can happen, it leaves the state
     * as it is (a read, a failed cas). The checker takes such ops as early as it can, with no
     * alternative to try, which prunes most of the search on read-heavy histories. False is
     * always safe.
     */
    default boolean readOnly(Operation op) {
        return false;
    }

    /**
     * What {@code op} does, when this model's state is one value that ops observe and set, and the op
     * does nothing else: the facts the checker refutes and reduces histories with before searching.
     * Null (the default, and always safe) for any op whose effect is not one of these, which leaves
     * its whole partition to the search alone.
     */
    default RegisterEffect registerEffect(Operation op) {
        return null;
    }

    /**
     * Ops in different partitions never affect each other, so each partition can be checked on its
     * own (P-compositionality). Independent keys are the usual partition.
     */
    default Object partition(Operation op) {
        return op.key();
    }

    default String describe(Operation op) {
        return op.toString();
    }

    default String describeState(S state) {
        return String.valueOf(state);
    }
}
