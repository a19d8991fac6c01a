package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One scenario on a real k3s cluster in Docker (a server and three agents): the fixtures come up, a QUORUM write
 * reads back, printerfacts answers through its Service, Cassandra is killed in its pod and comes back in the same
 * pod, a partition is proven in place and healed, and after all that the write is still there. Needs a
 * Docker engine and the printerfacts image tar ({@code ./mvnw -DskipTests package jib:buildTar}); skipped, with
 * the reason printed, where there is no Docker, and failed where {@code FAULTLINE_REQUIRE_DOCKER=true} says there must be.
 */
class K3sBackendIT {

    static final String NO_DOCKER = "Docker is not available on this machine: the k3s backend test needs a Docker engine";

    @BeforeEach
    void dockerIsThere() {
        DockerGate.check(K3sBackend.dockerAvailable(Duration.ofSeconds(15)), System.getenv(), NO_DOCKER);
    }

    @Test
    void aQuorumWriteSurvivesAPodKillOnK3s() throws IOException, InterruptedException {
        try (KubernetesCluster cluster = new K3sBackend(false).start(new Topology(3, 2), StartOptions.DEFAULTS)) {
            assertThat(cluster.backendName()).isEqualTo("k3s");
            assertThat(cluster.backendVersion()).contains("k3s");
            assertThat(cluster.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.UP));
            assertThat(get(cluster.printerfactsUri().resolve("/readyz")).statusCode()).isEqualTo(200);

            try (CqlSession session = cluster.openSession()) {
                session.execute("CREATE KEYSPACE IF NOT EXISTS k3s_it WITH replication = "
                        + "{'class': 'NetworkTopologyStrategy', 'datacenter1': 2}");
                cluster.awaitSchemaAgreement();
                session.execute("CREATE TABLE IF NOT EXISTS k3s_it.kv (k text PRIMARY KEY, v text)");
                cluster.awaitSchemaAgreement();
                session.execute(quorum("INSERT INTO k3s_it.kv (k, v) VALUES ('cat', 'purrs')"));
                assertThat(session.execute(quorum("SELECT v FROM k3s_it.kv WHERE k = 'cat'")).one().getString("v"))
                        .isEqualTo("purrs");
            }

            String firstAddress = cluster.node("n1").address().getHostAddress();
            cluster.kill("n1");
            assertThat(cluster.node("n1").state()).isEqualTo(NodeState.KILLED);
            cluster.healAll();
            assertThat(cluster.node("n1").state()).isEqualTo(NodeState.UP);
            assertThat(cluster.node("n1").address().getHostAddress()).as("killed in place: the same pod").isEqualTo(firstAddress);

            // returns only once probes from each side to the other's port 7000 time out; heal once they answer again
            cluster.partition(List.of(List.of("n1"), List.of("n2", "n3")));
            cluster.heal();

            try (CqlSession session = cluster.openSession()) {
                assertThat(session.execute(quorum("SELECT v FROM k3s_it.kv WHERE k = 'cat'")).one().getString("v"))
                        .isEqualTo("purrs");
            }
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SimpleStatement quorum(String cql) {
        return SimpleStatement.newInstance(cql).setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                .setTimeout(Duration.ofSeconds(10));
    }
}
