package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The namespace of each run, labelled with the run and the process that owns it, so that a later run on the same
 * host can name what a run killed with {@code kill -9} left behind, and never a namespace whose owner still lives.
 */
final class RunNamespaces {

    static final String RUN_LABEL = "faultline.dev/run";
    static final String HOST_LABEL = "faultline.dev/host";
    static final String PID_LABEL = "faultline.dev/pid";

    private RunNamespaces() {
    }

    static String name(String runId) {
        return "faultline-" + runId;
    }

    static final String POD_SECURITY = "pod-security.kubernetes.io/";

    /** @param podSecurity the Pod Security Standard level the run's pods need, enforced (and warned, audited) there */
    static void create(KubernetesClient client, String runId, String podSecurity) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name(runId))
                .addToLabels(RUN_LABEL, runId).addToLabels("app.kubernetes.io/managed-by", "faultline")
                .addToLabels(POD_SECURITY + "enforce", podSecurity).addToLabels(POD_SECURITY + "warn", podSecurity)
                .addToLabels(POD_SECURITY + "audit", podSecurity)
                .addToLabels(HOST_LABEL, thisHost()).addToLabels(PID_LABEL, Long.toString(ProcessHandle.current().pid()))
                .endMetadata().build()).create();
    }

    /** The namespaces of runs started on this host whose process is gone. */
    static List<String> deadRuns(KubernetesClient client) {
        return client.namespaces().withLabel(HOST_LABEL, thisHost()).list().getItems().stream()
                .filter(ns -> !owned(ns.getMetadata().getLabels()))
                .map(ns -> ns.getMetadata().getName()).sorted().toList();
    }

    private static boolean owned(Map<String, String> labels) {
        try {
            return ProcessHandle.of(Long.parseLong(labels.getOrDefault(PID_LABEL, ""))).filter(ProcessHandle::isAlive).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** This host's name as a label value: at most 63 of [a-z0-9.-], starting and ending alphanumeric. */
    static String thisHost() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String label = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        label = label.substring(0, Math.min(63, label.length())).replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return label.isEmpty() ? "unknown-host" : label;
    }
}
