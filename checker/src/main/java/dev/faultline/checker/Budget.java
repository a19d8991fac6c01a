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
 * @param threads              threads the check may keep busy: partitions are decided side by side,
 *                             and a long search of one partition is helped by threads left idle
 */
public record Budget(Duration timeLimit, long maxMemoBytes, boolean stopAtFirstViolation, int threads) {

    public Budget {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** A minute, a third of the heap for memo tables, stop at the first violation, every core. */
    public static Budget defaults() {
        return new Budget(Duration.ofMinutes(1), Runtime.getRuntime().maxMemory() / 3, true,
                Runtime.getRuntime().availableProcessors());
    }

    public Budget withTimeLimit(Duration limit) {
        return new Budget(limit, maxMemoBytes, stopAtFirstViolation, threads);
    }

    /** At most {@code n} threads; 1 checks one partition at a time, with no help. */
    public Budget withThreads(int n) {
        return new Budget(timeLimit, maxMemoBytes, stopAtFirstViolation, n);
    }

    /** Searches every partition to its own verdict, to name every key that is not linearizable. */
    public Budget checkingEveryPartition() {
        return new Budget(timeLimit, maxMemoBytes, false, threads);
    }
}
