package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;

/**
 * How the harness reaches a Cassandra pod's network namespace to run iptables there. Rules inside the pod's own
 * namespace see every packet the pod sends or receives, whatever the CNI and its policy controller do on the host.
 */
sealed interface PodNetns permits PodNetns.Sidecar, PodNetns.ThroughMachine {

    /** The container of the Cassandra pod that holds iptables on a cluster the harness does not own. */
    String SIDECAR = "faultline-net";

    /** Runs {@code script} with {@code sh -c} in the network namespace of {@code pod}. */
    ExecResult run(PodExec exec, Pod pod, String script);

    /** The Cassandra pod template as this access needs it. */
    void shape(PodSpec template);

    /** The Pod Security Standard level ({@code privileged}, {@code baseline}) the run's pods need, as its namespace is labelled. */
    String podSecurityLevel();

    /** What the cluster must allow for these pods, for the one line that says it does not. */
    default String admission() {
        return "the run's namespace is labelled pod-security.kubernetes.io/enforce=" + podSecurityLevel()
                + "; a policy that overrides that label must exempt namespaces faultline-*";
    }

    /**
     * On a cluster the harness does not own (kube): a sidecar with NET_ADMIN shares the pod's network namespace, and
     * the harness execs iptables in it through the API. It can change nothing but its own pod's rules, needs no
     * privileged agent on the user's machines, and goes with the run's namespace.
     */
    record Sidecar() implements PodNetns {
        @Override
        public ExecResult run(PodExec exec, Pod pod, String script) {
            return exec.exec(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), SIDECAR,
                    List.of("sh", "-c", script));
        }

        /** The fixture's pod template has the sidecar already. */
        @Override
        public void shape(PodSpec template) {
        }

        /** Pod Security's baseline refuses any added capability beyond a short list, and NET_ADMIN is not on it. */
        @Override
        public String podSecurityLevel() {
            return "privileged";
        }

        @Override
        public String admission() {
            return "the " + SIDECAR + " sidecar adds NET_ADMIN for the partitions, which only Pod Security level "
                    + "privileged allows; " + PodNetns.super.admission();
        }
    }

    /**
     * On k3s the harness owns the machines (Docker containers): it finds the Cassandra container's PID with the
     * node's crictl and enters only that process's network namespace with nsenter, using the node's own iptables.
     * The pod then runs no extra privileged container and pulls no extra image, so the sidecar is removed.
     */
    record ThroughMachine(Machines machines) implements PodNetns {
        @Override
        public ExecResult run(PodExec exec, Pod pod, String script) {
            String machine = pod.getSpec().getNodeName();
            String container = CassandraContainer.runningId(pod);
            String pid = machines.exec(machine, List.of("crictl", "inspect", "--output", "go-template",
                    "--template", "{{.info.pid}}", container)).orThrow("crictl inspect " + container + " on " + machine)
                    .output().strip();
            if (!pid.matches("[1-9][0-9]*")) {
                throw new IllegalStateException("crictl inspect gave no PID for container " + container + " on "
                        + machine + ": " + pid);
            }
            return machines.exec(machine, List.of("nsenter", "--target", pid, "--net", "--", "sh", "-c", script));
        }

        @Override
        public void shape(PodSpec template) {
            template.getContainers().removeIf(c -> c.getName().equals(SIDECAR));
        }

        @Override
        public String podSecurityLevel() {
            return "baseline";
        }
    }
}
