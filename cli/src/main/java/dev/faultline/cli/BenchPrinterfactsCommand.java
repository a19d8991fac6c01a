package dev.faultline.cli;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import dev.faultline.printerfacts.CassandraConnection;
import dev.faultline.printerfacts.CassandraOptions;
import dev.faultline.printerfacts.CassandraSessions;
import dev.faultline.printerfacts.FactStore;
import dev.faultline.printerfacts.Operation;
import dev.faultline.printerfacts.PrinterfactsServer;
import dev.faultline.workload.ReplicaRoundRobin;
import dev.faultline.printerfacts.ServerSettings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code faultline bench printerfacts}: requests/s and latency through the app versus straight through the driver. */
@Command(name = "printerfacts", mixinStandardHelpOptions = true,
        description = "A bounded load run: blind writes and key reads at each consistency level, through printerfacts"
                + " over HTTP and straight through the driver. Needs a migrated cluster (faultline printerfacts migrate).")
final class BenchPrinterfactsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CassandraOptions cassandra;

    @Option(names = "--url", paramLabel = "URL",
            description = "A printerfacts replica, e.g. http://10.77.0.11:8080; repeat for a round-robin over several."
                    + " Without one, a replica is started in this JVM on 127.0.0.1.")
    List<URI> urls = new ArrayList<>();

    @Option(names = "--requests", defaultValue = "2000", description = "Requests per phase (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "1000", description = "Unmeasured requests per path first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--levels", split = ",", defaultValue = "ONE,QUORUM",
            description = "Consistency levels to measure (default: ${DEFAULT-VALUE}).")
    List<String> levels;

    @Override
    public Integer call() {
        requireBetween("--requests", requests, 1, 1_000_000);
        requireBetween("--concurrency", concurrency, 1, 512);
        requireBetween("--warmup", warmup, 0, 1_000_000);
        List<ConsistencyLevel> parsed = new ArrayList<>();
        for (String level : levels) {
            try {
                Operation.READ.parseLevel(level, "--levels"); // each level serves reads and writes, so must suit both
                parsed.add(Operation.WRITE.parseLevel(level, "--levels"));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        cassandra.contactPoints().forEach(a -> requireLocal(a.getHostString(), "--contact-point " + a.getHostString() + ":" + a.getPort()));
        urls.forEach(u -> requireLocal(u.getHost(), "--url " + u));

        PrintWriter out = spec.commandLine().getOut();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (CqlSession session = CassandraSessions.open(cassandra.contactPoints(), cassandra.datacenter());
             InProcessReplica local = urls.isEmpty() ? InProcessReplica.start(cassandra) : null) {
            List<URI> targets = local != null ? List.of(local.url()) : urls;
            FactStore store = FactStore.prepare(session);
            out.printf("bench printerfacts: %d requests per phase, %d in flight, app at %s%n", requests, concurrency, targets);
            out.flush();
            List<PrinterfactsBench.Phase> phases = new PrinterfactsBench(store, new ReplicaRoundRobin(targets, http), http)
                    .run(new PrinterfactsBench.Plan(requests, concurrency, warmup, parsed));
            out.printf("%-7s %-7s %-6s %8s %7s %10s %9s %9s%n", "path", "level", "op", "requests", "failed", "req/s",
                    "p50 ms", "p99 ms");
            for (PrinterfactsBench.Phase p : phases) {
                out.printf("%-7s %-7s %-6s %8d %7d %10.0f %9.2f %9.2f%n", p.path(), p.level(), p.operation(), p.requests(),
                        p.failures(), p.perSecond(), p.p50Millis(), p.p99Millis());
            }
            return phases.stream().anyMatch(p -> p.failures() > 0) ? 1 : 0;
        } catch (DriverException e) {
            spec.commandLine().getErr().println("faultline: bench printerfacts: " + e.getMessage()
                    + " (is the cluster up and migrated? faultline printerfacts migrate --contact-point ...)");
            return 1;
        }
    }

    /** A replica in this JVM, for when no --url is given; it shares the machine with the load, as a sidecar would. */
    private record InProcessReplica(CassandraConnection connection, PrinterfactsServer server) implements AutoCloseable {
        static InProcessReplica start(CassandraOptions cassandra) {
            CassandraConnection connection = CassandraConnection.start(cassandra.contactPoints(), cassandra.datacenter());
            PrinterfactsServer server = PrinterfactsServer.start(new ServerSettings("127.0.0.1", 0, "bench", "bench-0", false,
                    ConsistencyLevel.ONE, ConsistencyLevel.LOCAL_QUORUM, ServerSettings.DEFAULT_MAX_BODY_BYTES), connection);
            await().atMost(Duration.ofSeconds(60)).until(() -> connection.store().isPresent());
            return new InProcessReplica(connection, server);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.port());
        }

        @Override
        public void close() {
            server.close();
            connection.close();
        }
    }

    /** The bench sends load only to this machine or to private (cluster) addresses. */
    private void requireLocal(String host, String what) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress() && !address.isSiteLocalAddress()) {
                throw new ParameterException(spec.commandLine(), what
                        + " is not a loopback or private cluster address; the bench only loads local clusters");
            }
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), what + ": unknown host " + host);
        }
    }

    private void requireBetween(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " " + value + " is not allowed; allowed: " + min + "-" + max);
        }
    }
}
