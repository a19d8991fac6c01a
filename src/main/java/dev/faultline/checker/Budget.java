package dev.faultline.checker;

import java.time.Duration;

/**
 * How much a linearizability search may spend before it answers {@link Verdict#UNKNOWN}: the search
 * is exponential in the worst case, and a verdict of unknown is better than an OutOfMemoryError.
 *
 * @param timeLimit    wall time for the whole check
 * @param maxMemoBytes memory for the memo tables of all partitions together (an estimate)
 */
public record Budget(Duration timeLimit, long maxMemoBytes) {

    /** A minute, and a third of the heap for memo tables. */
    public static Budget defaults() {
        return new Budget(Duration.ofMinutes(1), Runtime.getRuntime().maxMemory() / 3);
    }

    public Budget withTimeLimit(Duration limit) {
        return new Budget(limit, maxMemoBytes);
    }
}
