package dev.faultline.cluster.k8s;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Link;
import dev.faultline.cluster.DriverSettings;
import dev.faultline.cluster.Node;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cassandra as the StatefulSet of {@code k8s-fixtures/} in a namespace of its own, with the harness's faults
 * mapped to Kubernetes: kill deletes the pod without grace, drain cordons the pod's machine and evicts through the
 * Eviction API (so disruption budgets hold and the pod's preStop runs {@code nodetool drain}), partitions and
 * client isolation are NetworkPolicies, and machine-level faults go to {@link Machines}.
 */
public final class KubernetesCluster implements Cluster {

    static final String RUN_LABEL = RunNamespaces.RUN_LABEL;
    static final String FAULT_LABEL = "faultline.dev/fault";
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String APP_LABEL = "app.kubernetes.io/name";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    static final String DATA_CENTER = "datacenter1";
    /** Keyspaces that survive {@link #resetData()}: Cassandra's, and printerfacts' schema made by the fixture's Job. */
    private static final Set<String> KEPT_KEYSPACES = Set.of("pfacts");
    /** Stands for "clients" in a node's set of blocked sources. */
    private static final String CLIENTS = "";

    private final KubernetesClient client;
    private final String runId;
    private final String namespace;
    private final Topology topology;
    private final String backendName;
    private final String backendVersion;
    private final Machines machines;
    private final AutoCloseable owned;
    private final List<KubernetesNode> nodes;
    private final CqlForwards forwards;
    private final Duration timeout;
    private final Map<String, Set<String>> blocked = new HashMap<>();
    private final Set<String> cordoned = new TreeSet<>();
    private final Set<String> stoppedMachines = new TreeSet<>();
    /**
     * The Cassandra container each stopped node ran in. Only a different container means the node runs again: a
     * pod on a stopped machine still shows Ready until the node controller notices, some 40 s later.
     */
    private final Map<String, String> goneContainers = new HashMap<>();
    private final Thread shutdownHook;
    private LocalPortForward printerfactsForward;
    /** The pod {@link #printerfactsForward} reaches. */
    private String printerfactsPod;
    private volatile boolean closed;

    /** What a backend hands over: the client, how to name itself, the machines it owns and what to release at the end. */
    record Backend(KubernetesClient client, String name, Machines machines, AutoCloseable owned) {
    }

    KubernetesCluster(Backend backend, String runId, Topology topology, Duration timeout) {
        this.client = backend.client();
        this.runId = runId;
        this.namespace = RunNamespaces.name(runId);
        this.topology = topology;
        this.backendName = backend.name();
        this.backendVersion = apiServerVersion(client);
        this.machines = backend.machines();
        this.owned = backend.owned();
        this.timeout = timeout;
        List<KubernetesNode> list = new ArrayList<>();
        for (int i = 0; i < topology.nodes(); i++) {
            list.add(new KubernetesNode("n" + (i + 1), Fixtures.CASSANDRA + "-" + i));
        }
        this.nodes = List.copyOf(list);
        this.forwards = new CqlForwards(client, namespace, runId);
        this.shutdownHook = new Thread(this::close, "faultline-cleanup-" + runId);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Creates the run's namespace, applies the fixtures into it, waits until they are ready and forwards CQL. */
    static KubernetesCluster start(Backend backend, Topology topology, Path fixtures, Duration timeout) {
        RunNamespaces.deleteDeadRuns(backend.client());
        KubernetesCluster cluster = new KubernetesCluster(backend, newRunId(), topology, timeout);
        try {
            cluster.createNamespace();
            Fixtures.apply(cluster.client, cluster.namespace, Fixtures.load(fixtures, topology));
            Fixtures.awaitReady(cluster.client, cluster.namespace, topology, timeout);
            cluster.nodes.forEach(cluster::connect);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    static String newRunId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("k");
        for (int i = 0; i < 5; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String apiServerVersion(KubernetesClient client) {
        try {
            String version = client.getKubernetesVersion().getGitVersion();
            return version != null ? version : "unknown";
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    void createNamespace() {
        RunNamespaces.create(client, runId);
    }

    @Override
    public String runId() {
        return runId;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    /** The API server's version, e.g. {@code v1.31.5+k3s1}. */
    /** The release of the official image the fixture's StatefulSet runs ({@code cassandra:<version>}). */
    @Override
    public String cassandraVersion() {
        return topology.cassandraVersion();
    }

    @Override
    public String backendVersion() {
        return backendVersion;
    }

    @Override
    public List<KubernetesNode> nodes() {
        return nodes;
    }

    @Override
    public KubernetesNode node(String name) {
        return Node.named(nodes, name);
    }

    @Override
    public int replicationFactor() {
        return topology.replicationFactor();
    }

    @Override
    public String localDatacenter() {
        return DATA_CENTER;
    }

    @Override
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().filter(n -> n.cqlAddress() != null).map(KubernetesNode::cqlAddress).toList();
    }

    @Override
    public CqlSessionBuilder sessionBuilder() {
        return CqlSession.builder().addContactPoints(contactPoints()).withLocalDatacenter(DATA_CENTER)
                .withConfigLoader(driverConfig());
    }

    DriverConfigLoader driverConfig() {
        return DriverSettings.quickReconnects()
                // Peers announce pod addresses; the translator maps them to their local forwards.
                .withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, CqlForwards.Translator.class)
                .withString(CqlForwards.Option.RUN, runId)
                // through the API server's port-forward a connection takes longer to set up
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .build();
    }

    /**
     * printerfacts as this JVM reaches it: a loopback port-forward to a Ready printerfacts pod's {@code http} container
     * port, picked again when that pod is gone or no longer Ready. (A Service port-forward would take the first pod,
     * ready or not, and forward the Service's port number, where nothing listens: fabric8 ignores a named targetPort.)
     */
    public synchronized URI printerfactsUri() {
        Pod current = printerfactsPod == null ? null : client.pods().inNamespace(namespace).withName(printerfactsPod).get();
        if (printerfactsForward == null || !printerfactsForward.isAlive() || current == null || !ready(current)) {
            CqlForwards.closeQuietly(printerfactsForward);
            Pod pod = client.pods().inNamespace(namespace).withLabel(APP_LABEL, Fixtures.PRINTERFACTS).list().getItems().stream()
                    .filter(KubernetesCluster::ready).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no printerfacts pod is Ready in namespace " + namespace));
            int port = pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                    .filter(p -> "http".equals(p.getName())).map(p -> p.getContainerPort()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("printerfacts pod " + pod.getMetadata().getName()
                            + " declares no container port named http"));
            printerfactsForward = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .portForward(port, InetAddress.getLoopbackAddress(), 0);
            printerfactsPod = pod.getMetadata().getName();
        }
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + printerfactsForward.getLocalPort());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** One session holds one control connection, so every statement goes through the same coordinator's view. */
    @Override
    public void createSchema(String... statements) {
        try (CqlSession session = openSession()) {
            for (String statement : statements) {
                session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
                await().alias("schema agreement after " + statement).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(session::checkSchemaAgreement);
            }
        }
    }

    @Override
    public void resetData() {
        try (CqlSession session = openSession()) {
            for (Row row : session.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
                String keyspace = row.getString(0);
                if (!keyspace.startsWith("system") && !KEPT_KEYSPACES.contains(keyspace)) {
                    session.execute("DROP KEYSPACE IF EXISTS \"" + keyspace + "\"");
                }
            }
        }
        awaitSchemaAgreement();
    }

    @Override
    public void awaitSchemaAgreement() {
        try (CqlSession session = openSession()) {
            await().alias("schema agreement in " + namespace).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(session::checkSchemaAgreement);
        }
    }

    // ---- network faults: one NetworkPolicy per blocked pod, re-rendered whenever its blocked sources change

    @Override
    public synchronized void partition(Collection<? extends Collection<String>> groups) {
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        int index = 0;
        for (Collection<String> group : groups) {
            for (String name : group) {
                if (groupOf.put(node(name).name(), index) != null) {
                    throw new IllegalArgumentException("node " + name + " appears in more than one group of " + groups);
                }
            }
            index++;
        }
        groupOf.forEach((a, groupA) -> groupOf.forEach((b, groupB) -> {
            if (!groupA.equals(groupB)) {
                blocked(a).add(b);
            }
        }));
        groupOf.keySet().forEach(this::applyPolicy);
    }

    /**
     * The test JVM reaches pods through port-forwards, which no NetworkPolicy sees, so its forward to the node is
     * closed too; printerfacts and any other client pod are kept out by the policy.
     */
    @Override
    public synchronized void isolateFromClients(String node) {
        KubernetesNode target = node(node);
        blocked(target.name()).add(CLIENTS);
        applyPolicy(target.name());
        forwards.close(target.pod());
    }

    @Override
    public synchronized void heal() {
        client.network().v1().networkPolicies().inNamespace(namespace).withLabel(FAULT_LABEL, "network").delete();
        boolean clientsWereCut = blocked.values().stream().anyMatch(b -> b.contains(CLIENTS));
        blocked.clear();
        if (clientsWereCut) {
            nodes.stream().filter(n -> n.state() == NodeState.UP).forEach(this::refresh);
        }
    }

    /**
     * On Kubernetes a NetworkPolicy filters connections, not packets: {@code from} can no longer open
     * connections to {@code to}, but replies on connections {@code to} opens still pass, so a one-way
     * cut here is weaker than the local backend's iptables drop.
     */
    @Override
    public synchronized void cut(Collection<Link> links) {
        Set<String> touched = new TreeSet<>();
        for (Link link : links) {
            String to = node(link.to()).name();
            blocked(to).add(node(link.from()).name());
            touched.add(to);
        }
        touched.forEach(this::applyPolicy);
    }

    private Set<String> blocked(String node) {
        return blocked.computeIfAbsent(node, n -> new TreeSet<>());
    }

    static String policyName(String node) {
        return "faultline-block-" + node;
    }

    /**
     * Policies only ever allow, so one policy per pod states everything it still accepts: pods of this namespace
     * other than the blocked ones, and (unless clients are cut off) anything from other namespaces. With clients
     * cut off, only Cassandra pods are allowed.
     */
    private void applyPolicy(String nodeName) {
        Set<String> sources = blocked.getOrDefault(nodeName, Set.of());
        List<String> blockedPods = sources.stream().filter(s -> !s.equals(CLIENTS)).map(s -> node(s).pod()).sorted().toList();
        boolean clientsCut = sources.contains(CLIENTS);
        LabelSelectorBuilder peers = new LabelSelectorBuilder();
        if (clientsCut) {
            peers.addToMatchLabels(APP_LABEL, Fixtures.CASSANDRA);
        }
        if (!blockedPods.isEmpty()) {
            peers.addNewMatchExpression().withKey(POD_NAME_LABEL).withOperator("NotIn").withValues(blockedPods).endMatchExpression();
        }
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(new NetworkPolicyPeerBuilder().withPodSelector(peers.build()).build());
        if (!clientsCut) {
            LabelSelector otherNamespaces = new LabelSelectorBuilder().addNewMatchExpression()
                    .withKey("kubernetes.io/metadata.name").withOperator("NotIn").withValues(namespace).endMatchExpression().build();
            from.add(new NetworkPolicyPeerBuilder().withNamespaceSelector(otherNamespaces).build());
        }
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(policyName(nodeName))
                .addToLabels(RUN_LABEL, runId).addToLabels(FAULT_LABEL, "network").endMetadata()
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels(POD_NAME_LABEL, node(nodeName).pod()).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(from).endIngress()
                .endSpec().build();
        client.network().v1().networkPolicies().inNamespace(namespace).resource(policy)
                .createOr(NonDeletingOperation::update);
    }

    // ---- process faults

    /** Deletes the pod with no grace period: the container gets SIGKILL. The StatefulSet then recreates it. */
    @Override
    public synchronized void kill(String node) {
        KubernetesNode target = node(node);
        Pod pod = pod(target);
        goneContainers.put(target.name(), containerId(pod));
        client.pods().inNamespace(namespace).withName(target.pod()).withGracePeriod(0).delete();
        target.state(NodeState.KILLED);
    }

    /** Freezes the Cassandra container with the cgroup freezer of its machine's container runtime. */
    @Override
    public synchronized void pause(String node) {
        KubernetesNode target = node(node);
        Pod pod = pod(target);
        machines.pause(pod.getSpec().getNodeName(), runningContainerId(pod));
        target.state(NodeState.PAUSED);
    }

    @Override
    public synchronized void resume(String node) {
        KubernetesNode target = node(node);
        Pod pod = pod(target);
        machines.resume(pod.getSpec().getNodeName(), runningContainerId(pod));
        target.state(NodeState.UP);
    }

    /** {@code nodetool enablehandoff|disablehandoff} in the node's pod, as {@code kubectl exec} runs it. */
    @Override
    public synchronized void hintedHandoff(String node, boolean enabled) {
        KubernetesNode target = node(node);
        String command = enabled ? "enablehandoff" : "disablehandoff";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ExecWatch exec = client.pods().inNamespace(namespace).withName(target.pod()).inContainer(Fixtures.CASSANDRA)
                .writingOutput(output).writingError(output).exec("nodetool", command)) {
            Integer code = exec.exitCode().get(timeout.toSeconds(), TimeUnit.SECONDS);
            if (code == null || code != 0) {
                // null: the exec stream closed before the API server sent the exit status
                String ended = code == null ? "ended without an exit status" : "exited with " + code;
                throw new IllegalStateException("nodetool " + command + " in pod " + target.pod() + " " + ended
                        + ": " + output.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during nodetool " + command + " in pod " + target.pod(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("nodetool " + command + " in pod " + target.pod() + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code kubectl drain} of the machine running the node's pod; see {@link #drainMachine(String)}. */
    @Override
    public void drain(String node) {
        drainMachine(kubernetesNodeOf(node));
    }

    /** The Kubernetes node (machine) the pod of Cassandra node {@code node} runs on. */
    public String kubernetesNodeOf(String node) {
        return pod(node(node)).getSpec().getNodeName();
    }

    /**
     * Cordons the machine, then evicts every pod of this run on it through the Eviction API, retrying while a
     * disruption budget refuses. Cassandra pods run their preStop {@code nodetool drain} on the way out.
     */
    public synchronized void drainMachine(String kubernetesNode) {
        client.nodes().withName(kubernetesNode)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        cordoned.add(kubernetesNode);
        List<Pod> onMachine = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> kubernetesNode.equals(p.getSpec().getNodeName())).toList();
        for (Pod pod : onMachine) {
            String name = pod.getMetadata().getName();
            evict(name);
            nodes.stream().filter(n -> n.pod().equals(name)).forEach(n -> {
                goneContainers.put(n.name(), containerId(pod));
                n.state(NodeState.DRAINED);
            });
        }
    }

    /** Asks again while a PodDisruptionBudget refuses (HTTP 429), as {@code kubectl drain} does; each ask is one eviction. */
    private void evict(String pod) {
        Instant deadline = Instant.now().plus(timeout);
        while (!client.pods().inNamespace(namespace).withName(pod).evict()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("a PodDisruptionBudget refused the eviction of pod " + pod + " in "
                        + namespace + " for " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evicting pod " + pod, e);
            }
        }
    }

    /** Makes a cordoned machine schedulable again. */
    public synchronized void uncordon(String kubernetesNode) {
        client.nodes().withName(kubernetesNode)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":false}}");
        cordoned.remove(kubernetesNode);
    }

    /** Stops the whole machine (k3s: its container); every Cassandra pod on it is gone without warning. */
    public synchronized void killMachine(String kubernetesNode) {
        List<Pod> podsThere = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> kubernetesNode.equals(p.getSpec().getNodeName())).toList();
        machines.stop(kubernetesNode);
        stoppedMachines.add(kubernetesNode);
        for (Pod pod : podsThere) {
            nodes.stream().filter(n -> n.pod().equals(pod.getMetadata().getName())).forEach(n -> {
                goneContainers.put(n.name(), containerId(pod));
                n.state(NodeState.KILLED);
            });
        }
    }

    public synchronized void startMachine(String kubernetesNode) {
        machines.start(kubernetesNode);
        stoppedMachines.remove(kubernetesNode);
    }

    /**
     * Waits until the node's pod runs again (a new pod if the old one was deleted or evicted) and forwards CQL to
     * it. A drained node's machine is uncordoned first, so the pod may come back where it was.
     */
    @Override
    public void restart(String node) {
        KubernetesNode target = node(node);
        synchronized (this) {
            if (target.state() == NodeState.UP || target.state() == NodeState.PAUSED) {
                throw new IllegalStateException("node " + node + " is " + target.state() + "; only killed or drained nodes restart");
            }
            List.copyOf(cordoned).forEach(this::uncordon);
        }
        awaitPodReady(target);
        refresh(target);
        target.state(NodeState.UP);
    }

    private void awaitPodReady(KubernetesNode target) {
        String gone = goneContainers.get(target.name());
        await().alias("pod " + target.pod() + " ready again in " + namespace + " in a container other than " + gone)
                .atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    Pod pod = client.pods().inNamespace(namespace).withName(target.pod()).get();
                    return pod != null && !containerId(pod).equals(gone) && pod.getStatus().getPodIP() != null
                            && pod.getStatus().getConditions().stream()
                                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
                });
        goneContainers.remove(target.name());
    }

    /**
     * What {@code kubectl rollout restart statefulset/cassandra} does: a new restartedAt annotation on the pod
     * template, which makes the controller replace the pods one by one. Returns once the rollout is complete.
     */
    public void rollingRestart() {
        requestRollingRestart();
        await().alias("rollout of StatefulSet cassandra in " + namespace).atMost(timeout)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(Fixtures.CASSANDRA).get();
                    var status = set.getStatus();
                    return status.getObservedGeneration() >= set.getMetadata().getGeneration()
                            && topology.nodes() == orZero(status.getUpdatedReplicas())
                            && topology.nodes() == orZero(status.getReadyReplicas())
                            && status.getUpdateRevision().equals(status.getCurrentRevision());
                });
        nodes.forEach(this::refresh);
    }

    void requestRollingRestart() {
        client.apps().statefulSets().inNamespace(namespace).withName(Fixtures.CASSANDRA)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
                        + RESTARTED_AT + "\":\"" + Instant.now() + "\"}}}}}");
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** The fixture's Deployment decides how many replicas run; {@code perNode} is the local backend's. */
    @Override
    public PrinterfactsReplicas printerfacts(int perNode) {
        return PrinterfactsReplicas.of(List.of(printerfactsUri()));
    }

    @Override
    public void healAll() {
        heal();
        List<KubernetesNode> down;
        synchronized (this) {
            nodes.stream().filter(n -> n.state() == NodeState.PAUSED).forEach(n -> resume(n.name()));
            List.copyOf(stoppedMachines).forEach(this::startMachine);
            List.copyOf(cordoned).forEach(this::uncordon);
            down = nodes.stream().filter(n -> n.state() != NodeState.UP).toList();
        }
        down.forEach(n -> restart(n.name()));
    }

    private Pod pod(KubernetesNode node) {
        Pod pod = client.pods().inNamespace(namespace).withName(node.pod()).get();
        if (pod == null) {
            throw new IllegalStateException("pod " + node.pod() + " of node " + node.name() + " does not exist in " + namespace);
        }
        return pod;
    }

    /** The runtime's id of the pod's Cassandra container without the {@code containerd://} prefix; empty before it exists. */
    private static String containerId(Pod pod) {
        String id = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals(Fixtures.CASSANDRA)).map(ContainerStatus::getContainerID)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return id == null ? "" : id.substring(id.indexOf("://") + 3);
    }

    private static String runningContainerId(Pod pod) {
        String id = containerId(pod);
        if (id.isEmpty()) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " has no cassandra container yet");
        }
        return id;
    }

    /** Forwards CQL to the node's pod from this JVM. */
    private void connect(KubernetesNode node) {
        InetAddress address = podAddress(node);
        node.reachedAt(address, forwards.open(node.pod(), address));
    }

    /** After the pod changed (new pod, new IP) or its forward was cut: forward again if this JVM had a forward. */
    private void refresh(KubernetesNode node) {
        if (forwards.forwarded(node.pod())) {
            connect(node);
        } else {
            node.reachedAt(podAddress(node), null);
        }
    }

    private InetAddress podAddress(KubernetesNode node) {
        String ip = pod(node).getStatus().getPodIP();
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("pod " + node.pod() + " has no usable IP: " + ip, e);
        }
    }

    /** Uncordons what the run cordoned (machines outlive the namespace), then deletes the namespace and all in it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwards.close();
        CqlForwards.closeQuietly(printerfactsForward);
        Set<String> machinesToFree = new HashSet<>(cordoned);
        for (String machine : machinesToFree) {
            try {
                uncordon(machine);
            } catch (RuntimeException e) {
                // a stopped or removed machine has nothing left to uncordon
            }
        }
        try {
            client.namespaces().withName(namespace).delete();
        } catch (RuntimeException e) {
            // already gone (or the API server with it)
        }
        try {
            owned.close();
        } catch (Exception e) {
            // the backend's containers and client are released on a best-effort basis
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook
        }
    }

    @Override
    public String toString() {
        return "KubernetesCluster " + runId + " (" + backendName + " " + backendVersion + ", namespace " + namespace + ") " + nodes;
    }
}
