package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The driver's address translation over port-forwards, against the mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class CqlForwardsTest {

    KubernetesClient client;

    private static final String NS = "faultline-kfwd01";

    private Pod pod(String ip) {
        return client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("cassandra-0")
                .withUid(UUID.randomUUID().toString()).endMetadata().withNewStatus().withPodIP(ip).endStatus().build()).create();
    }

    @Test
    void anAddressMissedByTheMapIsResolvedThroughTheApiToTheSamePodsForward() throws Exception {
        pod("10.42.0.10");
        try (CqlForwards forwards = new CqlForwards(client, NS, "kfwd01")) {
            InetSocketAddress local = forwards.open("cassandra-0", InetAddress.getByName("10.42.0.10"));
            assertThat(local.getAddress().isLoopbackAddress()).as("bound to loopback only").isTrue();

            // the StatefulSet recreated the pod elsewhere; gossip announces the new address first
            client.pods().inNamespace(NS).withName("cassandra-0").delete();
            pod("10.42.3.7");

            assertThat(forwards.translate(new InetSocketAddress("10.42.3.7", 9042))).isEqualTo(local);
            InetSocketAddress stranger = new InetSocketAddress("10.42.9.9", 9042);
            assertThat(forwards.translate(stranger)).as("no pod has it").isEqualTo(stranger);
        }
    }
}
