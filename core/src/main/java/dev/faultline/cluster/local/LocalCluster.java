package dev.faultline.cluster.local;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Link;
import dev.faultline.cluster.NetworkShaping;
import dev.faultline.cluster.DriverSettings;
import dev.faultline.cluster.Node;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.Topology;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Cassandra cluster on this host: one network namespace per node on a bridge named after the run,
 * a Cassandra 5.0 JVM (Java 17) in each, faults made of iptables rules and signals.
 *
 * <pre>{@code
 * try (Cluster cluster = LocalCluster.nodes(3).replicationFactor(2).start()) { ... }
 * }</pre>
 */
public final class LocalCluster implements Cluster, NetworkShaping {

    static final String LIB_PROPERTY = "faultline.cassandra.lib";
    static final String RESULTS_PROPERTY = "faultline.results";
    /** In the state directory: held while a run picks its subnet and creates its bridge. */
    static final String SUBNET_LOCK = "subnets.lock";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(40);
    /** A wait longer than this says what it waits for, so a slow boot is never silent. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final RunNames names;
    private final Topology topology;
    private final Settings settings;
    private final List<LocalNode> nodes;
    private final Path runDirectory;
    private final String cassandraVersion;
    private final Thread shutdownHook;
    /** Cleans up after this harness if it dies without closing the cluster. */
    private final Privileged.Watch watchdog;
    private final Privileged privileged;
    private final Map<String, Set<String>> blocked = new HashMap<>();
    /** The nodes whose sending is capped (slow-network). */
    private final Set<String> slowed = ConcurrentHashMap.newKeySet();
    /** Per node, the addresses of the nodes it hears nothing from (one-way cuts; see {@link Network#rules}). */
    private final Map<String, Set<String>> deaf = new HashMap<>();
    private volatile AdminSession admin;
    private volatile boolean closed;
    private final ClassDataSharing classDataSharing;
    /** The node recording the class-data archive on this run, if none existed yet; it must exit cleanly. */
    private volatile LocalNode recordingNode;

    /** Everything besides the topology that shapes a run; defaults suit tests on a small machine. */
    record Settings(Path resultsDirectory, Path runDirectory, int heapMegabytes, boolean keepData,
                    List<String> extraJvmFlags, boolean classDataSharing, String cassandraVersion, Consumer<String> progress) {
    }

    public static Builder nodes(int nodes) {
        return new Builder().nodes(nodes);
    }

    public static Builder topology(Topology topology) {
        return new Builder().nodes(topology.nodes()).replicationFactor(topology.replicationFactor())
                .cassandraVersion(topology.cassandraVersion());
    }

    /** Reads as a sentence: {@code LocalCluster.nodes(3).replicationFactor(2).start()}. */
    public static final class Builder {
        private int nodes = Topology.DEFAULT_NODES;
        private int replicationFactor = Topology.DEFAULT_REPLICATION_FACTOR;
        private Path resultsDirectory;
        private Path runDirectory;
        private Consumer<String> progress = line -> { };
        private int heapMegabytes = 512;
        private boolean keepData;
        private boolean classDataSharing = true;
        private String cassandraVersion = Topology.DEFAULT_CASSANDRA_VERSION;
        private final List<String> extraJvmFlags = new ArrayList<>();

