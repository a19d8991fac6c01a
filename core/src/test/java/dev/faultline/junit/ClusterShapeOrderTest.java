package dev.faultline.junit;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Topology;
import dev.faultline.junit.CassandraClusterExtensionTest.RecordingBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The class order that lets classes of one shape share one cluster, on a backend that records its starts. */
class ClusterShapeOrderTest {

    static final List<String> RAN = new CopyOnWriteArrayList<>();

    @CassandraCluster(nodes = 3, replicationFactor = 2, backend = RecordingBackend.class)
    static class A3 {
        @Test
        void runs(Cluster cluster) {
            RAN.add("A3");
        }
    }

    @CassandraCluster(nodes = 2, replicationFactor = 2, backend = RecordingBackend.class)
    static class B2 {
        @Test
        void runs(Cluster cluster) {
            RAN.add("B2");
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, fresh = true, backend = RecordingBackend.class)
    static class C3Fresh {
        @Test
        void runs(Cluster cluster) {
            RAN.add("C3Fresh");
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, backend = RecordingBackend.class)
    static class D3 {
        @Test
        void runs(Cluster cluster) {
            RAN.add("D3");
        }
    }

    static class ZNoCluster {
        @Test
        void runs() {
            RAN.add("ZNoCluster with " + RecordingBackend.STARTED.size() + " clusters started");
        }
    }

    @BeforeEach
    void forget() {
        RAN.clear();
        RecordingBackend.STARTED.clear();
        RecordingBackend.OPEN_AT_START.clear();
        RecordingBackend.TOPOLOGIES.clear();
    }

    private static long run(String order) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter("junit.jupiter.testclass.order.default", order)
                .selectors(selectClass(A3.class), selectClass(B2.class), selectClass(C3Fresh.class), selectClass(D3.class),
                        selectClass(ZNoCluster.class))
                .execute().testEvents().succeeded().count();
    }

    @Test
    void classesOfOneShapeRunTogetherAndShareOneClusterAfterTheClassesWithoutOne() {
        assertThat(run(ClusterShapeOrder.class.getName())).isEqualTo(5);

        assertThat(RAN).containsExactly("ZNoCluster with 0 clusters started", "B2", "A3", "D3", "C3Fresh");
        assertThat(RecordingBackend.TOPOLOGIES).extracting(Topology::nodes).containsExactly(2, 3, 3);
        assertThat(RecordingBackend.OPEN_AT_START).as("one cluster at a time").containsOnly(0L);
    }

    @Test
    void byNameAloneTheSameClassesStartFourClusters() {
        assertThat(run("org.junit.jupiter.api.ClassOrderer$ClassName")).isEqualTo(5);

        assertThat(RecordingBackend.TOPOLOGIES).extracting(Topology::nodes).containsExactly(3, 2, 3, 3);
    }
}
