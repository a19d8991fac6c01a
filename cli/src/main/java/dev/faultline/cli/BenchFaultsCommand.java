package dev.faultline.cli;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.cluster.local.MissingPrerequisiteException;
import dev.faultline.printerfacts.CassandraErrors;
import dev.faultline.printerfacts.FactStore;
import dev.faultline.printerfacts.PrinterfactsServer;
import dev.faultline.workload.ReplicaRoundRobin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench faults}: printerfacts (or, with {@code --through cql}, the driver as the register workload
 * writes) under a fixed rate of QUORUM writes on a local three-node cluster (RF 3,
 * a replica of the app beside each node) while n2 is killed and restarted and n3 is partitioned away and healed; per
 * phase, the writes acknowledged per second, their latency and the errors by kind; after the heal, every acknowledged
 * write read back at ONE (how many missing or stale) and then at ALL (how many lost).
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"A bounded load run through faults: QUORUM writes to printerfacts at a fixed rate on a local "
                + "3-node cluster (RF 3) while n2 is killed and restarted and n3 is partitioned and healed; per phase the "
                + "acknowledged writes per second, p50/p99/max latency and errors by kind, then every acknowledged write "
                + "read back at ONE and at ALL. Needs root (network namespaces).",
            "Exit 0: no acknowledged write lost at ALL; 1: one was; 2: bad input; 4: the cluster could not run."})
