package dev.faultline.model;

/**
 * What one op does to a model whose whole state is a single value: the facts the checker reasons with
 * before it searches (see {@link Model#registerEffect}). Values are compared with equals.
 */
public sealed interface RegisterEffect {

    /** Requires nothing and changes nothing: an indeterminate read, or a nil read in Knossos. */
    record Unconstrained() implements RegisterEffect {}

    /** Can happen only when the state is {@code value}, and leaves it: a read. */
    record Observes(Object value) implements RegisterEffect {}

    /** Sets the state to {@code value} whatever it was: a write. */
    record Sets(Object value) implements RegisterEffect {}

    /** Can happen only when the state is {@code expected}, and sets it to {@code value}: a cas. */
    record Swaps(Object expected, Object value) implements RegisterEffect {}

    /**
     * Requires nothing and sets the state, a string, to itself followed by {@code suffix}: Porcupine's
     * append. Not a single-value effect: the checker reasons about it apart.
     */
    record Appends(String suffix) implements RegisterEffect {}
}