        private Builder() {
        }

        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        public Builder replicationFactor(int replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Where {@code <run id>/nodes/<node>/} goes; default {@code results/} (or -Dfaultline.results). */
        public Builder resultsDirectory(Path resultsDirectory) {
            this.resultsDirectory = resultsDirectory;
            return this;
        }

        /** The run folder that holds {@code nodes/<node>/} (logs, config, data); replaces {@code <results>/<run id>}. */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /** Hears a line for each long phase of the start (resolving Cassandra, each node's boot, the ring forming). */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** Heap of each Cassandra JVM (-Xms = -Xmx); 512 MB by default. */
        public Builder heapMegabytes(int heapMegabytes) {
            if (heapMegabytes < 128) {
                throw new IllegalArgumentException("heapMegabytes must be at least 128, got " + heapMegabytes);
            }
            this.heapMegabytes = heapMegabytes;
            return this;
        }

        /** Keep the nodes' data directories after close (logs are always kept). */
        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** Share one AppCDS archive of Cassandra's classes between node JVMs (recorded on first use); on by default. */
        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /**
         * The Cassandra release every node runs ({@value Topology#DEFAULT_CASSANDRA_VERSION} by default),
         * resolved from your Maven repositories on first use and cached.
         */
        public Builder cassandraVersion(String version) {
            this.cassandraVersion = version;
            return this;
        }

        /** Extra flags for every Cassandra JVM. */
        public Builder jvmFlags(List<String> flags) {
            extraJvmFlags.addAll(flags);
            return this;
        }

        public LocalCluster start() {
            Topology topology = new Topology(nodes, replicationFactor, cassandraVersion);
            if (nodes > RunNames.MAX_NODES) {
                throw new IllegalArgumentException("nodes must be at most " + RunNames.MAX_NODES + ", got " + nodes);
            }
            CassandraJdk.requireSupported(cassandraVersion);
            Path results = resultsDirectory != null ? resultsDirectory : defaultResultsDirectory();
            return LocalCluster.start(topology, new Settings(results, runDirectory, heapMegabytes, keepData,
                    List.copyOf(extraJvmFlags), classDataSharing, cassandraVersion, progress));
        }
    }

