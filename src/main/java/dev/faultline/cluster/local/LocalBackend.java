package dev.faultline.cluster.local;

import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;

/** The default backend: Cassandra JVMs in network namespaces on this host. */
public final class LocalBackend implements ClusterBackend {

    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LocalCluster start(Topology topology, StartOptions options) {
        LocalCluster.Builder builder = LocalCluster.topology(topology).progress(options.progress());
        options.runDirectory().ifPresent(builder::runDirectory);
        return builder.start();
    }
}
