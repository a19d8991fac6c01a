package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Objects;

/** The runtime's id of a pod's Cassandra container, which pausing it and entering its network namespace name. */
final class CassandraContainer {

    private CassandraContainer() {
    }

    /** The id without the {@code containerd://} prefix; empty before the container exists. */
    static String id(Pod pod) {
        String id = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals(Fixtures.CASSANDRA)).map(ContainerStatus::getContainerID)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return id == null ? "" : id.substring(id.indexOf("://") + 3);
    }

    /** The id of a container that exists, or an error naming the pod. */
    static String runningId(Pod pod) {
        String id = id(pod);
        if (id.isEmpty()) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " has no cassandra container yet");
        }
        return id;
    }
}
