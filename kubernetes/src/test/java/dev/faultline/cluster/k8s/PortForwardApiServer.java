package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of an API server a port-forward talks to, for real: {@code GET .../pods/NAME/portforward?ports=P} upgraded
 * to a WebSocket in the kubelet's channel protocol (v4.channel.k8s.io: the port on data channel 0 and error channel 1
 * first, then every data frame prefixed by its channel byte), each bridged to a real TCP socket standing for the
 * pod's port. What fabric8's {@code portForward} (and so {@link CqlForwards}) sends crosses it byte for byte. It
 * also lists the pods with their IPs, as a lookup by address reads them.
 */
final class PortForwardApiServer implements AutoCloseable {

    private static final Pattern FORWARD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward\\?ports=(\\d+)");
    private static final Pattern LIST = Pattern.compile("/api/v1/namespaces/([^/]+)/pods(\\?.*)?");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, InetSocketAddress> pods = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> podIps = new ConcurrentHashMap<>();
    private final Map<String, Set<Bridge>> streams = new ConcurrentHashMap<>();
    private final AtomicLong bytesToPods = new AtomicLong();
    private final AtomicLong bytesFromPods = new AtomicLong();

    PortForwardApiServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (LIST.matcher(request.getPath()).matches()) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(podList());
                }
                Matcher forward = FORWARD.matcher(request.getPath());
                InetSocketAddress pod = forward.matches() ? pods.get(forward.group(2)) : null;
                if (pod == null) {
                    return new MockResponse().setResponseCode(404);
                }
                Bridge bridge = new Bridge(pod, Integer.parseInt(forward.group(3)));
                streams.computeIfAbsent(forward.group(2), name -> ConcurrentHashMap.newKeySet()).add(bridge);
                return new MockResponse().withWebSocketUpgrade(bridge);
            }
        });
        server.start();
    }

    /** Pod {@code name}, at {@code podIp} in the pod list, has its forwarded port served by whatever listens at {@code address}. */
    void pod(String name, InetAddress podIp, InetSocketAddress address) {
        pods.put(name, address);
        podIps.put(name, podIp);
    }

    /** {@code GET .../pods}: each pod's name and IP, as much of a PodList as a lookup by IP reads. */
    private String podList() {
        return podIps.entrySet().stream().map(e -> "{\"metadata\":{\"name\":\"" + e.getKey() + "\"},\"status\":{\"podIP\":\""
                        + e.getValue().getHostAddress() + "\"}}")
                .collect(Collectors.joining(",", "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[", "]}"));
    }

    /** The pod is gone: its streams end, and new forwards to it are refused as the API server refuses them. */
    void remove(String name) {
        pods.remove(name);
        podIps.remove(name);
        Set<Bridge> open = streams.remove(name);
        if (open != null) {
            open.forEach(Bridge::end);
        }
    }

    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/").toString()).withTrustCerts(true)
                .withNamespace("default").build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    long bytesToPods() {
        return bytesToPods.get();
    }

    long bytesFromPods() {
        return bytesFromPods.get();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** One port-forward stream: a WebSocket on one side, the pod's TCP port on the other. */
    private final class Bridge extends WebSocketListener {
        private final InetSocketAddress pod;
        private final int port;
        private volatile Socket socket;
        private volatile WebSocket webSocket;

        Bridge(InetSocketAddress pod, int port) {
            this.pod = pod;
            this.port = port;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            webSocket = ws;
            try {
                socket = new Socket(pod.getAddress(), pod.getPort());
            } catch (IOException e) {
                ws.close(1011, "cannot reach the pod: " + e.getMessage());
                return;
            }
            byte[] portBytes = {(byte) (port & 0xff), (byte) (port >> 8)};
            ws.send(new byte[] {0, portBytes[0], portBytes[1]});
            ws.send(new byte[] {1, portBytes[0], portBytes[1]});
            Thread pump = new Thread(() -> fromPod(ws), "port-forward-" + pod);
            pump.setDaemon(true);
            pump.start();
        }

        private void fromPod(WebSocket ws) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    byte[] frame = new byte[n + 1];
                    System.arraycopy(buffer, 0, frame, 1, n);
                    bytesFromPods.addAndGet(n);
                    ws.send(frame);
                }
            } catch (IOException e) {
                // the pod's side closed
            }
            ws.close(1000, "pod closed the connection");
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            onMessage(ws, bytes.toByteArray());
        }

        @Override
        public void onMessage(WebSocket ws, byte[] frame) {
            if (frame.length < 2 || frame[0] != 0 || socket == null) {
                return;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(Arrays.copyOfRange(frame, 1, frame.length));
                out.flush();
                bytesToPods.addAndGet(frame.length - 1);
            } catch (IOException e) {
                ws.close(1011, "pod connection broke");
            }
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            closeSocket();
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            closeSocket();
        }

        void end() {
            WebSocket ws = webSocket;
            if (ws != null) {
                ws.close(1000, "pod deleted");
            }
            closeSocket();
        }

        private void closeSocket() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closed either way
                }
            }
        }
    }
}
