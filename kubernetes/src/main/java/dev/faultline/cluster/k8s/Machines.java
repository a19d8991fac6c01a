package dev.faultline.cluster.k8s;

import dev.faultline.cluster.Capability;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What Kubernetes itself cannot do to a node or a container: stop a whole machine, or freeze a container's
 * processes. The k3s backend owns its machines (Docker containers) and can; an existing cluster reached through a
 * kubeconfig cannot, and says so instead of faking it.
 */
public interface Machines {

    /** What owning the machines allows: freezing a container's processes. */
    Set<Capability> capabilities();

    /** Stops the machine that is Kubernetes node {@code kubernetesNode}, as pulling its power cord would. */
    void stop(String kubernetesNode);

    /** Starts a machine stopped by {@link #stop}; it rejoins the cluster on its own. */
    void start(String kubernetesNode);

    /** Freezes every process of a container (cgroup freezer), like SIGSTOP without the container noticing. */
    void pause(String kubernetesNode, String containerId);

    void resume(String kubernetesNode, String containerId);

    /** Runs a command on the machine itself (k3s: in the node's container), e.g. to enter a pod's network namespace. */
    ExecResult exec(String kubernetesNode, List<String> command);

    /** An existing cluster: the harness does not own the machines, so machine and freeze faults are refused. */
    static Machines notOwned(String backend) {
        return new Machines() {
            @Override
            public Set<Capability> capabilities() {
                return EnumSet.noneOf(Capability.class);
            }

            private UnsupportedOperationException refused(String what) {
                return new UnsupportedOperationException(what + " is not possible on the '" + backend
                        + "' backend: the harness does not own the cluster's machines, and Kubernetes has no API to "
                        + "stop a machine or freeze a container; use kill (pod delete) or drain instead, or the k3s backend");
            }

            @Override
            public void stop(String kubernetesNode) {
                throw refused("stopping machine " + kubernetesNode);
            }

            @Override
            public void start(String kubernetesNode) {
                throw refused("starting machine " + kubernetesNode);
            }

            @Override
            public void pause(String kubernetesNode, String containerId) {
                throw refused("pausing a container");
            }

            @Override
            public void resume(String kubernetesNode, String containerId) {
                throw refused("resuming a container");
            }

            @Override
            public ExecResult exec(String kubernetesNode, List<String> command) {
                throw refused("running " + String.join(" ", command) + " on machine " + kubernetesNode);
            }
        };
    }
}
