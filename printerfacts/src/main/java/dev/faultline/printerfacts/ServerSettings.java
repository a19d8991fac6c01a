package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;

/**
 * How one printerfacts replica serves.
 *
 * @param nodeName    the machine it runs on (a Kubernetes node, or a local cluster node)
 * @param replicaName this replica (a pod name, or one of several replicas on a local node)
 * @param crashme     whether {@code GET /crashme} kills the process (off unless the harness asks)
 */
public record ServerSettings(
        String bindAddress,
        int port,
        String nodeName,
        String replicaName,
        boolean crashme,
        ConsistencyLevel readLevel,
        ConsistencyLevel writeLevel,
        int maxBodyBytes) {

    /** Facts are sentences; 64 KiB is far above any fact and far below anything that hurts the heap. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
}
