package dev.faultline.cluster.local;

import dev.faultline.cluster.Node;
import dev.faultline.cluster.NodeState;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Cassandra node in its own network namespace, plus any other process launched next to it. */
public final class LocalNode implements Node {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final InetAddress address;
    private final String namespace;
    private final Path directory;
    private final NodeLauncher launcher;
    private final List<LaunchedProcess> launched = new CopyOnWriteArrayList<>();
    private volatile LaunchedProcess cassandra;
    private volatile NodeState state = NodeState.STOPPED;

    LocalNode(String name, String address, String namespace, Path directory, NodeLauncher launcher) {
        this.name = name;
        try {
            this.address = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + address, e);
        }
        this.namespace = namespace;
        this.directory = directory;
        this.launcher = launcher;
    }

    /** Cassandra died on its own: waiting longer will not help. */
    static final class ExitedException extends IllegalStateException {
        ExitedException(String message) {
            super(message);
        }
    }

    /** What every node needs to start processes: the run's tag, Java 17, Cassandra's jars and root's help. */
    record NodeLauncher(RunNames names, Path java, Path cassandraLib, Privileged privileged) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public InetSocketAddress cqlAddress() {
        return new InetSocketAddress(address, CassandraConfig.CQL_PORT);
    }

    @Override
    public NodeState state() {
        return state;
    }

    /** The network namespace the node lives in, for {@code ip netns exec}. */
    public String namespace() {
        return namespace;
    }

    /** The node's directory: config, logs and (until the cluster closes) data. */
    public Path directory() {
        return directory;
    }

    /** Pid of the Cassandra JVM, or -1 when it is not running. */
    public long pid() {
        LaunchedProcess p = cassandra;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    /**
     * Runs {@code command} inside this node's namespace with {@code env} added, output appended to
     * {@code logFile}. The process is tagged with the run and dies with the harness; the cluster stops it on close.
     */
    public LaunchedProcess launch(String processName, List<String> command, Map<String, String> env, Path logFile) {
        LaunchedProcess process = start(processName, command, env, logFile);
        launched.add(process);
        return process;
    }

    private LaunchedProcess start(String processName, List<String> command, Map<String, String> env, Path logFile) {
        return launcher.privileged().launch(launcher.names(), name, processName, command, env, logFile);
    }

    /** Writes the node's config (kept across restarts) and starts Cassandra. */
    void start(String yaml, int heapMegabytes, List<String> extraJvmFlags) {
        try {
            Files.createDirectories(directory.resolve("logs"));
            Files.writeString(directory.resolve("cassandra.yaml"), yaml);
            Files.writeString(directory.resolve("cassandra-rackdc.properties"), CassandraConfig.rackdc());
            Files.writeString(directory.resolve("logback.xml"), CassandraConfig.logback(directory.resolve("logs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        relaunch(heapMegabytes, extraJvmFlags);
    }

    void relaunch(int heapMegabytes, List<String> extraJvmFlags) {
        List<String> command = CassandraConfig.daemonCommand(launcher.java(), launcher.cassandraLib(), directory,
                launcher.names().runTag(), heapMegabytes, extraJvmFlags);
        LaunchedProcess process = start("cassandra-" + name, command, Map.of(), directory.resolve("stdout.log"));
        cassandra = process;
        state = NodeState.UP;
    }

    /** Fails fast when the JVM died during start-up, pointing at its logs. */
    void requireRunning() {
        LaunchedProcess p = cassandra;
        if (p == null || !p.isAlive()) {
            throw new ExitedException("Cassandra on " + name + " exited; see " + directory.resolve("stdout.log")
                    + " and " + directory.resolve("logs/system.log"));
        }
    }

    void kill() {
        requireProcess().kill();
        state = NodeState.KILLED;
    }

    void pause() {
        LaunchedProcess p = requireProcess();
        p.signal("STOP");
        awaitProcState(p, 'T');
        state = NodeState.PAUSED;
    }

    void resume() {
        LaunchedProcess p = requireProcess();
        p.signal("CONT");
        awaitProcState(p, 'S', 'R', 'D');
        state = NodeState.UP;
    }

    /** NodeTool drain inside the namespace (JMX listens on the node's loopback), then a clean stop. */
    void drain() {
        LaunchedProcess p = requireProcess();
        nodetool("drain");
        p.stop(STOP_GRACE);
        state = NodeState.DRAINED;
    }

    /** Whether this node, as a coordinator, stores hints for replicas it cannot reach; until the next restart. */
    void hintedHandoff(boolean enabled) {
        requireProcess();
        nodetool(enabled ? "enablehandoff" : "disablehandoff");
    }

    private void nodetool(String command) {
        List<String> nodetool = CassandraConfig.nodetoolCommand(launcher.java(), launcher.cassandraLib(),
                launcher.names().runTag(), command);
        LaunchedProcess tool = start("nodetool-" + name, nodetool, Map.of(), directory.resolve("nodetool.log"));
        if (!tool.waitFor(Duration.ofSeconds(120)) || !tool.exitedCleanly()) {
            tool.kill();
            throw new IllegalStateException("nodetool " + command + " on " + name + " failed; see " + directory.resolve("nodetool.log"));
        }
    }

    /** Stops Cassandra and everything launched in the namespace. */
    void stop() {
        for (LaunchedProcess p : launched) {
            p.stop(Duration.ofSeconds(10));
        }
        launched.clear();
        LaunchedProcess p = cassandra;
        if (p != null && p.isAlive()) {
            if (state == NodeState.PAUSED) {
                p.signal("CONT");
            }
            p.stop(STOP_GRACE);
        }
        state = NodeState.STOPPED;
    }

    /** SIGKILL for everything in the namespace: the fast way out when the data is thrown away anyway. */
    void forceStop() {
        launched.forEach(LaunchedProcess::kill);
        launched.clear();
        LaunchedProcess p = cassandra;
        if (p != null && p.isAlive()) {
            p.kill();
        }
        state = NodeState.STOPPED;
    }

    private LaunchedProcess requireProcess() {
        LaunchedProcess p = cassandra;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("node " + name + " is not running (state " + state + ")");
        }
        return p;
    }

    private static void awaitProcState(LaunchedProcess p, char... expected) {
        String states = new String(expected);
        await().alias(p + " reaches state " + states).atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> states.indexOf(p.procState()) >= 0);
    }

    @Override
    public String toString() {
        return name + " " + address.getHostAddress() + " " + state;
    }
}
