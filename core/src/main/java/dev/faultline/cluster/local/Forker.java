package dev.faultline.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts every long-lived child from one dedicated thread that lives as long as the JVM. Children run
 * under {@code setpriv --pdeathsig KILL}, and Linux fires that signal when the forking <em>thread</em>
 * exits, so forking from a pool thread that may retire would kill Cassandra at random.
 */
final class Forker {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-forker");
        t.setDaemon(true);
        return t;
    });

    private Forker() {
    }

    static Process start(ProcessBuilder builder) {
        try {
            return THREAD.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + builder.command(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(cause);
        }
    }
}
