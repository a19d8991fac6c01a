package dev.faultline.report;

import dev.faultline.cluster.Cluster;

/** Where a run ran, as analysis.json and the report record it: the backend with its version, and the Cassandra release. */
public record Platform(String backend, String cassandraVersion) {

    public static Platform of(Cluster cluster) {
        return new Platform(cluster.backendName() + " " + cluster.backendVersion(), cluster.cassandraVersion());
    }
}
