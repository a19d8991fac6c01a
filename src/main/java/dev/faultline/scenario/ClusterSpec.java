package dev.faultline.scenario;

import java.util.List;
import java.util.stream.IntStream;

/** How many Cassandra nodes, at which replication factor, with how many printerfacts replicas per node. */
public record ClusterSpec(Integer nodes, Integer replicationFactor, Integer printerfacts) {

    public static final ClusterSpec DEFAULT = new ClusterSpec(3, 2, 0);

    public ClusterSpec {
        nodes = nodes == null ? 3 : nodes;
        replicationFactor = replicationFactor == null ? 2 : replicationFactor;
        printerfacts = printerfacts == null ? 0 : printerfacts;
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        }
        if (replicationFactor < 1 || replicationFactor > nodes) {
            throw new IllegalArgumentException(
                    "replication-factor must be between 1 and nodes (" + nodes + "), got " + replicationFactor);
        }
        if (printerfacts < 0) {
            throw new IllegalArgumentException("printerfacts must be 0 or more, got " + printerfacts);
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
