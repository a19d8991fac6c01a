package dev.faultline.cluster.k8s;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An existing cluster (kind with {@code k8s-fixtures/kind-cluster.yaml}, minikube, a real one) reached through a
 * kubeconfig. Each run gets a namespace of its own, deleted at close; the printerfacts image must already be
 * where the cluster's nodes can pull it (e.g. {@code kind load docker-image}).
 */
public final class KubeconfigBackend implements ClusterBackend {

    public static final String NAME = "kube";
    /** Cassandra's image pull and start dominate; a cold kind cluster takes minutes. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(15);

    private final Optional<Path> kubeconfig;
    private final String context;
    private final boolean machineFaults;

    /**
     * @param kubeconfig    a kubeconfig file; empty means fabric8's defaults ({@code KUBECONFIG}, {@code ~/.kube/config})
     * @param context       the kubeconfig context to act on, always named: never whichever happens to be current
     * @param machineFaults whether faults may cordon, drain or stop the cluster's machines, which other workloads share
     */
    public KubeconfigBackend(Optional<Path> kubeconfig, String context, boolean machineFaults) {
        kubeconfig.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("--kubeconfig " + path + ": no readable file there");
            }
        });
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("--backend kube needs --context NAME, a context of your kubeconfig: "
                    + "Faultline never acts on whichever context happens to be current");
        }
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.machineFaults = machineFaults;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Someone else's cluster: the harness owns no machine, so it can freeze no container. */
    @Override
    public Set<Capability> capabilities() {
        return KubernetesCluster.capabilities(Machines.notOwned(NAME).capabilities(), machineFaults);
    }

    /**
     * Refuses, before anything is made, a release the fixture cannot run, a kubeconfig that is not one or lacks the
     * context, and a cluster with fewer workers than the topology has nodes. A cluster it cannot reach is left to
     * {@link #start}, which says so.
     */
    @Override
    public void check(Topology topology) {
        KubernetesCluster.requireRelease(topology.cassandraVersion());
        try (KubernetesClient probe = probe(config())) {
            requireWorkers(probe, topology);
        } catch (KubernetesClientException unreachable) {
            // start names the API server it cannot reach
        }
    }

    /**
     * A client that asks once: fabric8 retries a refused connection ten times with a doubling back-off (about 40 s
     * before an unreachable server was named); whether the server answers at all is known at the first try.
     */
    private static KubernetesClient probe(Config config) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build()).build();
    }

    @Override
    public KubernetesCluster start(Topology topology, StartOptions options) {
        options.progress().accept("kube: reaching the API server, then deploying Cassandra (node logs stay in the pods)");
        KubernetesCluster.requireRelease(topology.cassandraVersion());
        Config config = config();
        try (KubernetesClient probe = probe(config)) {
            probe.getKubernetesVersion();
            requireWorkers(probe, topology);
        } catch (KubernetesClientException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("cannot reach the Kubernetes API server at " + config.getMasterUrl() + " ("
                    + kubeconfig.map(Path::toString).orElse("$KUBECONFIG or ~/.kube/config") + ", context " + context
                    + "): " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return KubernetesCluster.start(new KubernetesCluster.Backend(client, NAME, Machines.notOwned(NAME), client,
                        new PodNetns.Sidecar(), machineFaults),
                topology, Fixtures.directory(), READY_TIMEOUT, options.progress());
    }

    /**
     * Each Cassandra pod needs a machine of its own (the fixture's required anti-affinity) among those the scheduler
     * may use for it: Ready, not cordoned, and with no NoSchedule or NoExecute taint (the fixture tolerates none).
     * With fewer the start would wait its whole timeout for a pod that can never be placed.
     */
    static void requireWorkers(KubernetesClient client, Topology topology) {
        List<String> usable = client.nodes().list().getItems().stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> n.getSpec() == null || n.getSpec().getTaints().stream()
                        .noneMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())))
                .filter(n -> n.getStatus() != null && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(n -> n.getMetadata().getName()).sorted().toList();
        if (usable.size() < topology.nodes()) {
            throw new IllegalArgumentException(topology.nodes() + " Cassandra nodes need " + topology.nodes()
                    + " schedulable workers (one each: required anti-affinity), and the cluster has " + usable.size()
                    + " Ready, uncordoned and untainted " + usable + "; add or uncordon workers, or run fewer nodes");
        }
    }

    /**
     * The kubeconfig with {@link #context} as its context; a name it does not hold is refused, never replaced, and a
     * file that is no kubeconfig is bad input, named in one line.
     */
    Config config() {
        Config config;
        String source = kubeconfig.map(path -> "--kubeconfig " + path).orElse("the kubeconfig ($KUBECONFIG or ~/.kube/config)");
        try {
            if (kubeconfig.isEmpty()) {
                config = Config.autoConfigure(context);
            } else {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig.get()), kubeconfig.get().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig.get(), e);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException(source + ": not a kubeconfig (" + why + ")");
        }
        if (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName())) {
            throw new IllegalArgumentException("--context " + context + ": no such context in "
                    + kubeconfig.map(Path::toString).orElse("the kubeconfig ($KUBECONFIG or ~/.kube/config)") + "; it has "
                    + config.getContexts().stream().map(c -> c.getName()).sorted().toList());
        }
        return config;
    }
}
