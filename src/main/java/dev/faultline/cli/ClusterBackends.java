package dev.faultline.cli;

import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.k8s.K3sBackend;
import dev.faultline.cluster.k8s.KubeconfigBackend;
import dev.faultline.cluster.local.LocalBackend;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The backends by the names {@code --backend} accepts. */
public final class ClusterBackends {

    public static final List<String> NAMES = List.of(LocalBackend.NAME, K3sBackend.NAME, KubeconfigBackend.NAME);

    private ClusterBackends() {
    }

    /**
     * @param kubeconfig only for {@code kube}; empty means the usual kubeconfig lookup
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ClusterBackend byName(String name, Optional<Path> kubeconfig) {
        if (kubeconfig.isPresent() && !name.equals(KubeconfigBackend.NAME)) {
            throw new IllegalArgumentException("--kubeconfig applies only to --backend " + KubeconfigBackend.NAME + ", not " + name);
        }
        return switch (name) {
            case LocalBackend.NAME -> new LocalBackend();
            case K3sBackend.NAME -> new K3sBackend();
            case KubeconfigBackend.NAME -> new KubeconfigBackend(kubeconfig);
            default -> throw new IllegalArgumentException("unknown backend '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