final class BenchFaultsCommand implements java.util.concurrent.Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "40", description = "writes per second, sent whatever the answers (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--through", defaultValue = "http", paramLabel = "http|cql",
            description = "http: each write a PUT to a printerfacts replica; cql: each write an INSERT through the driver, "
                    + "as the register workload writes (default: ${DEFAULT-VALUE})")
    String through;

    @Option(names = "--phase", defaultValue = "20s", converter = DurationConverter.class,
            description = "how long the load runs in each phase, after its fault is in place (default: ${DEFAULT-VALUE})")
    Duration phase;

    private final LoadPhases load = new LoadPhases();
    /** The acknowledged writes: key to the fact written. */
    private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
    /** The phase a request sent now belongs to. */
    private volatile String current = "to steady";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rate < 1 || rate > 1000 || phase.compareTo(Duration.ofSeconds(1)) < 0 || phase.compareTo(Duration.ofMinutes(10)) > 0
                || !through.equals("http") && !through.equals("cql")) {
            spec.commandLine().getErr().println("faultline bench faults: allowed: --rate 1 to 1000, --phase 1s to 10m, "
                    + "--through http or cql");
            return Faultline.EXIT_BAD_INPUT;
        }
        try (LocalCluster cluster = LocalCluster.nodes(3).replicationFactor(3).progress(out::println).start();
             PrinterfactsReplicas app = cluster.printerfacts(1);
             CqlSession session = cluster.openSession()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            ReplicaRoundRobin replicas = new ReplicaRoundRobin(app.urls(), http);
            PreparedStatement insert = session.prepare("INSERT INTO " + FactStore.TABLE + " (key, fact, kind) VALUES (?, ?, 'bench')");
            out.printf("bench faults: %d QUORUM writes/s %s, %s a phase%n", rate,
                    through.equals("cql") ? "through the driver to " + cluster.contactPoints() : "to " + app.urls(),
                    phase.toSeconds() + "s");
            out.flush();
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            AtomicLong sent = new AtomicLong();
            Runnable tick = through.equals("cql")
                    ? () -> writeCql(session, insert, sent.incrementAndGet())
                    : () -> write(http, replicas, sent.incrementAndGet());
            ticks.scheduleAtFixedRate(tick, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            try {
                during("steady", () -> { });
                during("n2 killed", () -> cluster.kill("n2"));
                during("n2 restarted", () -> cluster.restart("n2"));
                during("n3 partitioned", () -> cluster.isolate("n3"));
                during("healed", cluster::heal);
            } finally {
                ticks.shutdownNow();
            }
            // the last requests answer or time out; then every node sees every other up, so ALL can answer
            Thread.sleep(REQUEST_TIMEOUT.toMillis() + 500);
            printPhases(out);
            cluster.healAll();
            return readBack(out, session);
        } catch (MissingPrerequisiteException e) {
            spec.commandLine().getErr().println("faultline: " + e.getMessage());
            return ClusterCommand.EXIT_MISSING_PREREQUISITE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunCommand.EXIT_RUN_FAILED;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("faultline bench faults: the run did not complete: " + e.getMessage());
            return RunCommand.EXIT_RUN_FAILED;
        }
    }

    /**
     * Puts a fault in place while the load goes on (those requests are the phase "to NAME": a restart takes a while),
     * then loads for --phase with the fault held.
     */
    private void during(String name, Runnable fault) throws InterruptedException {
        String putting = "to " + name;
        long start = System.nanoTime();
        current = putting;
        fault.run();
        load.phase(putting, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        current = name;
        Thread.sleep(phase.toMillis());
        load.phase(name, (System.nanoTime() - start) / 1e9);
    }

    /** One blind write at QUORUM under a key of its own; its outcome and latency go to the phase it was sent in. */
    private void write(HttpClient http, ReplicaRoundRobin replicas, long number) {
        String sentIn = current;
        UUID key = Uuids.timeBased();
        String fact = "bench write " + number;
        long start = System.nanoTime();
        URI replica;
        try {
            replica = replicas.next();
        } catch (ReplicaRoundRobin.NoLiveReplicaException e) {
            load.record(sentIn, System.nanoTime() - start, "no_live_replica");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(replica.resolve("/fact/" + key)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(PrinterfactsServer.CONSISTENCY_HEADER, ConsistencyLevel.QUORUM.name())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"fact\": \"" + fact + "\", \"kind\": \"bench\"}")).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long latency = System.nanoTime() - start;
            if (failure != null) {
                load.record(sentIn, latency, kind(failure));
            } else if (response.statusCode() == 200) {
                acknowledged.put(key, fact);
                load.record(sentIn, latency, LoadPhases.OK);
            } else {
                load.record(sentIn, latency, errorOf(response));
            }
        });
    }

    /** The same write as an INSERT at QUORUM through the driver; an error's kind is the one printerfacts would answer. */
    private void writeCql(CqlSession session, PreparedStatement insert, long number) {
        String sentIn = current;
        UUID key = Uuids.timeBased();
        String fact = "bench write " + number;
        long start = System.nanoTime();
        session.executeAsync(insert.bind(key, fact).setConsistencyLevel(ConsistencyLevel.QUORUM).setIdempotent(true)
                        .setTimeout(REQUEST_TIMEOUT))
                .whenComplete((rows, failure) -> {
                    long latency = System.nanoTime() - start;
                    if (failure == null) {
                        acknowledged.put(key, fact);
                        load.record(sentIn, latency, LoadPhases.OK);
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        load.record(sentIn, latency, CassandraErrors.toApiError(cause).error());
                    }
                });
    }

    private static String kind(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "http_timeout";
        }
        return cause instanceof ConnectException ? "connect_refused" : cause instanceof IOException ? "io_error" : "client_error";
    }

    private static String errorOf(HttpResponse<String> response) {
        try {
            return response.statusCode() + " " + JSON.readTree(response.body()).path("error").asText("?");
        } catch (IOException e) {
            return response.statusCode() + " (no JSON)";
        }
    }

    private void printPhases(PrintWriter out) {
        out.printf("%n%-17s %6s %6s %6s %9s %8s %8s %8s  %s%n", "phase", "s", "sent", "ok", "ok/s held", "p50 ms",
                "p99 ms", "max ms", "errors by kind");
        for (LoadPhases.Summary p : load.summaries()) {
            // a fault put in place in milliseconds has a handful of requests: a rate over it would say nothing
            out.printf("%-17s %6.1f %6d %6d %9s %8.1f %8.1f %8.1f  %s%n", p.phase(), p.seconds(), p.sent(), p.ok(),
                    p.seconds() < 1 ? "-" : String.format("%.1f", p.okPerSecond()), p.p50Millis(), p.p99Millis(),
                    p.maxMillis(), p.errors().isEmpty() ? "none"
                            : p.errors().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** Every acknowledged write read back: at ONE first (a read at ALL repairs what it reads), then at ALL. */
    private int readBack(PrintWriter out, CqlSession session) {
        PreparedStatement select = session.prepare("SELECT fact FROM " + FactStore.TABLE + " WHERE key = ?");
        int[] missing = new int[2];
        int[] stale = new int[2];
        ConsistencyLevel[] levels = {ConsistencyLevel.ONE, ConsistencyLevel.ALL};
        for (int l = 0; l < levels.length; l++) {
            for (Map.Entry<UUID, String> write : acknowledged.entrySet()) {
                Row row = session.execute(select.bind(write.getKey()).setConsistencyLevel(levels[l])).one();
                if (row == null) {
                    missing[l]++;
                } else if (!write.getValue().equals(row.getString(0))) {
                    stale[l]++;
                }
            }
        }
        out.printf("%n%d writes acknowledged at QUORUM; read back after the heal:%n", acknowledged.size());
        out.printf("  at ONE: %d missing, %d stale%n", missing[0], stale[0]);
        out.printf("  at ALL: %d lost, %d stale%n", missing[1], stale[1]);
        return missing[1] + stale[1] == 0 ? 0 : 1;
    }
}
