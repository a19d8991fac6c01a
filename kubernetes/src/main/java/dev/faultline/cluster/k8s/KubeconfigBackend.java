package dev.faultline.cluster.k8s;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return Machines.notOwned(NAME).capabilities();
    }

    @Override
    public KubernetesCluster start(Topology topology, StartOptions options) {
        options.progress().accept("kube: reaching the API server, then deploying Cassandra (node logs stay in the pods)");
        Config config = config();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("cannot reach the Kubernetes API server at " + config.getMasterUrl() + " ("
                    + kubeconfig.map(Path::toString).orElse("$KUBECONFIG or ~/.kube/config") + ", context " + context
                    + "): " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
        }
        return KubernetesCluster.start(new KubernetesCluster.Backend(client, NAME, Machines.notOwned(NAME), client,
                        new PodNetns.Sidecar(), machineFaults),
                topology, Fixtures.directory(), READY_TIMEOUT, options.progress());
    }

    /** The kubeconfig with {@link #context} as its context; a name it does not hold is refused, never replaced. */
    Config config() {
        Config config;
        if (kubeconfig.isEmpty()) {
            config = Config.autoConfigure(context);
        } else {
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig.get()), kubeconfig.get().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig.get(), e);
            }
        }
        if (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName())) {
            throw new IllegalArgumentException("--context " + context + ": no such context in "
                    + kubeconfig.map(Path::toString).orElse("the kubeconfig ($KUBECONFIG or ~/.kube/config)") + "; it has "
                    + config.getContexts().stream().map(c -> c.getName()).sorted().toList());
        }
        return config;
    }
}
