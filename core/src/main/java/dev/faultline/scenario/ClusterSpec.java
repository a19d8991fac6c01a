package dev.faultline.scenario;

import java.util.List;
import java.util.stream.IntStream;

/** How many Cassandra nodes, at which replication factor, with how many printerfacts replicas per node. */
public record ClusterSpec(Integer nodes, Integer replicationFactor, Integer printerfacts) {

    /** Most nodes any backend is asked for; what one machine can host is checked where the backend is known. */
    public static final int MAX_NODES = 32;
    static final int MAX_PRINTERFACTS = 8;

    public static final ClusterSpec DEFAULT = new ClusterSpec(3, 2, 0);

    public ClusterSpec {
        nodes = nodes == null ? 3 : nodes;
        replicationFactor = replicationFactor == null ? 2 : replicationFactor;
        printerfacts = printerfacts == null ? 0 : printerfacts;
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes is " + nodes + "; allowed: 1 to " + MAX_NODES + " (each is a Cassandra JVM)");
        }
        if (replicationFactor < 1 || replicationFactor > nodes) {
            throw new IllegalArgumentException(
                    "replication-factor must be between 1 and nodes (" + nodes + "), got " + replicationFactor);
        }
        if (printerfacts < 0 || printerfacts > MAX_PRINTERFACTS) {
            throw new IllegalArgumentException("printerfacts is " + printerfacts + "; allowed: 0 to " + MAX_PRINTERFACTS + " replicas per node");
        }
    }

    /** Node names as the backends give them: n1 … nN. */
    public List<String> nodeNames() {
        return IntStream.rangeClosed(1, nodes).mapToObj(i -> "n" + i).toList();
    }

    void requireNode(String node, String field) {
        if (node != null && !node.equals("random") && !nodeNames().contains(node)) {
            throw new IllegalArgumentException(
                    field + " '" + node + "' is not a node of this cluster; allowed: "
                            + String.join(", ", nodeNames()) + ", random");
        }
    }
}
