package dev.faultline.cluster.k8s;

import com.datastax.oss.driver.api.core.addresstranslation.AddressTranslator;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.context.DriverContext;
import dev.faultline.cluster.DriverSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.LocalPortForward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reaches each Cassandra pod's CQL port from this JVM through the API server's port-forward, and tells the driver
 * where a pod address it learns from gossip is forwarded to. Each pod keeps its local port when it is recreated,
 * so sessions reconnect to the same address once the forward is back. A watch of the namespace's pods follows each
 * forwarded pod to its new address (and forwards again if need be) on the watch's own thread: the driver asks for a
 * translation on its I/O thread, which must never wait on the API server.
 */
final class CqlForwards implements AutoCloseable {

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);

    static final int CQL_PORT = 9042;
    private static final Map<String, CqlForwards> BY_RUN = new ConcurrentHashMap<>();

    private final KubernetesClient client;
    private final String namespace;
    private final String runId;
    private final Map<String, LocalPortForward> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> localPorts = new ConcurrentHashMap<>();
    private final Map<InetAddress, String> podByAddress = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> watch;

    CqlForwards(KubernetesClient client, String namespace, String runId) {
        this.client = client;
        this.namespace = namespace;
        this.runId = runId;
        this.watch = client.pods().inNamespace(namespace).runnableInformer(0);
        watch.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                follow(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                follow(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
        });
        awaitFirstList(watch);
        BY_RUN.put(runId, this);
    }

    /** The watch holds every pod of the namespace before a session asks it for one (its first list comes later). */
    private static void awaitFirstList(SharedIndexInformer<Pod> watch) {
        try {
            watch.start().toCompletableFuture().get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pod watch made its first list", e);
        } catch (ExecutionException | TimeoutException e) {
            watch.close();
            throw new IllegalStateException("the pod watch made no first list of the namespace's pods within "
                    + LIST_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    /** A forwarded pod seen at an address: the driver's gossip will name it there. */
    private void follow(Pod pod) {
        String name = pod.getMetadata().getName();
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || !localPorts.containsKey(name)) {
            return;
        }
        try {
            open(name, InetAddress.getByName(ip));
        } catch (UnknownHostException | RuntimeException e) {
            // the next event of this pod tries again; until then its address stays unknown to the driver
        }
    }

    /** Forwards {@code pod}'s CQL port (again) to its local port and remembers the pod's current address. */
    synchronized InetSocketAddress open(String pod, InetAddress podAddress) {
        podByAddress.values().remove(pod);
        podByAddress.put(podAddress, pod);
        LocalPortForward forward = open.get(pod);
        if (forward == null || !forward.isAlive()) {
            closeQuietly(forward);
            Integer port = localPorts.get(pod);
            // loopback only: a wildcard bind would offer an unauthenticated Cassandra to the user's whole network
            forward = client.pods().inNamespace(namespace).withName(pod)
                    .portForward(CQL_PORT, InetAddress.getLoopbackAddress(), port == null ? 0 : port);
            localPorts.put(pod, forward.getLocalPort());
            open.put(pod, forward);
        }
        return local(pod);
    }

    /** Whether {@code pod} was ever forwarded (open now or closed by a fault). */
    boolean forwarded(String pod) {
        return localPorts.containsKey(pod);
    }

    InetSocketAddress local(String pod) {
        Integer port = localPorts.get(pod);
        if (port == null) {
            throw new IllegalStateException("pod " + pod + " was never forwarded");
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * The forward of the pod at {@code podAddress}, from what the watch has seen: no API call. An address of no
     * forwarded pod stays as it is (and is unreachable); the driver asks again when it reconnects.
     */
    InetSocketAddress translate(InetSocketAddress podAddress) {
        String pod = podByAddress.get(podAddress.getAddress());
        if (pod == null) {
            pod = forwardedPodAt(podAddress.getAddress());
        }
        return pod == null ? podAddress : local(pod);
    }

    /**
     * A forwarded pod that the watch's own cache (in memory, no API call) holds at {@code address}: a pod the harness
     * last saw at another address, whose new one gossip names before any event of it reached {@link #follow}. Read
     * only: {@link #follow} and {@link #open} alone change what the forwards remember.
     */
    private String forwardedPodAt(InetAddress address) {
        return watch.getStore().list().stream()
                .filter(pod -> pod.getStatus() != null && address.getHostAddress().equals(pod.getStatus().getPodIP()))
                .map(pod -> pod.getMetadata().getName())
                .filter(localPorts::containsKey)
                .findFirst().orElse(null);
    }

    String runId() {
        return runId;
    }

    /** The driver's configuration for sessions through these forwards. */
    DriverConfigLoader driverConfig() {
        return DriverSettings.quickReconnects()
                // Peers announce pod addresses; the translator maps them to their local forwards.
                .withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, Translator.class)
                .withString(Option.RUN, runId)
                // through the API server's port-forward a connection takes longer to set up
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .build();
    }

    @Override
    public synchronized void close() {
        watch.close();
        open.values().forEach(CqlForwards::closeQuietly);
        open.clear();
        BY_RUN.remove(runId);
    }

    static void closeQuietly(LocalPortForward forward) {
        if (forward == null) {
            return;
        }
        try {
            forward.close();
        } catch (IOException e) {
            // the forward's socket is gone either way
        }
    }

    /** The driver option naming the run whose forwards {@link Translator} uses. */
    enum Option implements DriverOption {
        RUN("advanced.address-translator.faultline-run");

        private final String path;

        Option(String path) {
            this.path = path;
        }

        @Override
        public String getPath() {
            return path;
        }
    }

    /** Built by the driver by name (it has no programmatic hook for translators), hence the registry by run. */
    public static final class Translator implements AddressTranslator {
        private final CqlForwards forwards;

        public Translator(DriverContext context) {
            String run = context.getConfig().getDefaultProfile().getString(Option.RUN);
            forwards = BY_RUN.get(run);
            if (forwards == null) {
                throw new IllegalStateException("no port forwards for run " + run + "; is its cluster closed?");
            }
        }

        @Override
        public InetSocketAddress translate(InetSocketAddress address) {
            return forwards.translate(address);
        }

        @Override
        public void close() {
        }
    }
}
