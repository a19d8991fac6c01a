package dev.faultline.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.faultline.checker.Availability;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerResult;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Process;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.Schedule;
import dev.faultline.printerfacts.ReplicaRoundRobin;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.ClientLoop;
import dev.faultline.workload.CqlSchema;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.RecordedCall;
import dev.faultline.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a scenario on a started cluster, once per consistency level: clients and nemesis on one
 * clock, every op recorded as it happens, then everything healed and the history checked.
 */
public final class ScenarioRunner {

    private final Cluster cluster;
    private final List<URI> printerfacts;
    private final Consumer<String> progress;

    /**
     * @param printerfacts the app's replica URLs, for the printerfacts workload (empty when none run)
     */
    public ScenarioRunner(Cluster cluster, List<URI> printerfacts, Consumer<String> progress) {
        this.cluster = cluster;
        this.printerfacts = List.copyOf(printerfacts);
        this.progress = progress;
    }

    /** Runs every level of {@code scenario}, writing each level's history under {@code runDir/<level>/}. */
    public List<LevelResult> run(Scenario scenario, Path runDir) {
        long seed = scenario.seed() == null ? System.nanoTime() : scenario.seed();
        progress.accept("scenario " + scenario.name() + ", seed " + seed);
        List<LevelResult> results = new ArrayList<>();
        for (Consistency level : scenario.levels()) {
            results.add(runLevel(scenario, level, seed, runDir.resolve(level.name())));
        }
        return results;
    }

    private LevelResult runLevel(Scenario scenario, Consistency level, long seed, Path dir) {
        // compare: runs every level for reads and writes alike; otherwise the workload's own levels stand
        WorkloadSpec spec = scenario.compare().isEmpty() ? scenario.workload() : scenario.workload().at(level);
        String run = runDir(dir).getFileName() + "-" + level + "-" + seed;
        List<Checker> checkers;
        Path historyFile = dir.resolve("history.jsonl");
        createDirectories(dir);
        progress.accept("level " + level + ": setting up (session, schema, seeding the keys)");
        long setupStart = System.nanoTime();
        try (CqlSession session = cluster.openSession();
             HistoryRecorder recorder = HistoryRecorder.create(historyFile)) {
            cluster.createSchema(CqlSchema.statements(cluster.localDatacenter(), cluster.replicationFactor()));
            Workload workload = workload(session, spec, run);
            checkers = workload.checkers();
            Workload.recordSeeded(recorder, workload.seeded());
            progress.accept("level " + level + ": set up in " + Durations.seconds(System.nanoTime() - setupStart) + "; "
                    + spec.concurrency() + " clients for " + Durations.format(scenario.duration()) + ", history in "
                    + historyFile);
            List<ClientClock> clocks = new ArrayList<>();
            for (int i = 0; i < spec.concurrency(); i++) {
                clocks.add(new ClientClock());
            }
            Schedule schedule = scenario.schedule(seed);
            long start = System.nanoTime();
            long deadline = start + scenario.duration().toNanos();
            Nemesis nemesis = new Nemesis(schedule, new Fault.Target(cluster, clocks), recorder, start);
            ExecutorService threads = Executors.newFixedThreadPool(spec.concurrency() + 1);
            LiveCounts counts = new LiveCounts();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(() -> progress.accept(counts.line(level, System.nanoTime() - start,
                    scenario.duration(), nemesis.activeFaults())), 5, 5, TimeUnit.SECONDS);
            try {
                Future<?> faults = threads.submit(nemesis);
                List<Future<?>> clients = new ArrayList<>();
                double perClient = spec.rate() == 0 ? 0 : (double) spec.rate() / spec.concurrency();
                for (int slot = 0; slot < spec.concurrency(); slot++) {
                    Random random = new Random(seed * 31 + slot);
                    int client = slot;
                    clients.add(threads.submit(new ClientLoop(slot, spec.concurrency(),
                            counts.counting(workload.client(slot, clocks.get(slot))), r -> workload.next(client, r),
                            random, recorder, perClient, deadline)));
                }
                for (Future<?> client : clients) {
                    client.get();
                }
                faults.get();
            } catch (Exception e) {
                throw new IllegalStateException("run of " + scenario.name() + " at " + level + " failed: " + e.getMessage(), e);
            } finally {
                ticker.shutdownNow();
                threads.shutdownNow();
                awaitQuietly(threads);
                long healStart = System.nanoTime();
                progress.accept("level " + level + ": healing every fault and waiting until every node sees every other up");
                nemesis.healAll();
                cluster.healAll();
                progress.accept("level " + level + ": healed in " + Durations.seconds(System.nanoTime() - healStart));
            }
            runFinalOps(workload, recorder, spec.concurrency());
        }
        History history = JsonlHistory.read(historyFile, warning -> progress.accept("warning: " + warning));
        progress.accept("level " + level + ": checking the history (" + history.size() + " events)");
        return analyse(scenario, level, historyFile, history, checkers);
    }

    private Workload workload(CqlSession session, WorkloadSpec spec, String run) {
        if (spec instanceof WorkloadSpec.Printerfacts http) {
            if (printerfacts.isEmpty()) {
                throw new IllegalArgumentException("the printerfacts workload needs printerfacts replicas running");
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return Workload.overHttp(client, new ReplicaRoundRobin(printerfacts, client), http);
        }
        return Workload.over(session, spec, run);
    }

    /** After healing, one fresh process runs the workload's closing ops, such as the set's final read. */
    private static void runFinalOps(Workload workload, HistoryRecorder recorder, int concurrency) {
        var client = workload.client(0, new ClientClock());
        Process closer = Process.client(1_000_000 + concurrency);
        for (Invocation op : workload.finalOps()) {
            RecordedCall.of(recorder, closer, client, op);
        }
    }

    private LevelResult analyse(Scenario scenario, Consistency level, Path file, History history, List<Checker> checkers) {
        Availability availability = Availability.of(history);
        // the history starts with the seeding writes, so it is checked as `faultline check` checks it
        List<CheckerResult> checks = checkers.stream().map(c -> c.check(history)).toList();
        Expectation expected = scenario.expect().get(level);
        List<String> unmet = expected == null ? List.of() : expected.unmet(availability, checks);
        progress.accept("level " + level + ": " + availability.total().ok() + " ok, " + availability.total().fail()
                + " fail, " + availability.total().info() + " info"
                + checks.stream().map(c -> "; " + c.checker() + ": " + c.summary()).collect(Collectors.joining())
                + (unmet.isEmpty() ? "" : "; unmet: " + String.join("; ", unmet)));
        return new LevelResult(level, file, availability, checks, unmet);
    }

    private static Path runDir(Path levelDir) {
        return levelDir.getParent() == null ? levelDir : levelDir.getParent();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void awaitQuietly(ExecutorService threads) {
        try {
            threads.awaitTermination(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
