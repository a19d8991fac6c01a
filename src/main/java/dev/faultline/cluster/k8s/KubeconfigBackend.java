package dev.faultline.cluster.k8s;

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

    /** @param kubeconfig a kubeconfig file; empty means fabric8's defaults ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster) */
    public KubeconfigBackend(Optional<Path> kubeconfig) {
        kubeconfig.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("--kubeconfig " + path + ": no readable file there");
            }
        });
        this.kubeconfig = kubeconfig;
    }

    @Override
    public String name() {
        return NAME;
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
                    + kubeconfig.map(Path::toString).orElse("no --kubeconfig; $KUBECONFIG, ~/.kube/config or in-cluster")
                    + "): " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
        }
        return KubernetesCluster.start(new KubernetesCluster.Backend(client, NAME, Machines.notOwned(NAME), client,
                        new PodNetns.Sidecar()),
                topology, Fixtures.directory(), READY_TIMEOUT);
    }

    private Config config() {
        if (kubeconfig.isEmpty()) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig.get(), e);
        }
    }
}
