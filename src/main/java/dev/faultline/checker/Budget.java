package dev.faultline.checker;

import java.time.Duration;

/**
 * How much a linearizability search may spend before it answers {@link Verdict#UNKNOWN}: the search
 * is exponential in the worst case, and a verdict of unknown is better than an OutOfMemoryError.
 *
 * @param timeLimit            wall time for the whole check
 * @param maxMemoBytes         memory for the memo tables of all partitions together (an estimate)
 * @param stopAtFirstViolation once one partition is not linearizable the total verdict is known:
 *                             stop the others (as Porcupine does) rather than search them to the end
 */
public record Budget(Duration timeLimit, long maxMemoBytes, boolean stopAtFirstViolation) {

    /** A minute, a third of the heap for memo tables, and stop at the first violation. */
    public static Budget defaults() {
        return new Budget(Duration.ofMinutes(1), Runtime.getRuntime().maxMemory() / 3, true);
    }

    public Budget withTimeLimit(Duration limit) {
        return new Budget(limit, maxMemoBytes, stopAtFirstViolation);
    }

    public Budget withMaxMemoBytes(long bytes) {
        return new Budget(timeLimit, bytes, stopAtFirstViolation);
    }

    /** Searches every partition to its own verdict, to name every key that is not linearizable. */
    public Budget checkingEveryPartition() {
        return new Budget(timeLimit, maxMemoBytes, false);
    }
}
