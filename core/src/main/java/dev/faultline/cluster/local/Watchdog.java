package dev.faultline.cluster.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A small JVM that outlives the harness by design and removes the run's namespaces, links, rules, processes,
 * state file and (unless kept) node data when the harness dies without closing its cluster, even by SIGKILL.
 *
 * <p>It learns of the death the way a pipe reader does: its stdin is a pipe whose only writer is the harness,
 * and the kernel closes that end when the harness dies, however it dies, so the watchdog reads end-of-file. A
 * harness that closes its cluster itself first writes {@link #DONE}, and the watchdog leaves at once. The
 * watchdog runs in a session of its own ({@code setsid}) so that a kill of the harness's process group (a CI
 * job's timeout) does not take it along, and carries no run tag, so no cleaner mistakes it for a leftover.
 * A root harness starts one per cluster ({@link AsRoot}); any other harness's {@link PrivilegedHelper} does the
 * same job for every run it made, the same way.
 */
public final class Watchdog {

    static final int DONE = 'd';
    private static final long STOP_WAIT_SECONDS = 5;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Starts the watchdog of {@code runId}; the run's state file tells it, later, which node data to remove. */
    static Watchdog start(String runId) {
        List<String> command = new ArrayList<>(List.of("setsid", java(),
                "-Xmx24m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + RunState.DIRECTORY_PROPERTY + "=" + RunState.directory().toAbsolutePath(),
                "-cp", classPath(), Watchdog.class.getName(), runId));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove(RunNames.RUN_ENV);
        try {
            return new Watchdog(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run's watchdog: " + e.getMessage(), e);
        }
    }

    /** Tells the watchdog the harness cleaned up itself, and waits briefly for it to leave. */
    void dismiss() {
        try (OutputStream toWatchdog = process.getOutputStream()) {
            toWatchdog.write(DONE);
        } catch (IOException alreadyGone) {
            // it left on its own: nothing to dismiss
        }
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** This JVM's own java. */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Only what the cleanup loads (and the privileged helper's, which loads the same): this project's classes and Jackson's (for the state file). The harness's own
     * class path may be a temporary jar (Surefire's manifest-only booter) gone by the time the watchdog needs it.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(Watchdog.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonAutoDetect.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
            }
        }
        return String.join(":", entries);
    }

    /** {@code Watchdog <run id>}: waits for the harness's end, then cleans up if it died. */
    public static void main(String[] args) throws IOException {
        if (awaitHarnessEnd(System.in) != DONE) {
            Cleaner.clean(args[0]);
        }
    }

    /** Blocks until the harness says {@link #DONE} or dies (end of file, -1): it writes nothing else. */
    static int awaitHarnessEnd(InputStream fromHarness) throws IOException {
        return fromHarness.read();
    }
}
