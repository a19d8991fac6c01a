package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * A session starts as soon as the forwards are open, and its first translations come at once: the watch's first
 * list of the pods must be there by then (it arrived a second later, and a recreated pod's address went untranslated).
 */
class CqlForwardsFirstListTest {

    @Test
    void aPodLastSeenElsewhereIsTranslatedFromTheFirstListAsSoonAsTheForwardsExist() throws Exception {
        try (PortForwardApiServer api = new PortForwardApiServer(); KubernetesClient client = api.client()) {
            api.pod("cassandra-0", InetAddress.getByName("10.77.9.11"), new InetSocketAddress("127.0.0.1", 1));
            api.pod("cassandra-1", InetAddress.getByName("10.77.9.12"), new InetSocketAddress("127.0.0.1", 2));
            try (CqlForwards forwards = new CqlForwards(client, "faultline-first", "first")) {
                forwards.open("cassandra-0", InetAddress.getByName("10.77.9.11"));
                InetSocketAddress second = forwards.open("cassandra-1", InetAddress.getByName("10.42.7.7"));

                assertThat(forwards.translate(new InetSocketAddress("10.77.9.12", 9042))).isEqualTo(second);
                assertThat(forwards.translate(new InetSocketAddress("10.77.9.99", 9042))).as("no pod there")
                        .isEqualTo(new InetSocketAddress("10.77.9.99", 9042));
            }
        }
    }
}
