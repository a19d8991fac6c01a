package dev.faultline.cluster.k8s;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.cluster.local.LocalNode;
import dev.faultline.junit.CassandraCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real driver session through {@link CqlForwards}, configured as {@link KubernetesCluster} configures it: each node of
 * a real two-node cluster stands for a pod and is reached only through the API server's WebSocket port-forward
 * ({@link PortForwardApiServer}). The driver finds both nodes (the peer by the pod address gossip announces,
 * translated to its forward, though the harness knew that pod by an older address), writes and reads at QUORUM through
 * them, sees a node whose pod went away as down while the other still coordinates, and reconnects to the same local
 * port once the pod is back. A real printerfacts replica answers through such a forward too.
 */
@CassandraCluster(nodes = 2, replicationFactor = 2)
class CqlThroughPortForwardIT {

    LocalCluster cluster;

    @Test
    void aSessionThroughPortForwardsSeesEveryNodeAndOutlivesAPodGoingAway() throws Exception {
        LocalNode first = cluster.nodes().get(0);
        LocalNode second = cluster.nodes().get(1);
        try (PortForwardApiServer api = new PortForwardApiServer();
             KubernetesClient client = api.client();
             CqlForwards forwards = watchingPods(api, client, first, second)) {
            InetSocketAddress firstForward = forwards.open("cassandra-0", first.address());
            // the harness last saw cassandra-1 at an address it no longer has (recreated by its StatefulSet): the
            // address gossip announces is resolved through the API to the same pod and its forward
            InetSocketAddress secondForward = forwards.open("cassandra-1", InetAddress.getByName("10.42.7.7"));
            assertThat(List.of(firstForward, secondForward)).as("bound to loopback only")
                    .allMatch(forward -> forward.getAddress().isLoopbackAddress());

            try (CqlSession session = CqlSession.builder().addContactPoint(firstForward)
                    .withLocalDatacenter(cluster.localDatacenter()).withConfigLoader(forwards.driverConfig()).build()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> upNodes(session).size() == 2);
                assertThat(upNodes(session)).as("every node reached through its own forward")
                        .containsExactlyInAnyOrder(firstForward, secondForward);

                session.execute("CREATE KEYSPACE IF NOT EXISTS fwd WITH replication = "
                        + "{'class': 'NetworkTopologyStrategy', '" + cluster.localDatacenter() + "': 2}");
                session.execute("CREATE TABLE IF NOT EXISTS fwd.kv (k text PRIMARY KEY, v int)");
                session.execute(quorum("INSERT INTO fwd.kv (k, v) VALUES ('x', 1)"));
                assertThat(session.execute(quorum("SELECT v FROM fwd.kv WHERE k = 'x'")).one().getInt("v")).isEqualTo(1);
                assertThat(api.bytesToPods()).as("requests crossed the WebSocket").isPositive();
                assertThat(api.bytesFromPods()).as("answers crossed the WebSocket").isPositive();

                // the pod goes away: its streams end and the API server refuses new ones
                api.remove("cassandra-1");
                long removed = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> upNodes(session).equals(Set.of(firstForward)));
                // n1 still reaches n2 directly (gossip never went through a forward), so QUORUM still holds
                session.execute(quorum("INSERT INTO fwd.kv (k, v) VALUES ('x', 2)"));

                // back, on the same local port: the driver reconnects without a new session
                double down = (System.nanoTime() - removed) / 1e9;
                api.pod("cassandra-1", second.address(), second.cqlAddress());
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> upNodes(session).size() == 2);
                System.out.printf("through port-forwards: %d bytes to the pods, %d back; the driver held cassandra-1 down"
                        + " %.1f s after its pod went, up %.1f s after it came back%n", api.bytesToPods(), api.bytesFromPods(),
                        down, (System.nanoTime() - back) / 1e9);
                assertThat(upNodes(session)).containsExactlyInAnyOrder(firstForward, secondForward);
                assertThat(session.execute(quorum("SELECT v FROM fwd.kv WHERE k = 'x'")).one().getInt("v")).isEqualTo(2);
            }

            // printerfacts on its container port, through the same kind of forward KubernetesCluster.printerfactsUri opens
            try (PrinterfactsReplicas app = cluster.printerfacts(1)) {
                URI replica = app.urls().get(0);
                api.pod("printerfacts-0", InetAddress.getByName(replica.getHost()), new InetSocketAddress(replica.getHost(), replica.getPort()));
                try (LocalPortForward http = client.pods().inNamespace("faultline-cqlfwd").withName("printerfacts-0")
                        .portForward(replica.getPort(), InetAddress.getLoopbackAddress(), 0)) {
                    HttpResponse<String> fact = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + http.getLocalPort() + "/fact")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(fact.statusCode()).isEqualTo(200);
                    assertThat(fact.body()).contains("\"fact\"");
                }
            }
        }
    }

    /**
     * The pods exist before the harness watches them, as a StatefulSet's do. This API server lists pods but streams
     * no watch events, so what the watch knows of them is its first list.
     */
    private static CqlForwards watchingPods(PortForwardApiServer api, KubernetesClient client, LocalNode first, LocalNode second) {
        api.pod("cassandra-0", first.address(), first.cqlAddress());
        api.pod("cassandra-1", second.address(), second.cqlAddress());
        return new CqlForwards(client, "faultline-cqlfwd", "cqlfwd");
    }

    private static SimpleStatement quorum(String cql) {
        return SimpleStatement.newInstance(cql).setConsistencyLevel(ConsistencyLevel.QUORUM);
    }

    /** Where the driver connects for each node it holds up. */
    private static Set<InetSocketAddress> upNodes(CqlSession session) {
        return session.getMetadata().getNodes().values().stream().filter(n -> n.getState() == NodeState.UP)
                .map(Node::getEndPoint).map(e -> (InetSocketAddress) e.resolve()).collect(Collectors.toSet());
    }
}
