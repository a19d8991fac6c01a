package dev.faultline.checker;

/**
 * The verdict on one partition (usually one key).
 *
 * @param key            the partition's key, or null for a single-object history
 * @param verdict        linearizable, not, or unknown
 * @param operations     ops checked (failed ops excluded)
 * @param counterexample why not, when {@link Verdict#NOT_LINEARIZABLE}; else null
 * @param unknownReason  which budget ran out, when {@link Verdict#UNKNOWN}; else null
 * @param memoEntries    distinct (linearized set, state) pairs the search visited
 */
public record PartitionResult(
        Object key, Verdict verdict, int operations, Counterexample counterexample, String unknownReason,
        long memoEntries) {

    /** The reason of a partition left unfinished because another was found not linearizable. */
    public static final String STOPPED = "not finished: another key was found not linearizable";

    public boolean stopped() {
        return STOPPED.equals(unknownReason);
    }
}
