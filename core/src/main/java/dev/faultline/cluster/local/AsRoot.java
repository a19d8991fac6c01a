package dev.faultline.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A harness that is root does what needs root itself, in its own JVM; a killed one is cleaned up by its {@link Watchdog}. */
final class AsRoot implements Privileged {

    @Override
    public List<Cleaner.Removed> cleanDeadRuns() {
        return Cleaner.removeDeadRuns();
    }

    @Override
    public Cleaner.Removed clean(String runId) {
        return Cleaner.removeRun(runId);
    }

    @Override
    public void createBridge(RunNames names) {
        Network.createBridge(names);
    }

    @Override
    public void createNode(RunNames names, String node) {
        Network.createNode(names, node, names.address(RunNames.nodeIndex(node)));
    }

    @Override
    public void block(RunNames names, String node, Collection<String> addresses, Collection<String> inboundOnly) {
        Network.block(names.namespace(node), names.runId(), addresses, inboundOnly);
    }

    @Override
    public void shape(RunNames names, String node, int kbitPerSecond) {
        if (kbitPerSecond == 0) {
            Network.restore(names.namespace(node));
        } else {
            Network.slow(names.namespace(node), kbitPerSecond);
        }
    }

    @Override
    public LaunchedProcess launch(RunNames names, String node, String processName, List<String> command,
                                  Map<String, String> env, Path logFile) {
        createParent(logFile);
        ProcessBuilder builder = inNamespace(names.namespace(node), List.of(), command, logFile);
        builder.environment().putAll(env);
        builder.environment().put(RunNames.RUN_ENV, names.runId());
        return LaunchedProcess.child(processName, Forker.start(builder));
    }

    @Override
    public Watch watch(String runId) {
        return Watchdog.start(runId)::dismiss;
    }

    /**
     * {@code command} inside {@code namespace}, with the credentials {@code setpriv} is given (none: root's own),
     * killed when the thread that forks it ends (see {@link Forker}), output appended to {@code logFile}.
     */
    static ProcessBuilder inNamespace(String namespace, List<String> credentials, List<String> command, Path logFile) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "setpriv"));
        wrapped.addAll(credentials);
        // No CAP_IPC_LOCK: as root Cassandra's mlockall would pin the whole heap and double RSS.
        wrapped.addAll(List.of("--pdeathsig", "KILL", "--bounding-set=-ipc_lock", "--"));
        wrapped.addAll(command);
        return new ProcessBuilder(wrapped)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    static void createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
