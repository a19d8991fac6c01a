package dev.faultline.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach Kubernetes and how far faults may go there: a mixin of every command that starts a cluster. */
final class KubernetesOptions {

    @Option(names = "--kubeconfig", paramLabel = "PATH",
            description = "kubeconfig for --backend kube (default: $KUBECONFIG, then ~/.kube/config)")
    Optional<Path> kubeconfig = Optional.empty();

    @Option(names = "--context", paramLabel = "NAME",
            description = "the kubeconfig context --backend kube acts on; required there, so that a run never lands on"
                    + " whichever context happens to be current")
    Optional<String> context = Optional.empty();

    @Option(names = "--allow-machine-faults",
            description = "lets faults drain or stop whole machines (Kubernetes nodes, shared with other workloads);"
                    + " without it they are refused")
    boolean allowMachineFaults;

    static KubernetesOptions of(Optional<Path> kubeconfig, Optional<String> context, boolean allowMachineFaults) {
        KubernetesOptions options = new KubernetesOptions();
        options.kubeconfig = kubeconfig;
        options.context = context;
        options.allowMachineFaults = allowMachineFaults;
        return options;
    }

    static KubernetesOptions none() {
        return new KubernetesOptions();
    }
}
