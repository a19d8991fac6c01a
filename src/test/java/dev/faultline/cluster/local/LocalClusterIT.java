package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.cluster.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Three real Cassandra nodes: they boot, see each other, and agree on QUORUM writes from every coordinator. */
class LocalClusterIT {

    private static LocalCluster cluster;
    private static CqlSession session;

    @BeforeAll
    static void start() {
        cluster = LocalCluster.nodes(3).replicationFactor(2).start();
        session = cluster.openSession();
        session.execute("CREATE KEYSPACE IF NOT EXISTS it WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
        session.execute("CREATE TABLE IF NOT EXISTS it.kv (k text PRIMARY KEY, v int)");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeNodesBootAndReportUp() {
        assertThat(cluster.nodes()).extracting(LocalNode::state).containsOnly(NodeState.UP);
        assertThat(session.getMetadata().getNodes().values())
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.getState()).isEqualTo(com.datastax.oss.driver.api.core.metadata.NodeState.UP));
        assertThat(cluster.contactPoints()).hasSize(3);
    }

    @Test
    void quorumWriteIsReadBackAtQuorumFromEveryCoordinator() {
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
