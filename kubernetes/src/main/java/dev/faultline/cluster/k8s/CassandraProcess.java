package dev.faultline.cluster.k8s;

import java.util.List;

/**
 * The commands that stop and start Cassandra inside its container, through the fixture's wrapper script
 * {@code k8s-fixtures/cassandra-node.sh}: a stop creates the hold file first, so the wrapper does not start Cassandra
 * again (and the container does not exit) until {@link #release()} removes it. Each stop returns once the process is
 * gone.
 */
final class CassandraProcess {

    static final String SCRIPT = "cassandra-node.sh";
    /** The wrapper's defaults: the container's own /tmp, so a new container (or pod) starts unheld. */
    static final String HOLD = "/tmp/faultline-hold";
    static final String PID_FILE = "/tmp/cassandra.pid";

    /**
     * The fixture's readiness probe: the process the wrapper started lives. No port: a DROP rule of a fault would
     * take the kubelet's probe with the clients' packets.
     */
    static final List<String> READY = List.of("bash", "-c", "kill -0 \"$(cat " + PID_FILE + ")\"");

    private CassandraProcess() {
    }

    /** SIGKILL: no drain, no shutdown hook; peers see the node vanish, as on any other backend. */
    static List<String> kill() {
        return stop("kill -KILL \"$pid\"");
    }

    /** Cassandra's own drain (flush, stop accepting writes), then a clean stop with SIGTERM. */
    static List<String> drain() {
        return stop("nodetool drain && kill -TERM \"$pid\"");
    }

    /** The wrapper starts Cassandra again on the same data, in the same pod. */
    static List<String> release() {
        return List.of("bash", "-c", "rm -f " + HOLD);
    }

    private static List<String> stop(String signal) {
        return List.of("bash", "-c", "touch " + HOLD + " && pid=$(cat " + PID_FILE + ") && " + signal
                + " && while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done");
    }
}
