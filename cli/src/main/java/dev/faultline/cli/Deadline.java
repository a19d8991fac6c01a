package dev.faultline.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** One {@code --time-limit} for a whole command: reading the input and checking it spend the same time. */
final class Deadline {

    /** Stack of the reading thread: parsers recurse, and their depth is bounded, but not by much less. */
    private static final long READER_STACK_BYTES = 64L << 20;

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    /** What is left, at least a nanosecond (a zero budget would mean "no limit" to the checker). */
    Duration remaining() {
        return Duration.ofNanos(Math.max(1, endNanos - System.nanoTime()));
    }

    /**
     * Runs {@code work} on a thread of its own and waits for it until the deadline.
     *
     * @return its result, or empty when the time ran out first (the thread, a daemon, is abandoned)
     */
    <T> Optional<T> run(Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread thread = new Thread(null, task, "faultline-read", READER_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            return Optional.of(task.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            thread.interrupt();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
