package dev.faultline.checker;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link Budget} being spent by the searches of one check, shared by its parallel partitions. */
final class SearchBudget {

    private final long deadlineNanos;
    private final long maxMemoBytes;
    private final AtomicLong memoBytes = new AtomicLong();

    SearchBudget(Budget budget) {
        long limit = budget.timeLimit().toNanos();
        this.deadlineNanos = System.nanoTime() + (limit <= 0 ? Long.MAX_VALUE / 2 : limit);
        this.maxMemoBytes = budget.maxMemoBytes();
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    /** Records {@code bytes} more memo memory in use; false once the total is over the budget. */
    boolean charge(long bytes) {
        return memoBytes.addAndGet(bytes) <= maxMemoBytes;
    }

    /** Gives back memory of a finished search. */
    void release(long bytes) {
        memoBytes.addAndGet(-bytes);
    }
}
