package dev.faultline.cluster.local;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;

import java.util.EnumSet;
import java.util.Set;

/** The default backend: Cassandra JVMs in network namespaces on this host. */
public final class LocalBackend implements ClusterBackend {

    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    /** Every node is a process of this machine's own, so it can pause one; its nodes share one machine, none its own. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PAUSE, Capability.SLOW_NETWORK);
    }

    @Override
    public void check(Topology topology) {
        CassandraJdk.requireSupported(topology.cassandraVersion());
    }

    @Override
    public LocalCluster start(Topology topology, StartOptions options) {
        LocalCluster.Builder builder = LocalCluster.topology(topology).progress(options.progress());
        options.runDirectory().ifPresent(builder::runDirectory);
        return builder.start();
    }
}
