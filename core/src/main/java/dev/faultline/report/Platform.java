package dev.faultline.report;

import dev.faultline.cluster.Cluster;

/** Where a run ran, as analysis.json and the report record it: the backend with its version, and the Cassandra release. */
public record Platform(String backend, String cassandraVersion) {

    /** A history checked on its own: where it ran is not known. */
    public static final Platform UNKNOWN = new Platform(null, null);

    public static Platform of(Cluster cluster) {
        return new Platform(cluster.backendName() + " " + cluster.backendVersion(), cluster.cassandraVersion());
    }

    /** "Cassandra 5.0.6 on local 6.1.0-…", or what part of it is known; empty when nothing is. */
    public String sentence() {
        String cassandra = cassandraVersion == null ? "" : "Cassandra " + cassandraVersion;
        String on = backend == null ? "" : (cassandra.isEmpty() ? "" : " ") + "on " + backend;
        return cassandra + on;
    }
}
