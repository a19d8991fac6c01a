package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The driver's address translation over port-forwards, against the mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class CqlForwardsTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final String NS = "faultline-kfwd01";

    private Pod pod(String ip) {
        return client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("cassandra-0")
                .withUid(UUID.randomUUID().toString()).endMetadata().withNewStatus().withPodIP(ip).endStatus().build()).create();
    }

    /**
     * Issue 25, defect 11: the driver translates on its I/O thread, so a translation asks the API server nothing; the
     * pod watch has already followed a recreated pod to its new address, and that address reaches the same forward.
     */
    @Test
    void aRecreatedPodsNewAddressIsFollowedByTheWatchAndTranslatedWithoutAnApiCall() throws Exception {
        pod("10.42.0.10");
        try (CqlForwards forwards = new CqlForwards(client, NS, "kfwd01")) {
            InetSocketAddress local = forwards.open("cassandra-0", InetAddress.getByName("10.42.0.10"));
            assertThat(local.getAddress().isLoopbackAddress()).as("bound to loopback only").isTrue();

            // the StatefulSet recreated the pod elsewhere; gossip announces the new address
            client.pods().inNamespace(NS).withName("cassandra-0").delete();
            pod("10.42.3.7");
            InetSocketAddress moved = new InetSocketAddress("10.42.3.7", 9042);
            await().atMost(Duration.ofSeconds(10)).until(() -> forwards.translate(moved).equals(local));

            int requests = server.getRequestCount();
            assertThat(forwards.translate(moved)).isEqualTo(local);
            InetSocketAddress stranger = new InetSocketAddress("10.42.9.9", 9042);
            assertThat(forwards.translate(stranger)).as("no pod has it").isEqualTo(stranger);
            assertThat(server.getRequestCount()).as("no request from the driver's thread").isEqualTo(requests);
        }
    }
}
