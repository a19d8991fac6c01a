package dev.faultline.cluster;

import java.util.Set;

/** Something that can start a Cassandra cluster of a given shape: local namespaces, k3s, or any Kubernetes. */
public interface ClusterBackend {

    /** Short name used on the command line and in reports, e.g. {@code local}. */
    String name();

    /** What its clusters can do beyond what every backend does (partition, kill, drain, restart, clock skew). */
    Set<Capability> capabilities();

    /**
     * Refuses, with an {@link IllegalArgumentException} saying why, a topology this backend cannot start (a Cassandra
     * release its nodes' JDK does not run), before anything is made; the start would refuse it too.
     */
    default void check(Topology topology) {
    }

    /** Starts a cluster and returns once it is ready (every node sees every other as up). */
    Cluster start(Topology topology, StartOptions options);

    /** {@link #start(Topology, StartOptions)} with the backend's defaults. */
    default Cluster start(Topology topology) {
        return start(topology, StartOptions.DEFAULTS);
    }
}
