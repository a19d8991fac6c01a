package dev.faultline.scenario;

import dev.faultline.cluster.Cluster;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.Process;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.Schedule;
import dev.faultline.workload.Client;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.ClientLoop;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.RecordedCall;
import dev.faultline.workload.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one way clients run, a scenario's built-in workload or a team's own clients alike: a workload's clients,
 * each on its own thread at its pace with its own seeded random, and a nemesis playing a schedule on the same
 * clock, every op recorded as it happens, for a level's {@link LevelRunner.Play}. The level runner heals what
 * the nemesis still holds; the play's closing runs the workload's final ops once healed.
 */
public final class ClientsUnderFaults {

    /**
     * How much the clients do.
     *
     * @param clients  client threads at once
     * @param rate     ops per second over all clients; 0 for as fast as they can
     * @param duration how long the clients run (and the schedule's clock)
     * @param opCount  the most ops the clients invoke together, or null for as many as the duration allows
     */
    public record Load(int clients, int rate, Duration duration, Long opCount) {
    }

    private ClientsUnderFaults() {
    }

    /**
     * Runs {@code workload} under {@code schedule} on {@code stage}, its seeded values recorded first.
     *
     * @param what names the run in an error, such as "run of kill-node at QUORUM"
     */
    public static LevelRunner.Played play(Cluster cluster, LevelRunner.Stage stage, Consistency level, Workload workload,
                                          Load load, Schedule schedule, long seed, Consumer<String> progress,
                                          String what) {
        HistoryRecorder recorder = stage.recorder();
        Workload.recordSeeded(recorder, workload.seeded());
        List<ClientClock> clocks = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        try {
            for (int slot = 0; slot < load.clients(); slot++) {
                clocks.add(new ClientClock());
                clients.add(workload.client(slot, clocks.get(slot)));
            }
            run(cluster, stage, level, workload, load, schedule, seed, progress, what, clocks, clients);
        } finally {
            clients.forEach(ClientsUnderFaults::closeQuietly);
        }
        return new LevelRunner.Played(workload.checkers(), () -> runFinalOps(workload, recorder, load.clients()), List.of());
    }

    private static void run(Cluster cluster, LevelRunner.Stage stage, Consistency level, Workload workload, Load load,
                            Schedule schedule, long seed, Consumer<String> progress, String what,
                            List<ClientClock> clocks, List<Client> clients) {
        HistoryRecorder recorder = stage.recorder();
        long start = System.nanoTime();
        long deadline = start + load.duration().toNanos();
        AtomicLong remaining = load.opCount() == null ? null : new AtomicLong(load.opCount());
        Nemesis nemesis = stage.keep(new Nemesis(schedule, new Fault.Target(cluster, clocks), recorder, start));
        ExecutorService threads = Executors.newFixedThreadPool(load.clients() + 1);
        LiveCounts counts = new LiveCounts();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> progress.accept(counts.line(level, System.nanoTime() - start,
                load.duration(), nemesis.activeFaults())), 5, 5, TimeUnit.SECONDS);
        try {
            Future<?> faults = threads.submit(nemesis);
            List<Future<?>> running = new ArrayList<>();
            double perClient = load.rate() == 0 ? 0 : (double) load.rate() / load.clients();
            for (int slot = 0; slot < load.clients(); slot++) {
                Random random = new Random(seed * 31 + slot);
                int client = slot;
                running.add(threads.submit(new ClientLoop(slot, load.clients(), counts.counting(clients.get(slot)),
                        r -> workload.next(client, r), random, recorder, perClient, deadline, remaining)));
            }
            for (Future<?> client : running) {
                client.get();
            }
            faults.get();
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } finally {
            ticker.shutdownNow();
            threads.shutdownNow();
            awaitQuietly(threads);
        }
    }

    /** After healing, one fresh process runs the workload's closing ops, such as the set's final read. */
    private static void runFinalOps(Workload workload, HistoryRecorder recorder, int concurrency) {
        if (workload.finalOps().isEmpty()) {
            return;
        }
        Process closer = Process.client(1_000_000 + concurrency);
        try (Client client = workload.client(0, new ClientClock())) {
            for (Invocation op : workload.finalOps()) {
                RecordedCall.of(recorder, closer, client, op);
            }
        }
    }

    private static void closeQuietly(Client client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            // a client that cannot close has done its ops; the run's results stand
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
