package dev.faultline.checker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Budget} being spent by the searches of one check, shared by its parallel partitions: time,
 * memo memory, and threads (those not taken by partitions may help a long search).
 */
final class SearchBudget implements Spending {

    /** Steps a search of one partition takes alone before idle threads may help it. */
    static final long HELP_AFTER_STEPS = 1 << 20;

    private final long deadlineNanos;
    private final long maxMemoBytes;
    private final AtomicLong memoBytes = new AtomicLong();
    private final boolean stopAtFirstViolation;
    private volatile boolean violationFound;
    private final int threads;
    private final AtomicInteger busyThreads = new AtomicInteger();
    private final long helpAfterSteps;

    SearchBudget(Budget budget) {
        this(budget, HELP_AFTER_STEPS);
    }

    SearchBudget(Budget budget, long helpAfterSteps) {
        long limit = budget.timeLimit().toNanos();
        this.deadlineNanos = System.nanoTime() + (limit <= 0 ? Long.MAX_VALUE / 2 : limit);
        this.maxMemoBytes = budget.maxMemoBytes();
        this.stopAtFirstViolation = budget.stopAtFirstViolation();
        this.threads = budget.threads();
        this.helpAfterSteps = helpAfterSteps;
    }

    void violationFound() {
        violationFound = true;
    }

    @Override
    public boolean stopped() {
        return stopAtFirstViolation && violationFound;
    }

    @Override
    public boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    @Override
    public boolean charge(long bytes) {
        return memoBytes.addAndGet(bytes) <= maxMemoBytes;
    }

    @Override
    public void release(long bytes) {
        memoBytes.addAndGet(-bytes);
    }

    /** True while the searches together hold at most {@code share} of the memory budget. */
    boolean within(double share) {
        return memoBytes.get() <= maxMemoBytes * share;
    }

    int threads() {
        return threads;
    }

    long helpAfterSteps() {
        return helpAfterSteps;
    }

    /** Takes a thread for a search, even past the count: a partition is always searched. */
    void takeThread() {
        busyThreads.incrementAndGet();
    }

    /** Takes up to {@code wanted} of the threads no search uses; how many it took. */
    int takeIdleThreads(int wanted) {
        while (true) {
            int busy = busyThreads.get();
            int taken = Math.min(wanted, threads - busy);
            if (taken <= 0) {
                return 0;
            }
            if (busyThreads.compareAndSet(busy, busy + taken)) {
                return taken;
            }
        }
    }

    void giveBackThreads(int count) {
        busyThreads.addAndGet(-count);
    }
}
