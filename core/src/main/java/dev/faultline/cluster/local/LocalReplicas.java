package dev.faultline.cluster.local;

import static org.awaitility.Awaitility.await;

import dev.faultline.cluster.PrinterfactsReplicas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * try (LocalReplicas app = LocalReplicas.on(cluster).perNode(1).start()) { app.urls(); }
 * }</pre>
 */
public final class LocalReplicas implements PrinterfactsReplicas {

    /** Names printerfacts' class path; unset, this release's printerfacts is resolved with Maven. */
    public static final String CLASSPATH_PROPERTY = "faultline.printerfacts.classpath";
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

        /** Migrates, launches every replica and returns once each answers /readyz. */
        public LocalReplicas start() {
            String classpath = PrinterfactsProgram.classpath(line -> System.err.println("faultline: " + line));
            List<String> cassandra = new ArrayList<>();
            for (InetSocketAddress contactPoint : cluster.contactPoints()) {
                cassandra.addAll(List.of("--contact-point", contactPoint.getAddress().getHostAddress() + ":" + contactPoint.getPort()));
            }
            cassandra.addAll(List.of("--datacenter", cluster.localDatacenter()));
            migrate(classpath, cassandra);
            List<Replica> started = new ArrayList<>();
            try {
                for (LocalNode node : cluster.nodes()) {
                    for (int i = 0; i < perNode; i++) {
                        started.add(launch(node, i, classpath, cassandra));
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

        /** The app's own migration, as its Kubernetes Job runs it: the keyspace at the cluster's RF, the table, the seed facts. */
        private void migrate(String classpath, List<String> cassandra) {
            LocalNode first = cluster.nodes().get(0);
            List<String> args = new ArrayList<>(List.of("migrate", "--replication-factor", Integer.toString(cluster.replicationFactor())));
            args.addAll(cassandra);
            Path log = first.directory().resolve("printerfacts-migrate.log");
            LaunchedProcess migration = first.launch("printerfacts-migrate", PrinterfactsProgram.command(java(), JVM_FLAGS, classpath, args),
                    Map.of(), log);
            if (!migration.waitFor(READY_TIMEOUT)) {
                migration.stop(STOP_GRACE);
            }
            if (!migration.exitedCleanly()) {
                throw new IllegalStateException("printerfacts' migration failed; see " + log);
            }
        }

        private Replica launch(LocalNode node, int index, String classpath, List<String> cassandra) {
            String name = "printerfacts-" + node.name() + "-" + index;
            int port = FIRST_PORT + index;
            List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--bind", "0.0.0.0",
                    "--node-name", node.name(), "--replica-name", name));
            args.addAll(cassandra);
            if (crashme) {
                args.add("--enable-crashme");
            }
            LaunchedProcess process = node.launch(name, PrinterfactsProgram.command(java(), JVM_FLAGS, classpath, args),
                    Map.of(), node.directory().resolve(name + ".log"));
            URI url = URI.create("http://" + node.address().getHostAddress() + ":" + port);
            return new Replica(name, node.name(), url, process);
        }

        /** The harness's own JVM: printerfacts needs JDK 17, as the harness does. */
        private static String java() {
            return ProcessHandle.current().info().command().orElse("java");
        }
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

    @Override
    public void close() {
        replicas.forEach(r -> r.process().stop(STOP_GRACE));
    }
}
