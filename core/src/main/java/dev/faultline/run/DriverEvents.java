package dev.faultline.run;

import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.session.Session;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import dev.faultline.workload.DriverErrors;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The driver's side of a level, told by the driver itself to {@code driver.log} beside the level's history, whatever
 * logging backend the build has: each node seen added, up, down or removed, and each request that failed, whole or
 * at one node. A line that cannot be written is dropped; the run never fails for its log.
 */
final class DriverEvents implements RequestTracker, NodeStateListener {

    static final String FILE = "driver.log";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final BufferedWriter out;
    /** The driver tells a tracker and a listener alike that the session is ready: this is both, so once is enough. */
    private final AtomicBoolean ready = new AtomicBoolean();

    private DriverEvents(BufferedWriter out) {
        this.out = out;
    }

    static DriverEvents into(Path levelDir) {
        try {
            Files.createDirectories(levelDir);
            return new DriverEvents(Files.newBufferedWriter(levelDir.resolve(FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + levelDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onSessionReady(Session session) {
        if (ready.getAndSet(true)) {
            return;
        }
        line("session ready, " + session.getMetadata().getNodes().size() + " nodes known");
    }

    @Override
    public void onAdd(Node node) {
        line("node " + node.getEndPoint() + " added");
    }

    @Override
    public void onUp(Node node) {
        line("node " + node.getEndPoint() + " up");
    }

    @Override
    public void onDown(Node node) {
        line("node " + node.getEndPoint() + " down");
    }

    @Override
    public void onRemove(Node node) {
        line("node " + node.getEndPoint() + " removed");
    }

    @Override
    public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile, Node node,
                        String logPrefix) {
        line("request failed after " + latencyNanos / 1_000_000 + " ms" + (node == null ? "" : " at " + node.getEndPoint())
                + ": " + DriverErrors.describe(error) + " (" + error.getMessage() + ")");
    }

    @Override
    public void onNodeError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile, Node node,
                            String logPrefix) {
        line("node " + node.getEndPoint() + " answered " + DriverErrors.describe(error) + " after "
                + latencyNanos / 1_000_000 + " ms");
    }

    private synchronized void line(String text) {
        try {
            out.write(LocalTime.now().format(TIME) + " " + text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // the log is a help to the reader, never a reason to stop a run
        }
    }

    /** The driver closes its trackers and listeners with the session: each closes the file, the second one nothing. */
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // closed already, or the disk is gone: nothing left to keep
        }
    }
}
