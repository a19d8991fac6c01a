package dev.faultline.cluster.k8s;

import java.util.List;

/** Runs a command in one container of a pod, as {@code kubectl exec} does. */
interface PodExec {

    ExecResult exec(String namespace, String pod, String container, List<String> command);
}
