package dev.faultline.cluster;

import java.util.regex.Pattern;

/**
 * What a cluster is: how many Cassandra nodes, the replication factor that tests use, and the
 * Cassandra release the nodes run. Invalid shapes are rejected here, before anything is started.
 */
public record Topology(int nodes, int replicationFactor, String cassandraVersion) {

    public static final int DEFAULT_NODES = 3;
    public static final int DEFAULT_REPLICATION_FACTOR = 2;
    /** The release a cluster runs when none is asked for: pinned, so runs compare across machines. */
    public static final String DEFAULT_CASSANDRA_VERSION = "5.0.6";

    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+(\\.[0-9]+)?(-[A-Za-z0-9.]+)?");

    public Topology {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        }
        if (replicationFactor < 1 || replicationFactor > nodes) {
            throw new IllegalArgumentException("replicationFactor must be between 1 and nodes (" + nodes
                    + "), got " + replicationFactor);
        }
        checkVersion(cassandraVersion);
    }

    /** Refuses what is not a release number (it names a folder and a Maven artifact). */
    public static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Cassandra version '" + version
                    + "' is not a version number; allowed: a released version such as 5.0.6 or 4.1.10");
        }
        return version;
    }

    /** The default release. */
    public Topology(int nodes, int replicationFactor) {
        this(nodes, replicationFactor, DEFAULT_CASSANDRA_VERSION);
    }

    public static Topology defaults() {
        return new Topology(DEFAULT_NODES, DEFAULT_REPLICATION_FACTOR);
    }

    public Topology withCassandraVersion(String version) {
        return new Topology(nodes, replicationFactor, version);
    }
}
