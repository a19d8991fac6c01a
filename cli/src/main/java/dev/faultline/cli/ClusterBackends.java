package dev.faultline.cli;

import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.k8s.K3sBackend;
import dev.faultline.cluster.k8s.KubeconfigBackend;
import dev.faultline.cluster.local.LocalBackend;

import java.util.List;

/** The backends by the names {@code --backend} accepts. */
public final class ClusterBackends {

    public static final List<String> NAMES = List.of(LocalBackend.NAME, K3sBackend.NAME, KubeconfigBackend.NAME);

    private ClusterBackends() {
    }

    /**
     * @param kubernetes {@code --kubeconfig} and {@code --context} only for {@code kube}, {@code --allow-machine-faults}
     *                   for either Kubernetes backend
     * @throws IllegalArgumentException for an unknown name, listing the known ones, or an option of another backend
     */
    static ClusterBackend byName(String name, KubernetesOptions kubernetes) {
        if (kubernetes.kubeconfig.isPresent() && !name.equals(KubeconfigBackend.NAME)) {
            throw new IllegalArgumentException("--kubeconfig applies only to --backend " + KubeconfigBackend.NAME + ", not " + name);
        }
        if (kubernetes.context.isPresent() && !name.equals(KubeconfigBackend.NAME)) {
            throw new IllegalArgumentException("--context applies only to --backend " + KubeconfigBackend.NAME + ", not " + name);
        }
        if (kubernetes.allowMachineFaults && name.equals(LocalBackend.NAME)) {
            throw new IllegalArgumentException("--allow-machine-faults applies only to --backend k3s or kube, not " + name);
        }
        return switch (name) {
            case LocalBackend.NAME -> new LocalBackend();
            case K3sBackend.NAME -> new K3sBackend(kubernetes.allowMachineFaults);
            case KubeconfigBackend.NAME -> new KubeconfigBackend(kubernetes.kubeconfig, kubernetes.context.orElse(null),
                    kubernetes.allowMachineFaults);
            default -> throw new IllegalArgumentException("unknown backend '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
