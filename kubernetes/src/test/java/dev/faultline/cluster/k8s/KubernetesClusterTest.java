package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fault against fabric8's mock API server in CRUD mode: the exact requests, in order, with their bodies,
 * the objects they leave behind, and that heal (or restart, or close) takes them away again. No Kubernetes
 * controller runs here, so where one would act (recreate a deleted pod) the test does it by hand; no Docker
 * either, so the k3s machines (stop a node container, freeze a container) are a recorder of what was asked.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesClusterTest {

    KubernetesMockServer server;
    /** Made per test from the server; it also keeps each request's body, which the CRUD store consumes. */
    private KubernetesClient client;
    private final List<String> sentBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private KubernetesCluster cluster;
    private String ns;

    @BeforeEach
    void clusterOfThreePodsOnThreeMachines() throws InterruptedException {
        client = server.createClient(builder -> builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(
                "bodies", new Interceptor() {
                    @Override
                    public void before(BasicBuilder ignored, HttpRequest request, RequestTags tags) {
                        if (!request.method().equals("GET")) {
                            sentBodies.add(request.bodyString() == null ? "" : request.bodyString());
                        }
                    }
                })));
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.5+k3s1").build());
        cluster = new KubernetesCluster(new KubernetesCluster.Backend(client, "k3s", recordingMachines(), () -> { },
                new PodNetns.ThroughMachine(recordingMachines()), true),
                "kabc12", new Topology(3, 2), Duration.ofSeconds(5));
        ns = cluster.namespace();
        cluster.createNamespace();
        for (int i = 0; i < 3; i++) {
            String machine = "machine-" + (char) ('a' + i);
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(machine).endMetadata().build()).create();
            client.pods().inNamespace(ns).resource(cassandraPod(i, machine, "10.42.0." + (10 + i))).create();
        }
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("printerfacts-x")
                .withUid(UUID.randomUUID().toString()).addToLabels(KubernetesCluster.APP_LABEL, "printerfacts").endMetadata()
                .withNewSpec().withNodeName("machine-b").endSpec().build()).create();
        mutatingRequests();
    }

    @AfterEach
    void close() {
        cluster.close();
        client.close();
    }

    /** Docker is not here: this stands in for the k3s node containers and only records what it was asked. */
    private final List<String> machineCalls = new ArrayList<>();

    private Machines recordingMachines() {
        return new Machines() {
            @Override
            public java.util.Set<dev.faultline.cluster.Capability> capabilities() {
                return K3sMachines.CAPABILITIES;
            }

            @Override
            public void stop(String kubernetesNode) {
                machineCalls.add("stop " + kubernetesNode);
            }

            @Override
            public void start(String kubernetesNode) {
                machineCalls.add("start " + kubernetesNode);
            }

            @Override
            public void pause(String kubernetesNode, String containerId) {
                machineCalls.add("pause " + kubernetesNode + " " + containerId);
            }

            @Override
            public void resume(String kubernetesNode, String containerId) {
                machineCalls.add("resume " + kubernetesNode + " " + containerId);
            }

            @Override
            public ExecResult exec(String kubernetesNode, List<String> command) {
                throw new UnsupportedOperationException("exec on " + kubernetesNode);
            }
        };
    }

    private String cassandraContainer(String pod) {
        String id = client.pods().inNamespace(ns).withName(pod).get().getStatus().getContainerStatuses().get(0).getContainerID();
        return id.substring("containerd://".length());
    }

    /**
     * The CRUD store knows no Eviction subresource; the API server answers 201 and the pod goes a moment later, as
     * its kubelet stops it (deleted from another thread: the mock server must not be called back while it answers).
     */
    private void evictionsSucceed(String... pods) {
        for (String pod : pods) {
            server.expect().post().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod + "/eviction")
                    .andReply(201, request -> {
                        java.util.concurrent.CompletableFuture.runAsync(() -> client.pods().inNamespace(ns).withName(pod).delete(),
                                java.util.concurrent.CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
                        return new StatusBuilder().withStatus("Success").withCode(201).build();
                    }).always();
        }
    }

    private static Pod cassandraPod(int ordinal, String machine, String ip) {
        return new PodBuilder().withNewMetadata().withName("cassandra-" + ordinal).withUid(UUID.randomUUID().toString())
                .addToLabels(KubernetesCluster.APP_LABEL, "cassandra")
                .addToLabels(KubernetesCluster.POD_NAME_LABEL, "cassandra-" + ordinal).endMetadata()
                .withNewSpec().withNodeName(machine).addNewContainer().withName("cassandra").withImage("cassandra:5.0.6").endContainer().endSpec()
                .withNewStatus().withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("cassandra").withContainerID("containerd://" + UUID.randomUUID()).endContainerStatus()
                .endStatus().build();
    }

    /** The requests the server received since the last call that change something, as "METHOD path", in order. */
    private final List<String> bodies = new ArrayList<>();

    private List<String> mutatingRequests() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (!request.getMethod().equals("GET")) {
                lines.add(request.getMethod() + " " + URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8));
            }
        }
        bodies.clear();
        bodies.addAll(sentBodies);
        sentBodies.clear();
        assertThat(bodies).as("bodies sent for " + lines).hasSameSizeAs(lines);
        return lines;
    }

    private JsonNode body(int index) throws Exception {
        return JSON.readTree(bodies.get(index));
    }

    private static Pod printerfactsPod(String name, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withUid(UUID.randomUUID().toString())
                .addToLabels(KubernetesCluster.APP_LABEL, "printerfacts").endMetadata()
                .withNewSpec().withNodeName("machine-a").addNewContainer().withName("printerfacts")
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    /** Issue 13, defects 5 and 6: a Ready pod's container port, bound to loopback only, picked again when it goes. */
    @Test
    void printerfactsIsForwardedFromLoopbackToAReadyPodsContainerPortAndPickedAgainWhenItGoes() throws Exception {
        client.pods().inNamespace(ns).resource(printerfactsPod("printerfacts-starting", false)).create();
        client.pods().inNamespace(ns).resource(printerfactsPod("printerfacts-ready", true)).create();
        mutatingRequests();

        URI uri = cluster.printerfactsUri();
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(forwardedPodPortOnConnect(uri.getPort())).isEqualTo("printerfacts-ready?ports=8080");
        for (InetAddress address : hostAddresses()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, uri.getPort()), 500))
                        .as("the forward refuses %s, an address other hosts can reach", address)
                        .isInstanceOf(IOException.class);
            }
        }

        client.pods().inNamespace(ns).withName("printerfacts-ready").delete();
        client.pods().inNamespace(ns).resource(printerfactsPod("printerfacts-replacement", true)).create();
        assertThat(forwardedPodPortOnConnect(cluster.printerfactsUri().getPort())).isEqualTo("printerfacts-replacement?ports=8080");
    }

    /** Connects to the local forward and returns the pod and port the forward then asked the API server for. */
    private String forwardedPodPortOnConnect(int localPort) throws Exception {
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // drain what came before
        }
        try (Socket socket = new Socket("127.0.0.1", localPort)) {
            RecordedRequest request;
            while ((request = server.takeRequest(5, TimeUnit.SECONDS)) != null) {
                String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
                if (path.contains("/portforward")) {
                    return path.substring(path.indexOf("/pods/") + "/pods/".length()).replace("/portforward", "");
                }
            }
        }
        throw new AssertionError("no port-forward request reached the API server");
    }

    private static List<InetAddress> hostAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof Inet4Address).toList();
    }

    @Test
    void theNamespaceIsNamedAfterTheRunAndLabelledForACleaner() {
        var namespace = client.namespaces().withName("faultline-kabc12").get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry(KubernetesCluster.RUN_LABEL, "kabc12")
                .containsEntry("app.kubernetes.io/managed-by", "faultline")
                .containsEntry(RunNamespaces.HOST_LABEL, RunNamespaces.thisHost())
                .containsEntry(RunNamespaces.PID_LABEL, Long.toString(ProcessHandle.current().pid()));
        assertThat(cluster.backendName()).isEqualTo("k3s");
        assertThat(cluster.backendVersion()).isEqualTo("v1.31.5+k3s1");
    }

    @Test
    void aLaterRunNamesTheNamespacesOfDeadRunsOfThisHostAndDeletesNone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        namespaceOf("faultline-kdead1", RunNamespaces.thisHost(), finished.pid());
        namespaceOf("faultline-kother", "another-host", finished.pid());
        mutatingRequests();

        assertThat(RunNamespaces.deadRuns(client)).containsExactly("faultline-kdead1");

        assertThat(mutatingRequests()).isEmpty();
        assertThat(client.namespaces().withName("faultline-kdead1").get()).isNotNull();
    }

    private void namespaceOf(String name, String host, long pid) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(RunNamespaces.HOST_LABEL, host).addToLabels(RunNamespaces.PID_LABEL, Long.toString(pid))
                .endMetadata().build()).create();
    }

    @Test
    void theDriverBuildsThePortForwardTranslatorOfThisRun() {
        var context = new DefaultDriverContext(cluster.driverConfig(),
                ProgrammaticArguments.builder().build());
        var translator = context.getAddressTranslator();
        assertThat(translator).isInstanceOf(CqlForwards.Translator.class);
        // an address of no forwarded pod stays as it is
        var stranger = new InetSocketAddress("10.42.9.9", 9042);
        assertThat(translator.translate(stranger)).isEqualTo(stranger);

        cluster.close();
        var afterClose = new DefaultDriverContext(cluster.driverConfig(),
                ProgrammaticArguments.builder().build());
        assertThatThrownBy(afterClose::getAddressTranslator).hasStackTraceContaining("no port forwards for run kabc12");
    }

    @Test
    void hintedHandoffRunsNodetoolInTheNodesPodAndReportsAFailedExit() {
        nodetoolExits("cassandra-1", "disablehandoff", 0, "");
        cluster.hintedHandoff("n2", false);

        nodetoolExits("cassandra-1", "enablehandoff", 1, "nodetool: Failed to connect to '127.0.0.1:7199'");
        assertThatThrownBy(() -> cluster.hintedHandoff("n2", true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("nodetool enablehandoff in pod cassandra-1 exited with 1: nodetool: Failed to connect to '127.0.0.1:7199'");
    }

    /**
     * The API server's exec of {@code nodetool <command>}: the command's output, then its exit status. Both are
     * delayed: the mock closes the socket as soon as it has no message pending, and a message it sends at once
     * can leave it with none before it has queued the next (the client then never sees the status).
     */
    private void nodetoolExits(String pod, String command, int exit, String output) {
        WebSocketMessage printed = new WebSocketMessage(50L, new OutputStreamMessage(output).getBytes(), true, true);
        WebSocketMessage status = new WebSocketMessage(100L, new StatusStreamMessage(exit).getBytes(), true, true);
        server.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod + "/exec?command=nodetool&command=" + command
                        + "&container=cassandra&stdout=true&stderr=true")
                .andUpgradeToWebSocket()
                .open(printed, status)
                .done().once();
    }

    @Test
    void drainAsksAgainWhileADisruptionBudgetRefusesTheEviction() throws Exception {
        String eviction = "/api/v1/namespaces/" + ns + "/pods/cassandra-0/eviction";
        server.expect().post().withPath(eviction)
                .andReturn(429, new StatusBuilder().withCode(429).withReason("TooManyRequests")
                        .withMessage("Cannot evict pod as it would violate the pod's disruption budget.").build())
                .once();
        evictionsSucceed("cassandra-0");

        cluster.drainMachine("machine-a");

        assertThat(mutatingRequests()).containsExactly("PATCH /api/v1/nodes/machine-a", "POST " + eviction, "POST " + eviction,
                "DELETE /api/v1/namespaces/" + ns + "/pods/cassandra-0");
        assertThat(cluster.node("n1").state()).isEqualTo(NodeState.DRAINED);
    }

    @Test
    void closeUncordonsWhatTheRunCordonedAndDeletesTheNamespace() throws Exception {
        evictionsSucceed("cassandra-2");
        cluster.drainMachine("machine-c");
        mutatingRequests();

        cluster.close();

        assertThat(mutatingRequests()).containsExactly("PATCH /api/v1/nodes/machine-c", "DELETE /api/v1/namespaces/" + ns);
        assertThat(client.nodes().withName("machine-c").get().getSpec().getUnschedulable()).isFalse();
        assertThat(client.namespaces().withName(ns).get()).isNull();
    }

    @Test
    void pauseAndMachineKillAreRefusedOnAClusterTheHarnessDoesNotOwn() throws Exception {
        KubernetesCluster existing = new KubernetesCluster(new KubernetesCluster.Backend(client, "kube",
                Machines.notOwned("kube"), () -> { }, new PodNetns.Sidecar(), true), "kabc12", new Topology(3, 2), Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> existing.pause("n1")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("'kube' backend").hasMessageContaining("k3s backend");
            assertThatThrownBy(() -> existing.killMachine("machine-a")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(existing.node("n1").state()).isEqualTo(NodeState.UP);
            assertThat(mutatingRequests()).isEmpty();
        } finally {
            existing.close();
        }
    }

    @Test
    void machineFaultsAreRefusedUnlessTheUserOptedIn() throws Exception {
        KubernetesCluster careful = new KubernetesCluster(new KubernetesCluster.Backend(client, "kube",
                Machines.notOwned("kube"), () -> { }, new PodNetns.Sidecar(), false), "kabc13", new Topology(3, 2),
                Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> careful.drainMachine("machine-a")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("draining machine machine-a (cordon, then evict its pods) is a machine-level fault, refused "
                            + "without --allow-machine-faults: it acts on a Kubernetes node, outside the run's namespace");
            assertThatThrownBy(() -> careful.killMachine("machine-a")).hasMessageContaining("--allow-machine-faults");
            assertThat(mutatingRequests()).isEmpty();
            assertThat(client.nodes().withName("machine-a").get().getSpec()).as("never cordoned").isNull();
        } finally {
            careful.close();
        }
    }

    @Test
    void pauseFreezesTheCassandraContainerOnItsMachineAndResumeThawsIt() throws Exception {
        String container = cassandraContainer("cassandra-0");

        cluster.pause("n1");
        assertThat(cluster.node("n1").state()).isEqualTo(NodeState.PAUSED);
        cluster.resume("n1");

        assertThat(machineCalls).containsExactly("pause machine-a " + container, "resume machine-a " + container);
        assertThat(cluster.node("n1").state()).isEqualTo(NodeState.UP);
        assertThat(mutatingRequests()).isEmpty();
    }

}
