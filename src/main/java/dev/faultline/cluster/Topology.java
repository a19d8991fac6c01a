package dev.faultline.cluster;

/**
 * The shape of a cluster: how many Cassandra nodes and the replication factor that tests use.
 * Invalid shapes are rejected here, before anything is started.
 */
public record Topology(int nodes, int replicationFactor) {

    public static final int DEFAULT_NODES = 3;
    public static final int DEFAULT_REPLICATION_FACTOR = 2;

    public Topology {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        }
        if (replicationFactor < 1 || replicationFactor > nodes) {
            throw new IllegalArgumentException("replicationFactor must be between 1 and nodes (" + nodes
                    + "), got " + replicationFactor);
        }
    }

    public static Topology defaults() {
        return new Topology(DEFAULT_NODES, DEFAULT_REPLICATION_FACTOR);
    }
}
