package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link CqlForwards} forward carries bytes both ways through the API server's WebSocket, in the kubelet's channel
 * protocol, to the pod's port (here an echo server; CqlThroughPortForwardIT puts a real Cassandra there).
 */
class PortForwardTest {

    @Test
    void aForwardCarriesBytesBothWaysToThePodsPort() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PortForwardApiServer api = new PortForwardApiServer();
             KubernetesClient client = api.client();
             CqlForwards forwards = new CqlForwards(client, "faultline-fwd02", "fwd02")) {
            Thread echoing = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception e) {
                    // the test ends the connection
                }
            });
            echoing.setDaemon(true);
            echoing.start();
            api.pod("cassandra-0", InetAddress.getByName("10.42.0.10"), new InetSocketAddress(echo.getInetAddress(), echo.getLocalPort()));

            InetSocketAddress local = forwards.open("cassandra-0", InetAddress.getByName("10.42.0.10"));
            byte[] message = "a CQL frame, say".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(local.getAddress(), local.getPort())) {
                socket.getOutputStream().write(message);
                byte[] back = socket.getInputStream().readNBytes(message.length);
                assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("a CQL frame, say");
            }
            assertThat(api.bytesToPods()).isEqualTo(message.length);
            assertThat(api.bytesFromPods()).isEqualTo(message.length);
        }
    }
}
