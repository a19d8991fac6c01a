package dev.faultline.cluster.k8s;

import static org.awaitility.Awaitility.await;

import dev.faultline.cluster.CassandraSettings;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The manifests of {@code k8s-fixtures/}, shaped to a topology and applied into a run's namespace: the ConfigMap of
 * Cassandra's wrapper script, Cassandra, then the migrations Job (it retries until Cassandra answers), then
 * printerfacts.
 */
final class Fixtures {

    static final String CASSANDRA = "cassandra";
    static final String PRINTERFACTS = "printerfacts";
    static final String MIGRATIONS = "printerfacts-migrations";
    static final String NODE_CONFIG = "cassandra-node";
    /** Apply order; kind-cluster.yaml is a kind config, not a Kubernetes object. */
    static final List<String> FILES = List.of("cassandra.yaml", "printerfacts-migrations-job.yaml", "printerfacts.yaml");

    private Fixtures() {
    }

    /** {@code k8s-fixtures/} of the checkout the harness runs from ({@code -Dfaultline.home}, else the working directory). */
    static Path directory() {
        return Path.of(System.getProperty("faultline.home", "."), "k8s-fixtures");
    }

    /** Every object of the fixtures, with the StatefulSet's replicas and the migration's RF taken from {@code topology}. */
    static List<HasMetadata> load(Path directory, Topology topology) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : FILES) {
            Path path = directory.resolve(file);
            try (InputStream in = Files.newInputStream(path)) {
                Object parsed = serialization.unmarshal(in);
                if (parsed instanceof List<?> list) {
                    list.forEach(o -> objects.add((HasMetadata) o));
                } else {
                    objects.add((HasMetadata) parsed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read fixture " + path.toAbsolutePath(), e);
            }
        }
        objects.add(0, nodeConfig(directory, topology));
        for (HasMetadata object : objects) {
            if (object instanceof StatefulSet set && set.getMetadata().getName().equals(CASSANDRA)) {
                set.getSpec().setReplicas(topology.nodes());
                // the official image is tagged by release, as the local backend resolves cassandra-all by release
                set.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(c -> c.getName().equals(CASSANDRA))
                        .forEach(c -> c.setImage("cassandra:" + topology.cassandraVersion()));
            }
            if (object instanceof Job job && job.getMetadata().getName().equals(MIGRATIONS)) {
                List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
                int flag = args.indexOf("--replication-factor");
                if (flag < 0) {
                    throw new IllegalStateException(MIGRATIONS + " in " + directory + " has no --replication-factor argument");
                }
                args.set(flag + 1, Integer.toString(topology.replicationFactor()));
            }
        }
        return objects;
    }

    /**
     * ConfigMap {@value #NODE_CONFIG}: the wrapper script Cassandra's container runs ({@link CassandraProcess}) and
     * the settings it applies, the local backend's ({@link CassandraSettings}): cassandra.yaml keys, JVM system
     * properties, and each pod's token by ordinal.
     */
    static ConfigMap nodeConfig(Path directory, Topology topology) {
        Path script = directory.resolve(CassandraProcess.SCRIPT);
        String yaml = CassandraSettings.yaml().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n")
                .collect(Collectors.joining());
        String jvm = CassandraSettings.systemProperties().entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String tokens = IntStream.range(0, topology.nodes()).mapToObj(i -> CassandraSettings.initialToken(i, topology.nodes()) + "\n")
                .collect(Collectors.joining());
        try {
            return new ConfigMapBuilder().withNewMetadata().withName(NODE_CONFIG).addToLabels("app.kubernetes.io/name", CASSANDRA)
                    .endMetadata().addToData(CassandraProcess.SCRIPT, Files.readString(script))
                    .addToData("cassandra-settings.yaml", yaml).addToData("jvm-options", jvm + "\n")
                    .addToData("initial-tokens", tokens).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + script.toAbsolutePath(), e);
        }
    }

    /** The pod template of the Cassandra StatefulSet among {@code objects}. */
    static PodSpec cassandraPodSpec(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof StatefulSet set && set.getMetadata().getName().equals(CASSANDRA))
                .map(o -> ((StatefulSet) o).getSpec().getTemplate().getSpec()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no StatefulSet " + CASSANDRA + " in the fixtures"));
    }

    static void apply(KubernetesClient client, String namespace, List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            client.resource(object).inNamespace(namespace).create();
        }
    }

    /** Cassandra's pods all ready, printerfacts available and the schema created. */
    static boolean ready(KubernetesClient client, String namespace, Topology topology) {
        StatefulSet cassandra = client.apps().statefulSets().inNamespace(namespace).withName(CASSANDRA).get();
        Deployment printerfacts = client.apps().deployments().inNamespace(namespace).withName(PRINTERFACTS).get();
        Job migrations = client.batch().v1().jobs().inNamespace(namespace).withName(MIGRATIONS).get();
        return cassandra != null && cassandra.getStatus() != null
                && Objects.equals(cassandra.getStatus().getReadyReplicas(), topology.nodes())
                && printerfacts != null && printerfacts.getStatus() != null
                && printerfacts.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Available") && c.getStatus().equals("True"))
                && migrations != null && migrations.getStatus() != null
                && migrations.getStatus().getSucceeded() != null && migrations.getStatus().getSucceeded() >= 1;
    }

    static void awaitReady(KubernetesClient client, String namespace, Topology topology, Duration timeout, Duration poll) {
        await().alias("StatefulSet cassandra " + topology.nodes() + " ready, Deployment printerfacts available, Job "
                        + MIGRATIONS + " succeeded in namespace " + namespace)
                .atMost(timeout).pollInterval(poll)
                .until(() -> ready(client, namespace, topology));
    }
}
