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
