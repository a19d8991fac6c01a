package dev.faultline.cluster.local;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.faultline.printerfacts.Migrations;
import dev.faultline.printerfacts.ReplicaRoundRobin;
import dev.faultline.cluster.PrinterfactsReplicas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * printerfacts replicas on a {@link LocalCluster}: each runs as its own JVM inside a node's network
 * namespace, so partitioning or isolating that node cuts its replicas off exactly as it would cut pods
 * on that Kubernetes node. The schema is migrated first, at the cluster's replication factor.
 *
 * <pre>{@code
 * try (LocalReplicas app = LocalReplicas.on(cluster).perNode(1).start()) { app.roundRobin().next(); }
 * }</pre>
 */
public final class LocalReplicas implements PrinterfactsReplicas {

    /** Replica i on a node listens on this port plus i, on the node's address. */
    public static final int FIRST_PORT = 8080;
    /** Each replica is a JVM of up to 256 MB heap sharing the machine with Cassandra. */
    public static final int MAX_PER_NODE = 10;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    // Small heap and the serial collector: several of these share two cores with the Cassandra JVMs.
    private static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");

    /** One running replica. */
    public record Replica(String name, String node, URI url, LaunchedProcess process) {}

    private final List<Replica> replicas;
    private final HttpClient http;

    private LocalReplicas(List<Replica> replicas, HttpClient http) {
        this.replicas = List.copyOf(replicas);
        this.http = http;
    }

    public static Builder on(LocalCluster cluster) {
        return new Builder(cluster);
    }

    /** Reads as a sentence: {@code LocalReplicas.on(cluster).perNode(2).withCrashme().start()}. */
    public static final class Builder {
        private final LocalCluster cluster;
        private int perNode = 1;
        private boolean crashme;
        private Path home = Path.of(System.getProperty("faultline.home", "."));

        private Builder(LocalCluster cluster) {
            this.cluster = cluster;
        }

        public Builder perNode(int replicas) {
            if (replicas < 1 || replicas > MAX_PER_NODE) {
                throw new IllegalArgumentException("replicas per node must be 1-" + MAX_PER_NODE + ", not " + replicas);
            }
            this.perNode = replicas;
            return this;
        }

        /** Lets {@code GET /crashme} kill a replica, for crash faults. */
        public Builder withCrashme() {
            this.crashme = true;
            return this;
        }

        /** The project directory holding target/faultline.jar and target/lib (default: -Dfaultline.home or "."). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Migrates, launches every replica and returns once each answers /readyz. */
        public LocalReplicas start() {
            String classpath = classpath(home);
            try (CqlSession session = cluster.openSession()) {
                Migrations.run(session, cluster.localDatacenter(), cluster.replicationFactor());
            }
            String contactPoints = cluster.contactPoints().stream()
                    .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                    .collect(Collectors.joining(","));
            List<Replica> started = new ArrayList<>();
            try {
                for (LocalNode node : cluster.nodes()) {
                    for (int i = 0; i < perNode; i++) {
                        started.add(launch(node, i, classpath, contactPoints));
                    }
                }
                LocalReplicas replicas = new LocalReplicas(started,
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
                replicas.awaitReady();
                return replicas;
            } catch (RuntimeException e) {
                started.forEach(r -> r.process().stop(STOP_GRACE));
                throw e;
            }
        }

        private Replica launch(LocalNode node, int index, String classpath, String contactPoints) {
            String name = "printerfacts-" + node.name() + "-" + index;
            int port = FIRST_PORT + index;
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(JVM_FLAGS);
            command.addAll(List.of("-cp", classpath, "dev.faultline.cli.Faultline", "printerfacts", "serve",
                    "--port", Integer.toString(port), "--bind", "0.0.0.0",
                    "--node-name", node.name(), "--replica-name", name,
                    "--datacenter", cluster.localDatacenter()));
            for (String contactPoint : contactPoints.split(",")) {
                command.addAll(List.of("--contact-point", contactPoint));
            }
            if (crashme) {
                command.add("--enable-crashme");
            }
            LaunchedProcess process = node.launch(name, command, Map.of(), node.directory().resolve(name + ".log"));
            URI url = URI.create("http://" + node.address().getHostAddress() + ":" + port);
            return new Replica(name, node.name(), url, process);
        }
    }

    private static String classpath(Path home) {
        Path jar = home.resolve("target/faultline.jar").toAbsolutePath();
        Path lib = home.resolve("target/lib").toAbsolutePath();
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("printerfacts replicas run from " + jar + " and " + lib
                    + ", which are missing; build them with `./mvnw -DskipTests package`");
        }
        return jar + ":" + lib + "/*";
    }

    private void awaitReady() {
        for (Replica replica : replicas) {
            await().alias(replica.name() + " answers /readyz at " + replica.url()).atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!replica.process().isAlive()) {
                            throw new IllegalStateException(replica.name() + " exited; see its log next to the node's");
                        }
                        return status(replica.url().resolve("/readyz")) == 200;
                    });
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /** The replica called {@code name}, e.g. {@code printerfacts-n1-0}. */
    public Replica replica(String name) {
        return replicas.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown replica '" + name + "'; known: "
                        + replicas.stream().map(Replica::name).collect(Collectors.joining(", "))));
    }

    public List<URI> urls() {
        return replicas.stream().map(Replica::url).toList();
    }

    /** A client-side stand-in for the Service load balancer over these replicas. */
    public ReplicaRoundRobin roundRobin() {
        return new ReplicaRoundRobin(urls(), http);
    }

    @Override
    public void close() {
        replicas.forEach(r -> r.process().stop(STOP_GRACE));
    }
}
