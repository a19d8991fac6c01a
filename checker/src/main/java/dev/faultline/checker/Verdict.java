package dev.faultline.checker;

/** What a checker concluded. */
public enum Verdict {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    /** The budget (time or memory) ran out before an answer. */
    UNKNOWN;

    /** The protocol's answer this verdict is. */
    public Validity validity() {
        return switch (this) {
            case LINEARIZABLE -> Validity.VALID;
            case NOT_LINEARIZABLE -> Validity.INVALID;
            case UNKNOWN -> Validity.UNKNOWN;
        };
    }

    /** The verdict of a whole made of parts: any violation wins, then any unknown. */
    public Verdict and(Verdict other) {
        if (this == NOT_LINEARIZABLE || other == NOT_LINEARIZABLE) {
            return NOT_LINEARIZABLE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : LINEARIZABLE;
    }
}
