package dev.faultline.workload;

import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One client thread: invoke, record, call, record the outcome, at a steady pace until the deadline.
 * After an indeterminate op the client takes a new process id (its old one may still have an op in
 * flight, as Jepsen does), so every process has at most one open op in the history.
 */
public final class ClientLoop implements Runnable {

    private final int slot;
    private final int processStride;
    private final Client client;
    private final Function<Random, Invocation> generator;
    private final Random random;
    private final HistoryRecorder recorder;
    private final long intervalNanos;
    private final long deadlineNanos;
    private final AtomicLong remaining;

    /**
     * @param slot          this client's first process id, 0 … concurrency-1
     * @param processStride how far to jump to a fresh process id (the number of clients)
     * @param opsPerSecond  this client's pace; 0 for as fast as it can
     * @param deadlineNanos {@link System#nanoTime()} at which to stop invoking
     * @param recorder      where ops go; null only to measure what recording costs (bench workload)
     */
    public ClientLoop(int slot, int processStride, Client client, Function<Random, Invocation> generator,
                      Random random, HistoryRecorder recorder, double opsPerSecond, long deadlineNanos) {
        this(slot, processStride, client, generator, random, recorder, opsPerSecond, deadlineNanos, null);
    }

    /**
     * As above, stopping also when the clients together have invoked as many ops as {@code remaining} held.
     *
     * @param remaining the ops every client of the run may still invoke, shared by them; null for no limit
     */
    public ClientLoop(int slot, int processStride, Client client, Function<Random, Invocation> generator,
                      Random random, HistoryRecorder recorder, double opsPerSecond, long deadlineNanos,
                      AtomicLong remaining) {
        this.remaining = remaining;
        this.slot = slot;
        this.processStride = processStride;
        this.client = client;
        this.generator = generator;
        this.random = random;
        this.recorder = recorder;
        this.intervalNanos = opsPerSecond <= 0 ? 0 : (long) (1e9 / opsPerSecond);
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void run() {
        int process = slot;
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return;
            }
            if (next - now > 0) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            // a client that fell behind (a slow op) starts afresh rather than bursting to catch up
            next = Math.max(next, now - intervalNanos) + intervalNanos;
            if (remaining != null && remaining.getAndDecrement() <= 0) {
                return;
            }
            Invocation op = generator.apply(random);
            boolean open = recorder == null ? client.invoke(op).type() == OpType.INFO
                    : RecordedCall.of(recorder, Process.client(process), client, op).leavesProcessOpen();
            if (open) {
                process += processStride;
            }
        }
    }
}
