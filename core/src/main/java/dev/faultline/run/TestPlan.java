package dev.faultline.run;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.checker.Checker;
import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.report.Analysis;
import dev.faultline.report.Platform;
import dev.faultline.report.RunReport;
import dev.faultline.report.RunFiles;
import dev.faultline.report.RunSetup;
import dev.faultline.scenario.ClientsUnderFaults;
import dev.faultline.scenario.ClusterSpec;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Durations;
import dev.faultline.scenario.FaultPlan;
import dev.faultline.scenario.FaultSpec;
import dev.faultline.scenario.Faults;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.LevelRunner;
import dev.faultline.scenario.RandomFaults;
import dev.faultline.workload.Client;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Ops;
import dev.faultline.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A test of a team's own code, said as a sentence: its schema, its client, the ops the clients run, how many and
 * for how long, the faults, and what checks the history. {@link #run} runs it once per consistency level, each
 * level inside the one level runner every scenario uses (faults healed whatever happens), and writes what
 * {@code faultline run} writes. A mistake in the plan is an {@link IllegalArgumentException} naming the setting.
 */
public final class TestPlan {

    /** At most this long a level: longer is a mistyped unit far more often than a plan. */
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    /** A schema change waits for every replica's answer; under a loaded cluster that takes seconds, not the driver's 2. */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofMinutes(1);

    private final Faultline faultline;
    private final String name;
    private String description = "";
    private String keyspace;
    private Integer keyspaceReplication;
    private final List<String> schema = new ArrayList<>();
    private final List<Consumer<CqlSession>> setUp = new ArrayList<>();
    private ClientFactory client;
    private Ops.Generator ops;
    private int clients = 4;
    private int rate = 100;
    private Duration duration = Duration.ofSeconds(10);
    private Long opCount;
    private final List<Invocation> finalOps = new ArrayList<>();
    private final Map<String, Object> initially = new LinkedHashMap<>();
    private final List<FaultSpec> faults = new ArrayList<>();
    private RandomFaults randomFaults;
    private final List<Checks> checks = new ArrayList<>();
    private Long seed;

    TestPlan(Faultline faultline, String name) {
        this.faultline = faultline;
        this.name = name;
    }

    /** A sentence or two the report and summary.md open with. */
    public TestPlan description(String text) {
        this.description = Objects.requireNonNull(text, "description");
        return this;
    }

    /**
     * The keyspace the test's tables live in, created (if absent) at the cluster's replication factor before the
     * schema, and the clients' session's own, so that the team's DAO names its tables as it does in production.
     */
    public TestPlan keyspace(String name) {
        return keyspace(name, null);
    }

    /** As {@link #keyspace(String)}, at a replication factor of the test's choosing. */
    public TestPlan keyspace(String name, Integer replicationFactor) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("keyspace '" + name + "' must be a CQL name: a letter, then letters, digits or _ (up to 48)");
        }
        this.keyspace = name;
        this.keyspaceReplication = replicationFactor;
        return this;
    }

    /** CQL statements (CREATE TABLE…) run once, before the first level, through one coordinator. */
    public TestPlan schema(String... statements) {
        for (String statement : statements) {
            schema.addAll(CqlStatements.split(statement));
        }
        return this;
    }

    /** The statements of a CQL file (a migration), separated by {@code ;}, run as {@link #schema(String...)}. */
    public TestPlan schema(Path file) {
        schema.addAll(CqlStatements.read(file));
        return this;
    }

    /** Runs before each level's clients, on the clients' session: the test's starting rows, say. */
    public TestPlan setUp(Consumer<CqlSession> action) {
        setUp.add(Objects.requireNonNull(action, "setUp"));
        return this;
    }

    /** The test's own client, over the run's session: {@code session -> new AccountsClient(new AccountDao(session))}. */
    public TestPlan client(Function<CqlSession, Client> open) {
        Objects.requireNonNull(open, "client");
        return client((session, level) -> open.apply(session));
    }

    /** The test's own client, told the level this run is at: {@code (session, level) -> new AccountsClient(session, level)}. */
    public TestPlan client(ClientFactory open) {
        this.client = Objects.requireNonNull(open, "client");
        return this;
    }

    /** What the clients do: {@code Ops.mix(Ops.read(), Ops.write()).over("a", "b")}, or any generator of the test's own. */
    public TestPlan ops(Ops.Generator generator) {
        this.ops = Objects.requireNonNull(generator, "ops");
        return this;
    }

    /** How many clients run at once, each on its own thread with its own client (4 unless told). */
    public TestPlan clients(int count) {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("clients is " + count + "; allowed: 1 to 256 (each is a thread with a client of its own)");
        }
        this.clients = count;
        return this;
    }

    /** Ops per second over all clients (100 unless told); 0 for as fast as they can. */
    public TestPlan rate(int opsPerSecond) {
        if (opsPerSecond < 0 || opsPerSecond > 20_000) {
            throw new IllegalArgumentException("rate is " + opsPerSecond + "; allowed: 0 (as fast as the clients can) to 20000 ops/s");
        }
        this.rate = opsPerSecond;
        return this;
    }

    /** How long the clients run at each level (10 s unless told); the faults' clock runs over it. */
    public TestPlan duration(Duration length) {
        if (length == null || length.isZero() || length.isNegative() || length.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration is " + (length == null ? "null" : Durations.format(length))
                    + "; allowed: more than 0 up to " + Durations.format(MAX_DURATION));
        }
        this.duration = length;
        return this;
    }

    /** Stops the clients once they have invoked {@code count} ops together, or at the duration if that comes first. */
    public TestPlan opCount(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("opCount is " + count + "; allowed: 1 or more");
        }
        this.opCount = count;
        return this;
    }

    /**
     * The value each key holds before the clients start, as the test's set-up made it (registers created holding 0,
     * say): recorded as the history's first writes, so that a model starting from nothing checks it.
     */
    public TestPlan initially(Map<String, ?> values) {
        values.forEach((key, value) -> initially.put(Objects.requireNonNull(key, "key"), value));
        return this;
    }

    /** Ops one fresh client runs once every fault is healed, such as a final read of every account. */
    public TestPlan finalOps(Invocation... ops) {
        finalOps.addAll(List.of(ops));
        return this;
    }

    /** A fault on the run's clock: {@code Faults.isolate("n3").at(ofSeconds(5)).healAfter(ofSeconds(10))}. */
    public TestPlan fault(Faults.Timed fault) {
        faults.add(fault.build());
        return this;
    }

    /** Faults drawn from the seed at a steady period. */
    public TestPlan randomFaults(RandomFaults periodic) {
        this.randomFaults = periodic;
        return this;
    }

    /** What checks each level's history; any number. */
    public TestPlan check(Checks... checks) {
        this.checks.addAll(List.of(checks));
        return this;
    }

    /** The seed of the clients' randoms and the faults' draws; a new one each run unless told (the report keeps it). */
    public TestPlan seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Runs the test once per level, in order, and writes its files; the first level runs the schema first.
     *
     * @throws IllegalArgumentException for a plan that lacks a client or ops, or a fault this cluster cannot do
     */
    public TestRun run(Consistency level, Consistency... more) {
        List<Consistency> levels = Stream.concat(Stream.of(level), Stream.of(more)).distinct().toList();
        if (client == null) {
            throw new IllegalArgumentException("test " + name + " has no client: say client(session -> …)");
        }
        if (ops == null) {
            throw new IllegalArgumentException("test " + name + " has no ops: say ops(Ops.mix(…)) or ops(random -> …)");
        }
        Cluster cluster = faultline.cluster();
        List<String> nodes = cluster.nodes().stream().map(n -> n.name()).toList();
        FaultPlan plan = new FaultPlan(faults, randomFaults,
                new ClusterSpec(nodes.size(), cluster.replicationFactor(), 0), duration);
        String refusal = Capability.refusal(cluster.backendName(), cluster.capabilities(), plan.needs());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + ", which test " + name + " needs");
        }
        long runSeed = seed == null ? System.nanoTime() : seed;
        Path folder = faultline.folderFor(name);
        Consumer<String> progress = faultline.progressListener();
        clean(folder);
        linkNodeLogs(folder, faultline.nodeLogsFolder());
        progress.accept("test " + name + ", seed " + runSeed + ", results in " + folder.toAbsolutePath());
        createSchema(cluster);
        LevelRunner runner = new LevelRunner(cluster, progress);
        List<LevelResult> results = new ArrayList<>();
        for (Consistency at : levels) {
            results.add(runner.run(at, folder.resolve(at.name()), "the test's session and set-up", null,
                    stage -> playLevel(cluster, stage, at, plan, runSeed, progress)));
        }
        RunFiles.write(folder, name, description, runSeed, duration, new RunSetup(clients, cluster.replicationFactor()),
                Platform.of(cluster), results);
        progress.accept("test " + name + ": report in " + folder.resolve(RunReport.FILE).toAbsolutePath());
        return new TestRun(name, folder, runSeed, results);
    }

    /**
     * The keyspace through the cluster's own schema path, then the test's statements one at a time, each agreed
     * on by every node before the next: in the keyspace when the test names one (so that a migration's unqualified
     * table names land in it), through one coordinator as {@link Cluster#createSchema} does.
     */
    private void createSchema(Cluster cluster) {
        if (keyspace == null) {
            if (!schema.isEmpty()) {
                cluster.createSchema(schema.toArray(String[]::new));
            }
            return;
        }
        int replication = keyspaceReplication == null ? cluster.replicationFactor() : keyspaceReplication;
        cluster.createSchema("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', '" + cluster.localDatacenter() + "': " + replication + "}");
        if (schema.isEmpty()) {
            return;
        }
        try (CqlSession session = cluster.sessionBuilder().withKeyspace(keyspace).build()) {
            Node coordinator = session.getMetadata().getNodes().values().iterator().next();
            for (String statement : schema) {
                session.execute(SimpleStatement.newInstance(statement).setNode(coordinator).setTimeout(SCHEMA_TIMEOUT));
                cluster.awaitSchemaAgreement();
            }
        }
    }

    private LevelRunner.Played playLevel(Cluster cluster, LevelRunner.Stage stage, Consistency level, FaultPlan plan,
                                         long runSeed, Consumer<String> progress) {
        // the clients' own session: in the test's keyspace, its driver's events in driver.log beside the history
        DriverEvents events = DriverEvents.into(stage.historyFile().getParent());
        CqlSessionBuilder builder = cluster.sessionBuilder().addRequestTracker(events).addNodeStateListener(events);
        CqlSession session = (keyspace == null ? builder : builder.withKeyspace(keyspace)).build();
        Runnable closeSession = () -> {
            session.close();
            events.close();
        };
        try {
            setUp.forEach(action -> action.accept(session));
            List<Checker> checkers = checks.stream().map(c -> c.checker(clients)).toList();
            Workload workload = new Workload((slot, clock) -> client.open(session, level.driverLevel()),
                    (slot, random) -> ops.next(random), finalOps, initially, checkers);
            progress.accept("level " + level + ": " + clients + " clients for " + Durations.format(duration)
                    + (opCount == null ? "" : " or " + opCount + " ops") + ", history in " + stage.historyFile());
            LevelRunner.Played played = ClientsUnderFaults.play(cluster, stage, level, workload,
                    new ClientsUnderFaults.Load(clients, rate, duration, opCount), plan.schedule(runSeed), runSeed,
                    progress, "test " + name + " at " + level);
            return new LevelRunner.Played(played.checkers(), () -> {
                try {
                    played.closing().run();
                } finally {
                    closeSession.run();
                }
            }, played.unmet());
        } catch (RuntimeException e) {
            closeSession.run();
            throw e;
        }
    }

    /** {@code folder/nodes} links to the nodes' logs, so that they open beside the report; a link that cannot be made is left out. */
    private static void linkNodeLogs(Path folder, Path nodeLogs) {
        if (nodeLogs == null) {
            return;
        }
        Path link = folder.resolve("nodes");
        try {
            Files.createDirectories(folder);
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, folder.toAbsolutePath().relativize(nodeLogs.toAbsolutePath()));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the logs stay where the cluster keeps them; only the shortcut is missing
        }
    }

    /**
     * An earlier run's files in this folder would mix with this run's, so they go: the files a run writes and
     * its levels' folders, nothing else, whatever folder the test was given.
     */
    private static void clean(Path folder) {
        try {
            for (String file : List.of(RunReport.FILE, Analysis.FILE, "summary.md")) {
                Files.deleteIfExists(folder.resolve(file));
            }
            for (Consistency level : Consistency.values()) {
                Path dir = folder.resolve(level.name());
                if (Files.isRegularFile(dir.resolve("history.jsonl"))) {
                    try (Stream<Path> paths = Files.walk(dir)) {
                        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder + " for a new run: " + e.getMessage(), e);
        }
    }
}
