package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.Process;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.ClientLoop;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.RecordedCall;
import dev.faultline.workload.Workload;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a scenario on a started cluster, once per consistency level: clients and nemesis on one
 * clock, every op recorded as it happens, then everything healed and the history checked.
 */
public final class ScenarioRunner {

    private final Cluster cluster;
    private final List<URI> printerfacts;
    private final Consumer<String> progress;
    private final LevelRunner levels;

    /**
     * @param printerfacts the app's replica URLs, for the printerfacts workload (empty when none run)
     */
    public ScenarioRunner(Cluster cluster, List<URI> printerfacts, Consumer<String> progress) {
        this.cluster = cluster;
        this.printerfacts = List.copyOf(printerfacts);
        this.progress = progress;
        this.levels = new LevelRunner(cluster, progress);
    }

    /** Runs every level of {@code scenario}, writing each level's history under {@code runDir/<level>/}. */
    public List<LevelResult> run(Scenario scenario, Path runDir) {
        String refusal = Capability.refusal(cluster.backendName(), cluster.capabilities(), scenario.needs());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + ", which scenario " + scenario.name() + " needs");
        }
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
        String run = (dir.getParent() == null ? dir : dir.getParent()).getFileName() + "-" + level + "-" + seed;
        return levels.run(level, dir, "session, schema, the workload's first values", scenario.expect().get(level), stage -> {
            long setupStart = System.nanoTime();
            Workload workload = spec.workload(stage.session(), run, printerfacts);
            HistoryRecorder recorder = stage.recorder();
            Workload.recordSeeded(recorder, workload.seeded());
            progress.accept("level " + level + ": workload ready in " + Durations.seconds(System.nanoTime() - setupStart) + "; "
                    + spec.concurrency() + " clients for " + Durations.format(scenario.duration()) + ", history in "
                    + stage.historyFile());
            List<ClientClock> clocks = new ArrayList<>();
            for (int i = 0; i < spec.concurrency(); i++) {
                clocks.add(new ClientClock());
            }
            long start = System.nanoTime();
            long deadline = start + scenario.duration().toNanos();
            Nemesis nemesis = stage.keep(new Nemesis(scenario.schedule(seed), new Fault.Target(cluster, clocks), recorder, start));
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
            }
            return new LevelRunner.Played(workload.checkers(),
                    () -> runFinalOps(workload, recorder, spec.concurrency()), List.of());
        });
    }

    /** After healing, one fresh process runs the workload's closing ops, such as the set's final read. */
    private static void runFinalOps(Workload workload, HistoryRecorder recorder, int concurrency) {
        var client = workload.client(0, new ClientClock());
        Process closer = Process.client(1_000_000 + concurrency);
        for (Invocation op : workload.finalOps()) {
            RecordedCall.of(recorder, closer, client, op);
        }
    }

    private static void awaitQuietly(ExecutorService threads) {
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
