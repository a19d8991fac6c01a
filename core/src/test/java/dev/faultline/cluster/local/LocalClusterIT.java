package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.NodeState;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Three real Cassandra nodes boot, see each other, and agree on QUORUM writes from every coordinator. */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class LocalClusterIT {

    private final Cluster cluster;

    LocalClusterIT(Cluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void threeNodesBootAndReportUp(LocalCluster local) {
        assertThat(local).isSameAs(cluster);
        assertThat(cluster.nodes()).extracting(dev.faultline.cluster.Node::state).containsOnly(NodeState.UP);
        assertThat(local.nodes()).allSatisfy(n -> assertThat(ProcessHandle.of(n.pid())).isPresent());
        try (CqlSession session = cluster.openSession()) {
            assertThat(session.getMetadata().getNodes().values()).hasSize(3).allSatisfy(n ->
                    assertThat(n.getState()).isEqualTo(com.datastax.oss.driver.api.core.metadata.NodeState.UP));
        }
        assertThat(cluster.contactPoints()).hasSize(3);
        assertThat(cluster.localDatacenter()).isEqualTo("datacenter1");
    }

    @Test
    void quorumWriteIsReadBackAtQuorumFromEveryCoordinator() {
        cluster.createSchema(
                "CREATE KEYSPACE IF NOT EXISTS it WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}",
                "CREATE TABLE IF NOT EXISTS it.kv (k text PRIMARY KEY, v int)");
        try (CqlSession session = cluster.openSession()) {
            List<Node> coordinators = List.copyOf(session.getMetadata().getNodes().values());
            session.execute(SimpleStatement.newInstance("INSERT INTO it.kv (k, v) VALUES ('q', 42)")
                    .setConsistencyLevel(ConsistencyLevel.QUORUM).setNode(coordinators.get(0)));
            for (Node coordinator : coordinators) {
                Row row = session.execute(SimpleStatement.newInstance("SELECT v FROM it.kv WHERE k = 'q'")
                        .setConsistencyLevel(ConsistencyLevel.QUORUM).setNode(coordinator)).one();
                assertThat(row).as("read via %s", coordinator.getEndPoint()).isNotNull();
                assertThat(row.getInt("v")).isEqualTo(42);
            }
        }
    }

    @Test
    void resetDropsUserKeyspacesAndKeepsTheClusterReady() {
        cluster.createSchema("CREATE KEYSPACE IF NOT EXISTS scratch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
        try (CqlSession session = cluster.openSession()) {
            long resetting = System.nanoTime();
            cluster.resetData();
            System.out.printf("resetData: %d ms%n", (System.nanoTime() - resetting) / 1_000_000);
            assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces").all())
                    .extracting(row -> row.getString("keyspace_name"))
                    .doesNotContain("scratch", "it", "faults")
                    .contains("system", "system_auth");
        }
        cluster.healAll();
    }

    @Test
    void unknownNodeNamesTheKnownOnes() {
        assertThatThrownBy(() -> cluster.kill("n9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown node 'n9'; this cluster has n1, n2, n3");
    }
}
