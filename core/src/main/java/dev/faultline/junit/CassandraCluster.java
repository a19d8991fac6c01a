package dev.faultline.junit;

import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.Topology;
import dev.faultline.cluster.local.LocalBackend;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test class against a real Cassandra cluster (on this host by default, see {@link #backend()}), injected as
 * a {@link dev.faultline.cluster.Cluster} (or the backend's own type, such as
 * {@link dev.faultline.cluster.local.LocalCluster}) into constructor and method parameters and into fields of
 * those types. Faults are
 * healed after every test. Test classes with the same topology share one cluster: between classes its data is
 * reset (user keyspaces dropped) instead of rebooting, unless {@link #fresh()} asks for a cluster of its own. One
 * cluster runs at a time: a class that needs another (another topology, or a fresh one) closes the shared one first.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CassandraClusterExtension.class)
public @interface CassandraCluster {

    int nodes() default 3;

    int replicationFactor() default 2;

    /** The Cassandra release the nodes run, resolved from your Maven repositories on first use and cached. */
    String version() default Topology.DEFAULT_CASSANDRA_VERSION;

    /** A cluster for this class alone, closed after it, instead of the shared one. */
    boolean fresh() default false;

    /**
     * Where the cluster runs: a {@link ClusterBackend} with a public no-argument constructor. Classes
     * share a cluster only when both backend and topology are the same.
     */
    Class<? extends ClusterBackend> backend() default LocalBackend.class;
}