    static Path defaultResultsDirectory() {
        String configured = System.getProperty(RESULTS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getProperty("faultline.home");
        return home != null ? Path.of(home, "results") : Path.of("results");
    }

    /**
     * The folder of Cassandra's jars: {@code -Dfaultline.cassandra.lib} when set (a folder made by hand or by
     * another build), else {@code version} resolved with Maven, once.
     */
    static Path cassandraLib(String version) {
        String configured = System.getProperty(LIB_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return CassandraDistribution.lib(version, line -> System.err.println("faultline: " + line));
        }
        Path lib = Path.of(configured);
        try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            if (jars.noneMatch(j -> j.getFileName().toString().startsWith("cassandra-all-"))) {
                throw new MissingPrerequisiteException("no Cassandra runtime in " + lib.toAbsolutePath()
                        + " (-D" + LIB_PROPERTY + "): it needs a cassandra-all jar and its dependencies");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lib.toAbsolutePath();
    }

    private static LocalCluster start(Topology topology, Settings settings) {
        Prerequisites.checkForCluster(settings.cassandraVersion());
        Privileged privileged = Privileged.acquire();
        Path java = CassandraJdk.find(settings.cassandraVersion());
        Path lib = cassandraLib(settings.cassandraVersion());
        privileged.cleanDeadRuns();
        LocalCluster cluster = createNetwork(topology, settings, java, lib, privileged);
        try {
            cluster.boot();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Picks a free subnet and claims it with the bridge under a host-wide lock, so concurrent runs never collide. */
    private static LocalCluster createNetwork(Topology topology, Settings settings, Path java, Path lib, Privileged privileged) {
        Path lockFile = RunState.directory().resolve(SUBNET_LOCK);
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                RunNames names = new RunNames(RunNames.newRunId(), Network.firstFreeSubnet(Network.subnetsInUse()));
                LocalCluster cluster = new LocalCluster(names, topology, settings, java, lib, privileged);
                privileged.createBridge(names);
                return cluster;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalCluster(RunNames names, Topology topology, Settings settings, Path java, Path lib, Privileged privileged) {
        this.names = names;
        this.privileged = privileged;
        this.topology = topology;
        this.settings = settings;
        this.runDirectory = (settings.runDirectory() != null ? settings.runDirectory()
                : settings.resultsDirectory().resolve(names.runId())).toAbsolutePath();
        this.classDataSharing = ClassDataSharing.of(java, lib);
        this.cassandraVersion = CassandraDistribution.versionIn(lib);
        LocalNode.NodeLauncher launcher = new LocalNode.NodeLauncher(names, java, lib, privileged);
        List<LocalNode> list = new ArrayList<>();
        for (int i = 1; i <= topology.nodes(); i++) {
            String name = RunNames.nodeName(i);
            list.add(new LocalNode(name, names.address(i), names.namespace(name),
                    runDirectory.resolve("nodes").resolve(name), launcher));
        }
        this.nodes = List.copyOf(list);
        this.watchdog = privileged.watch(names.runId());
        writeState();
        this.shutdownHook = new Thread(this::close, "faultline-cleanup-" + names.runId());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void boot() {
        List<String> seeds = nodes.stream().map(n -> n.address().getHostAddress()).toList();
        for (LocalNode node : nodes) {
            privileged.createNode(names, node.name());
        }
        if (sharesClasses() && !classDataSharing.ready()) {
            recordingNode = nodes.get(0);
        }
        long bootStart = System.nanoTime();
        settings.progress().accept("cluster " + names.runId() + ": starting " + nodes.stream().map(LocalNode::name).toList()
                + " (Cassandra " + cassandraVersion + ", " + settings.heapMegabytes() + " MB heap each"
                + (recordingNode != null ? "; the first boot records a class-data archive, later boots are faster" : "")
                + "), node logs in " + runDirectory.resolve("nodes"));
        // All nodes are seeds with auto_bootstrap off, so they may start at once.
        for (int i = 0; i < nodes.size(); i++) {
            LocalNode node = nodes.get(i);
            List<String> flags = new ArrayList<>(jvmFlags());
            if (node == recordingNode) {
                flags.addAll(classDataSharing.recordFlags(names.runId()));
            }
            node.start(CassandraConfig.yaml(names.clusterName(), node.address().getHostAddress(), seeds, node.directory(),
                            CassandraConfig.initialToken(i, nodes.size())),
                    settings.heapMegabytes(), flags);
        }
        writeState();
        awaitCqlPorts(nodes);
        // the admin session's schema statements return at once: no agreement wait (createSchema asks every node) and no
        // second's debounce before the driver refreshes its schema metadata, which each statement's answer waits for
        admin = new AdminSession(() -> sessionBuilder(DriverSettings.quickReconnects()
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ZERO)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ZERO)));
        awaitReady(nodes, nodes);
        settings.progress().accept("cluster " + names.runId() + ": ready, every node sees every other up ("
                + seconds(System.nanoTime() - bootStart) + ")");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(settings.extraJvmFlags());
        if (sharesClasses() && classDataSharing.ready()) {
            flags.addAll(classDataSharing.useFlags());
        }
        return flags;
    }

    /** Dynamic class-data archives came with JDK 13: Cassandra 4.x's JDK 11 nodes load their classes from jars. */
    private boolean sharesClasses() {
        return settings.classDataSharing() && CassandraJdk.releaseFor(settings.cassandraVersion()) >= ClassDataSharing.MIN_JAVA;
    }

    /** Waits for each starting node's CQL port, saying when each one opens. */
    private void awaitCqlPorts(List<LocalNode> starting) {
        long start = System.nanoTime();
        Set<LocalNode> open = new HashSet<>();
        await().alias("CQL port open on " + starting).atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    starting.forEach(LocalNode::requireRunning);
                    for (LocalNode node : starting) {
                        if (!open.contains(node) && AdminSession.portOpen(node.cqlAddress())) {
                            open.add(node);
                            settings.progress().accept("cluster " + names.runId() + ": " + node.name()
                                    + " accepts CQL (" + seconds(System.nanoTime() - start) + ")");
                        }
                    }
                    return open.size() == starting.size();
                });
    }

    /**
     * Waits until every coordinator in {@code coordinators} sees every node in {@code targets} up (and vice versa).
     * Every {@link #RECONNECT_EVERY} without success the admin session starts afresh (see {@link AdminSession#reconnect});
     * a wait that runs out says what the last probe met.
     */
    private void awaitReady(List<LocalNode> coordinators, List<LocalNode> targets) {
        long[] lastConnect = {System.nanoTime()};
        long start = System.nanoTime();
        long[] lastSaid = {start};
        try {
            await().alias("nodes " + targets + " up as seen from " + coordinators).atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> !(e instanceof LocalNode.ExitedException))
                    .until(() -> {
                        coordinators.forEach(LocalNode::requireRunning);
                        if (admin.allSeeEachOther(coordinators, targets)) {
                            return true;
                        }
                        if (System.nanoTime() - lastSaid[0] > PROGRESS_EVERY.toNanos()) {
                            lastSaid[0] = System.nanoTime();
                            settings.progress().accept("cluster " + names.runId() + ": waiting for " + targets.stream().map(LocalNode::name).toList()
                                    + " to be seen up (" + seconds(lastSaid[0] - start) + "); last probe: "
                                    + admin.lastProbeFailure());
                        }
                        if (System.nanoTime() - lastConnect[0] > RECONNECT_EVERY.toNanos()) {
                            admin.reconnect();
                            lastConnect[0] = System.nanoTime();
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("nodes " + targets + " not up as seen from " + coordinators + " within "
                    + READY_TIMEOUT.toMinutes() + " minutes; last probe: " + admin.lastProbeFailure(), e);
        }
    }

    @Override
    public String runId() {
        return names.runId();
    }

    @Override
    public String backendName() {
        return LocalBackend.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return new LocalBackend().capabilities();
    }

    /** The Cassandra release the nodes run, as its server jar names it. */
    @Override
    public String cassandraVersion() {
        return cassandraVersion;
    }

    /** Network namespaces and iptables of this host's kernel. */
    @Override
    public String backendVersion() {
        return "linux " + System.getProperty("os.version");
    }

    @Override
    public List<LocalNode> nodes() {
        return nodes;
    }

    @Override
    public LocalNode node(String name) {
        return Node.named(nodes, name);
    }

    @Override
    public int replicationFactor() {
        return topology.replicationFactor();
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public String localDatacenter() {
        return CassandraConfig.DATA_CENTER;
    }

    @Override
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(LocalNode::cqlAddress).toList();
    }

    /** Where this run's node directories and logs live: {@code results/<run>}. */
    public Path runDirectory() {
        return runDirectory;
    }

    @Override
    public CqlSessionBuilder sessionBuilder() {
        return sessionBuilder(DriverSettings.quickReconnects());
    }

    private CqlSessionBuilder sessionBuilder(ProgrammaticDriverConfigLoaderBuilder settings) {
        DriverConfigLoader config = settings
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(2))
                .build();
        return CqlSession.builder()
                .addContactPoints(contactPoints())
                .withLocalDatacenter(localDatacenter())
                .withConfigLoader(config);
    }

    /**
     * One coordinator applies each statement before it answers, so the next one, sent to it, already sees it: the
     * cluster is asked to agree once, at the end, not after every statement (the admin session's driver does not wait
     * for agreement either; {@link #awaitSchemaAgreement} asks every node itself).
     */
    @Override
    public void createSchema(String... statements) {
        LocalNode coordinator = firstUpNode();
        for (String statement : statements) {
            admin.executeSchema(coordinator, statement);
        }
        awaitSchemaAgreement();
    }

    private LocalNode firstUpNode() {
        return nodes.stream().filter(n -> n.state() == NodeState.UP).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node is up to run schema statements"));
    }

    @Override
    public void resetData() {
        admin.dropUserKeyspaces(firstUpNode());
        awaitSchemaAgreement();
    }

    @Override
    public void awaitSchemaAgreement() {
        List<LocalNode> running = nodes.stream().filter(n -> n.state() == NodeState.UP).toList();
        await().alias("schema agreement on " + running).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> admin.schemaAgreed(running));
    }

    @Override
    public synchronized void partition(Collection<? extends Collection<String>> groups) {
        Map<String, Integer> groupOf = new HashMap<>();
        int index = 0;
        for (Collection<String> group : groups) {
            for (String name : group) {
                if (groupOf.put(node(name).name(), index) != null) {
                    throw new IllegalArgumentException("node " + name + " appears in more than one group of " + groups);
                }
            }
            index++;
        }
        for (Map.Entry<String, Integer> a : groupOf.entrySet()) {
            for (Map.Entry<String, Integer> b : groupOf.entrySet()) {
                if (!a.getValue().equals(b.getValue())) {
                    blocked(a.getKey()).add(node(b.getKey()).address().getHostAddress());
                }
            }
        }
        applyRules(groupOf.keySet());
    }

    @Override
    public synchronized void cut(Collection<Link> links) {
        Set<String> touched = new HashSet<>();
        for (Link link : links) {
            String to = node(link.to()).name();
            deaf.computeIfAbsent(to, n -> new HashSet<>()).add(node(link.from()).address().getHostAddress());
            touched.add(to);
        }
        applyRules(touched);
    }

    @Override
    public synchronized void isolateFromClients(String node) {
        blocked(node(node).name()).add(names.gateway());
        applyRules(Set.of(node));
    }

    @Override
    public synchronized void heal() {
        Set<String> touched = new HashSet<>(blocked.keySet());
        touched.addAll(deaf.keySet());
        blocked.clear();
        deaf.clear();
        applyRules(touched);
    }

    private Set<String> blocked(String node) {
        return blocked.computeIfAbsent(node, n -> new HashSet<>());
    }

    private void applyRules(Set<String> nodeNames) {
        for (String name : nodeNames) {
            privileged.block(names, node(name).name(), blocked.getOrDefault(name, Set.of()),
                    deaf.getOrDefault(name, Set.of()));
        }
    }

    @Override
    public void kill(String node) {
        act(node, LocalNode::kill);
    }

    @Override
    public synchronized void slowNetwork(String node, int kbitPerSecond) {
        privileged.shape(names, node(node).name(), kbitPerSecond);
        slowed.add(node);
    }

    @Override
    public synchronized void restoreNetwork(String node) {
        if (slowed.remove(node)) {
            privileged.shape(names, node(node).name(), 0);
        }
    }

    @Override
    public void pause(String node) {
        act(node, LocalNode::pause);
    }

    @Override
    public void resume(String node) {
        act(node, LocalNode::resume);
    }

    @Override
    public void drain(String node) {
        act(node, LocalNode::drain);
    }

    @Override
    public void hintedHandoff(String node, boolean enabled) {
        node(node).hintedHandoff(enabled);
    }

    /** Applies a process fault and publishes the node's new state for `cluster status`. */
    private void act(String node, Consumer<LocalNode> fault) {
        fault.accept(node(node));
        writeState();
    }

    @Override
    public void restart(String name) {
        restart(List.of(node(name)));
    }

    private void restart(List<LocalNode> stopped) {
        settings.progress().accept("cluster " + names.runId() + ": restarting " + stopped.stream().map(LocalNode::name).toList());
        for (LocalNode node : stopped) {
            if (node.state() == NodeState.UP || node.state() == NodeState.PAUSED) {
                throw new IllegalStateException("node " + node.name() + " is " + node.state() + "; only killed or drained nodes restart");
            }
            node.relaunch(settings.heapMegabytes(), jvmFlags());
        }
        writeState();
        awaitCqlPorts(stopped);
        List<LocalNode> running = nodes.stream().filter(n -> n.state() == NodeState.UP).toList();
        awaitReady(running, stopped);
        awaitReady(stopped, running);
    }

    @Override
    public PrinterfactsReplicas printerfacts(int perNode) {
        return LocalReplicas.on(this).perNode(perNode).start();
    }

    @Override
    public void healAll() {
        heal();
        List.copyOf(slowed).forEach(this::restoreNetwork);
        nodes.stream().filter(n -> n.state() == NodeState.PAUSED).forEach(n -> resume(n.name()));
        List<LocalNode> stopped = nodes.stream()
                .filter(n -> n.state() == NodeState.KILLED || n.state() == NodeState.DRAINED).toList();
        if (!stopped.isEmpty()) {
            restart(stopped);
        }
        awaitReady(nodes, nodes);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close();
        }
        List<CompletableFuture<Void>> stops = nodes.stream()
                .map(n -> CompletableFuture.runAsync(settings.keepData() || n == recordingNode ? n::stop : n::forceStop))
                .toList();
        stops.forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException e) {
                // cleanup below removes whatever survived
            }
        });
        if (recordingNode != null) {
            classDataSharing.publish(names.runId());
        }
        // the state file this cluster wrote tells the cleaner whether to remove the nodes' data
        privileged.clean(names.runId());
        watchdog.dismiss();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook
        }
    }

    private void writeState() {
        new RunState(names.runId(), ProcessHandle.current().pid(), names.subnet(),
                runDirectory.toString(), settings.keepData(),
                nodes.stream().map(n -> new RunState.NodeEntry(n.name(), n.address().getHostAddress(), n.namespace(),
                        n.pid(), n.state().name())).toList()).write();
    }

    @Override
    public String toString() {
        return "LocalCluster " + names.runId() + " " + nodes;
    }
}
