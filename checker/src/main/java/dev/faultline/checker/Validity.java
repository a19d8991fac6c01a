package dev.faultline.checker;

/** Every checker's three-way answer, as Jepsen's {@code :valid?}: true, false or unknown. */
public enum Validity {
    VALID,
    INVALID,
    /** The checker could not decide: a budget ran out, or the history holds nothing it could check. */
    UNKNOWN;

    /** The answer of a whole made of parts: any invalid part wins, then any unknown one. */
    public Validity and(Validity other) {
        if (this == INVALID || other == INVALID) {
            return INVALID;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
    }
}
