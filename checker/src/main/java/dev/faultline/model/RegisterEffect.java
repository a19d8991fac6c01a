package dev.faultline.model;

import java.util.Objects;

/**
 * What one op does to a model whose whole state is a single value: the facts the checker reasons with
 * before it searches (see {@link Model#registerEffect}). Values are compared with equals and are never
 * null: a read of nil observes the model's state for nil (the register's {@link RegisterModel#UNWRITTEN}),
 * or nothing at all ({@link Unconstrained}) where nil matches anything, as in Knossos.
 */
public sealed interface RegisterEffect {

    /** Requires nothing and changes nothing: an indeterminate read, or a nil read in Knossos. */
    record Unconstrained() implements RegisterEffect {}

    /** Can happen only when the state is {@code value}, and leaves it: a read. */
    record Observes(Object value) implements RegisterEffect {
        public Observes {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Can happen only when the state is not {@code value}, and leaves it: Porcupine's failed cas, which
     * ran and found another value than the one it expected.
     */
    record ObservesOther(Object value) implements RegisterEffect {
        public ObservesOther {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Sets the state to {@code value} whatever it was: a write. */
    record Sets(Object value) implements RegisterEffect {
        public Sets {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Can happen only when the state is {@code expected}, and sets it to {@code value}: a cas. */
    record Swaps(Object expected, Object value) implements RegisterEffect {
        public Swaps {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Requires nothing and sets the state, a string, to itself followed by {@code suffix}: Porcupine's
     * append. Not a single-value effect: the checker reasons about it apart.
     */
    record Appends(String suffix) implements RegisterEffect {}
}
