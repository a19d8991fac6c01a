package dev.faultline.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.WorkloadSpec;
import dev.faultline.workload.Client;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.ClientLoop;
import dev.faultline.workload.CqlSchema;
import dev.faultline.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code faultline bench workload}: what recording the history costs. The register workload runs as
 * fast as it can on a local cluster, alternately with every op appended and flushed to a JSONL
 * history and with no recording at all; the ops per second of the two are compared.
 */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Compares register workload ops/s with and without history recording, on a local 3-node cluster.")
public final class BenchWorkloadCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "length of each measured phase (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warm-up", defaultValue = "40s", converter = DurationConverter.class,
            description = "unmeasured load first: Cassandra's JIT needs it, ops/s grows fivefold over the first 40 s (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    @Option(names = "--rounds", defaultValue = "2", description = "pairs of phases, in alternating order (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--concurrency", defaultValue = "16", description = "clients (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--level", defaultValue = "ONE", description = "read and write consistency level (default: ${DEFAULT-VALUE})")
    Consistency level;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WorkloadSpec.Register register = new WorkloadSpec.Register(100, concurrency, 0,
                new WorkloadSpec.Mix(50, 50, 0), level, level);
        Path dir = Files.createTempDirectory("faultline-bench-workload");
        double[] recorded = new double[rounds];
        double[] unrecorded = new double[rounds];
        try (LocalCluster cluster = LocalCluster.nodes(3).replicationFactor(2).start();
             CqlSession session = cluster.openSession()) {
            cluster.createSchema(CqlSchema.statements(cluster.localDatacenter(), cluster.replicationFactor()));
            phase(session, register, "warm-up", null, warmUp);
            for (int round = 0; round < rounds; round++) {
                // alternate which goes first, so that warming up favours neither
                if (round % 2 == 1) {
                    unrecorded[round] = phase(session, register, "unrecorded-" + round, null, duration);
                }
                try (HistoryRecorder recorder = HistoryRecorder.create(dir.resolve("history-" + round + ".jsonl"))) {
                    recorded[round] = phase(session, register, "recorded-" + round, recorder, duration);
                }
                if (round % 2 == 0) {
                    unrecorded[round] = phase(session, register, "unrecorded-" + round, null, duration);
                }
                out.printf(Locale.ROOT, "round %d: recorded %.0f ops/s, not recorded %.0f ops/s%n",
                        round + 1, recorded[round], unrecorded[round]);
                out.flush();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        double with = mean(recorded);
        double without = mean(unrecorded);
        out.printf(Locale.ROOT, "register at %s, %d clients, %s phases: recorded %.0f ops/s, not recorded %.0f ops/s, "
                + "recording costs %.1f%%%n", level, concurrency, duration.toSeconds() + "s", with, without,
                100 * (without - with) / without);
        return 0;
    }

    private double phase(CqlSession session, WorkloadSpec.Register register, String name, HistoryRecorder recorder,
                         Duration length) throws Exception {
        Workload workload = register.workload(session, "bench-" + name + "-" + System.nanoTime(), List.of());
        LongAdder ops = new LongAdder();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int slot = 0; slot < concurrency; slot++) {
                Client inner = workload.client(slot, new ClientClock());
                Client counted = op -> {
                    var outcome = inner.invoke(op);
                    ops.increment();
                    return outcome;
                };
                int client = slot;
                clients.add(threads.submit(new ClientLoop(slot, concurrency, counted, r -> workload.next(client, r),
                        new Random(slot), recorder, 0, deadline)));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return ops.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
