package dev.faultline.checker;

/** What one search spends, and what it is told while it runs: the check's budget or a share of it. */
interface Spending {

    /** True once searching on is pointless: another partition already decided the verdict. */
    boolean stopped();

    boolean pastDeadline();

    /** Records {@code bytes} more memo memory in use; false once the search may use no more. */
    boolean charge(long bytes);

    /** Gives back memory of a finished search. */
    void release(long bytes);

    /**
     * Asked now and then by a long search, with the steps it took so far: true once a search beside
     * it linearized the same partition, so this one may stop with that verdict.
     */
    default boolean linearizedElsewhere(long steps) {
        return false;
    }
}
