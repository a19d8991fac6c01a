package dev.faultline.cluster.k8s;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Link;
import dev.faultline.cluster.Node;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Cassandra as the StatefulSet of {@code k8s-fixtures/} in a namespace of its own, with the harness's faults
 * mapped to Kubernetes as they are on every backend: partitions and client isolation are stateless DROP rules in the
 * pods' network namespaces ({@link PodFirewall}); kill and drain stop Cassandra inside its container, held down by
 * the fixture's wrapper until restart ({@link CassandraProcess}); a rolling restart replaces pods one by one.
 * Machine-level faults (drain a machine through the Eviction API, stop one) need the user's opt-in and go to
 * {@link Machines}.
 */
public final class KubernetesCluster implements Cluster {

    static final String RUN_LABEL = RunNamespaces.RUN_LABEL;
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String APP_LABEL = "app.kubernetes.io/name";
    static final String DATA_CENTER = "datacenter1";
    /** Keyspaces that survive {@link #resetData()}: Cassandra's, and printerfacts' schema made by the fixture's Job. */
    private static final Set<String> KEPT_KEYSPACES = Set.of("pfacts");

    private final KubernetesClient client;
    private final String runId;
    private final String namespace;
    private final Topology topology;
    private final String backendName;
    private final String backendVersion;
    private final Machines machines;
    private final boolean machineFaults;
    private final AutoCloseable owned;
    private final List<KubernetesNode> nodes;
    private final CqlForwards forwards;
    private final Duration timeout;
    private final Duration poll;
    private final PodExec exec;
    private final PodNetns netns;
    private final PodFirewall firewall;
    /** Nodes whose Cassandra the wrapper holds down until restart. */
    private final Set<String> held = new TreeSet<>();
    /** Machines this run cordoned and has not uncordoned yet. */
    private final Set<String> cordoned = new TreeSet<>();
    /** Whether each machine the run cordoned was cordoned before (by an administrator): close puts that back. */
    private final Map<String, Boolean> cordonedBefore = new HashMap<>();
    /**
     * The machine each node lost its container with (drained or stopped): its restart brings back that machine alone,
     * once no other node waits on it.
     */
    private final Map<String, String> displacedFrom = new HashMap<>();
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
    record Backend(KubernetesClient client, String name, Machines machines, AutoCloseable owned, PodNetns netns,
                   PodExec exec, boolean machineFaults, Duration poll) {
        /** How often a wait asks the API server or a pod again: a real server's pace. */
        static final Duration API_POLL = Duration.ofMillis(500);

        Backend(KubernetesClient client, String name, Machines machines, AutoCloseable owned, PodNetns netns,
                PodExec exec, boolean machineFaults) {
            this(client, name, machines, owned, netns, exec, machineFaults, API_POLL);
        }

        /** Commands reach pods through the API server's exec. */
        Backend(KubernetesClient client, String name, Machines machines, AutoCloseable owned, PodNetns netns,
                boolean machineFaults) {
            this(client, name, machines, owned, netns, new ApiPodExec(client, Duration.ofMinutes(2)), machineFaults);
        }
    }

    KubernetesCluster(Backend backend, String runId, Topology topology, Duration timeout) {
        this.client = backend.client();
        this.runId = runId;
        this.namespace = RunNamespaces.name(runId);
        this.topology = topology;
        this.backendName = backend.name();
        this.backendVersion = apiServerVersion(client);
        this.machines = backend.machines();
        this.machineFaults = backend.machineFaults();
        this.owned = backend.owned();
        this.timeout = timeout;
        this.poll = backend.poll();
        List<KubernetesNode> list = new ArrayList<>();
        for (int i = 0; i < topology.nodes(); i++) {
            list.add(new KubernetesNode("n" + (i + 1), Fixtures.CASSANDRA + "-" + i));
        }
        this.nodes = List.copyOf(list);
        this.forwards = new CqlForwards(client, namespace, runId);
        this.exec = backend.exec();
        this.netns = backend.netns();
        this.firewall = new PodFirewall(runId, exec, netns, name -> pod(node(name)), timeout, poll);
        this.shutdownHook = new Thread(this::close, "faultline-cleanup-" + runId);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Creates the run's namespace, applies the fixtures into it, waits until they are ready and forwards CQL. */
    /**
     * A dead run's namespace is named, not deleted: the harness touches nothing outside its own run's namespace, and
     * on a shared cluster a namespace that looks like a dead run's may be someone's.
     */
    static KubernetesCluster start(Backend backend, Topology topology, Path fixtures, Duration timeout,
                                   Consumer<String> progress) {
        RunNamespaces.deadRuns(backend.client()).forEach(ns -> progress.accept(backend.name() + ": namespace " + ns
                + " is left from a dead Faultline run on this host; remove it with `kubectl delete namespace " + ns + "`"));
        return start(backend, newRunId(), topology, fixtures, timeout);
    }

    static KubernetesCluster start(Backend backend, String runId, Topology topology, Path fixtures, Duration timeout) {
        requireRelease(topology.cassandraVersion());
        KubernetesCluster cluster = new KubernetesCluster(backend, runId, topology, timeout);
        try {
            cluster.createNamespace();
            List<HasMetadata> objects = Fixtures.load(fixtures, topology);
            cluster.netns.shape(Fixtures.cassandraPodSpec(objects));
            cluster.requireAdmission(Fixtures.cassandraPodSpec(objects));
            Fixtures.apply(cluster.client, cluster.namespace, objects);
            cluster.bootstrapInOrder();
            Fixtures.awaitReady(cluster.client, cluster.namespace, topology, timeout, cluster.poll);
            cluster.nodes.forEach(cluster::connect);
            cluster.awaitGossip(cluster.nodes);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The StatefulSet starts every pod at once, each Cassandra held by its wrapper on a fresh volume; Cassandra refuses
     * nodes that join together, so they are released one by one, each serving and seen up by the ones before it
     * before the next.
     */
    private void bootstrapInOrder() {
        for (int i = 0; i < nodes.size(); i++) {
            KubernetesNode node = nodes.get(i);
            await().alias("pod " + node.pod() + " running in " + namespace).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(poll)
                    .ignoreExceptions().until(() -> {
                        Pod pod = pod(node);
                        return pod.getStatus().getPodIP() != null && !CassandraContainer.id(pod).isEmpty();
                    });
            await().alias("Cassandra released in pod " + node.pod()).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(poll)
                    .ignoreExceptions().until(() -> exec.exec(namespace, node.pod(), Fixtures.CASSANDRA,
                            CassandraProcess.release()).exitCode() == 0);
            awaitServing(nodes.subList(0, i + 1), node);
        }
    }

    /**
     * Refuses a release the fixture cannot run: every backend gives Cassandra the same settings
     * ({@link dev.faultline.cluster.CassandraSettings}), in cassandra.yaml's names and units of 4.1 and later
     * ({@code read_request_timeout: 2000ms}), which 4.0 refuses to start with.
     */
    static void requireRelease(String cassandraVersion) {
        String[] parts = cassandraVersion.split("[.-]");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 && parts[1].matches("[0-9]+") ? Integer.parseInt(parts[1]) : 0;
        if (major < 4 || major == 4 && minor < 1) {
            throw new IllegalArgumentException("Cassandra " + cassandraVersion + " cannot run on the Kubernetes backends: "
                    + "the nodes' settings use cassandra.yaml's names of 4.1 and later; allowed: 4.1 or later");
        }
    }

    /**
     * Asks the API server, as a dry run, whether it would admit a Cassandra pod in the run's namespace: a Pod Security
     * level, or any other admission policy, that refuses the pod is named now in one line, not after the start's
     * timeout. (A StatefulSet is admitted whatever its pods; only their creation is refused.)
     */
    private void requireAdmission(PodSpec template) {
        Pod probe = new PodBuilder().withNewMetadata().withName("faultline-admission-check")
                .withNamespace(namespace).endMetadata().withSpec(template).build();
        try {
            client.pods().inNamespace(namespace).resource(probe).dryRun().create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 400 && e.getCode() != 422) {
                throw e;
            }
            String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            throw new IllegalStateException("the cluster refuses Cassandra's pods in namespace " + namespace + ": "
                    + why.lines().findFirst().orElse("") + " (" + netns.admission() + ")");
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
        RunNamespaces.create(client, runId, netns.podSecurityLevel());
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

    @Override
    public Set<Capability> capabilities() {
        return capabilities(machines.capabilities(), machineFaults);
    }

    /**
     * What a backend's clusters can do: what its machines allow, the machine faults only by the user's opt-in (a
     * drain needs nothing but the API; a machine is stopped only where the harness owns it).
     */
    static Set<Capability> capabilities(Set<Capability> machines, boolean machineFaults) {
        Set<Capability> can = EnumSet.noneOf(Capability.class);
        can.addAll(machines);
        if (machineFaults) {
            can.add(Capability.DRAIN_MACHINE);
        } else {
            can.remove(Capability.KILL_MACHINE);
        }
        return can;
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
        return forwards.driverConfig();
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

    // ---- network faults: stateless DROP rules in the pods' own network namespaces (see DropRule, PodNetns)

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
        Map<String, Set<DropRule>> wanted = new LinkedHashMap<>();
        List<PodFirewall.Path> cut = new ArrayList<>();
        groupOf.forEach((a, groupA) -> groupOf.forEach((b, groupB) -> {
            if (!groupA.equals(groupB)) {
                String peer = pod(node(b)).getStatus().getPodIP();
                wanted.computeIfAbsent(a, n -> new LinkedHashSet<>()).addAll(List.of(new DropRule.From(peer), new DropRule.To(peer)));
                cut.add(new PodFirewall.Path(a, b));
            }
        }));
        firewall.add(wanted, probed(cut));
    }

    /** Drops, in {@code to}'s namespace, what {@code from} sends it ({@link DropRule.SentBy}), as the local backend does. */
    @Override
    public synchronized void cut(Collection<Link> links) {
        Map<String, Set<DropRule>> wanted = new LinkedHashMap<>();
        List<PodFirewall.Path> cut = new ArrayList<>();
        for (Link link : links) {
            String to = node(link.to()).name();
            String from = node(link.from()).name();
            String address = pod(node(from)).getStatus().getPodIP();
            wanted.computeIfAbsent(to, n -> new LinkedHashSet<>()).addAll(List.of(new DropRule.SentBy(address),
                    new DropRule.NonTcpFrom(address)));
            cut.add(new PodFirewall.Path(from, to));
        }
        firewall.add(wanted, probed(cut));
    }

    /**
     * Every CQL packet to the node is dropped: printerfacts' pods and this JVM's port-forward alike, established
     * connections included, while the nodes still talk to each other on the internode port.
     */
    @Override
    public synchronized void isolateFromClients(String node) {
        String name = node(node).name();
        firewall.add(Map.of(name, Set.of(new DropRule.Clients())), probed(List.of(PodFirewall.Path.clientsOf(name))));
    }

    @Override
    public synchronized void heal() {
        Set<String> touched = firewall.nodesWithRules();
        List<PodFirewall.Path> open = new ArrayList<>();
        for (KubernetesNode a : nodes) {
            if (a.state() != NodeState.UP) {
                continue;
            }
            for (KubernetesNode b : nodes) {
                if (a != b && b.state() == NodeState.UP && (touched.contains(a.name()) || touched.contains(b.name()))) {
                    open.add(new PodFirewall.Path(a.name(), b.name()));
                }
            }
            if (touched.contains(a.name())) {
                open.add(PodFirewall.Path.clientsOf(a.name()));
            }
        }
        firewall.removeAll(open);
    }

    /**
     * The paths a probe can prove: a paused pod answers no exec (its container is frozen), so paths from it are
     * proven from the other side when that side is cut too, and otherwise taken on the rule's word.
     */
    private List<PodFirewall.Path> probed(List<PodFirewall.Path> paths) {
        return paths.stream().filter(p -> node(p.from()).state() != NodeState.PAUSED).toList();
    }

    // ---- process faults

    /**
     * SIGKILL to the Cassandra process in its container, which the fixture's wrapper then keeps down until
     * {@link #restart}. (Deleting the pod would not do: the kubelet clamps a zero grace period and may run the preStop
     * {@code nodetool drain}, and the StatefulSet recreates the pod at once.)
     */
    @Override
    public synchronized void kill(String node) {
        stopCassandra(node(node), CassandraProcess.kill(), NodeState.KILLED);
    }

    /** Freezes the Cassandra container with the cgroup freezer of its machine's container runtime. */
    @Override
    public synchronized void pause(String node) {
        KubernetesNode target = node(node);
        Pod pod = pod(target);
        machines.pause(pod.getSpec().getNodeName(), CassandraContainer.runningId(pod));
        target.state(NodeState.PAUSED);
    }

    @Override
    public synchronized void resume(String node) {
        KubernetesNode target = node(node);
        Pod pod = pod(target);
        machines.resume(pod.getSpec().getNodeName(), CassandraContainer.runningId(pod));
        target.state(NodeState.UP);
    }

    /** {@code nodetool enablehandoff|disablehandoff} in the node's pod, as {@code kubectl exec} runs it. */
    @Override
    public synchronized void hintedHandoff(String node, boolean enabled) {
        KubernetesNode target = node(node);
        String command = enabled ? "enablehandoff" : "disablehandoff";
        exec.exec(namespace, target.pod(), Fixtures.CASSANDRA, List.of("nodetool", command))
                .orThrow("nodetool " + command + " in pod " + target.pod());
    }

    /** {@code nodetool drain}, then a clean stop of Cassandra in its container, held down until {@link #restart}. */
    @Override
    public synchronized void drain(String node) {
        stopCassandra(node(node), CassandraProcess.drain(), NodeState.DRAINED);
    }

    private void stopCassandra(KubernetesNode target, List<String> command, NodeState state) {
        if (target.state() != NodeState.UP) {
            throw new IllegalStateException("node " + target.name() + " is " + target.state() + "; only a running node stops");
        }
        exec.exec(namespace, target.pod(), Fixtures.CASSANDRA, command).orThrow(String.join(" ", command) + " in pod " + target.pod());
        held.add(target.name());
        target.state(state);
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
        requireMachineFaults("draining machine " + kubernetesNode + " (cordon, then evict its pods)");
        if (!cordoned.contains(kubernetesNode)) {
            io.fabric8.kubernetes.api.model.Node machine = client.nodes().withName(kubernetesNode).get();
            cordonedBefore.putIfAbsent(kubernetesNode, machine != null && machine.getSpec() != null
                    && Boolean.TRUE.equals(machine.getSpec().getUnschedulable()));
        }
        client.nodes().withName(kubernetesNode)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        cordoned.add(kubernetesNode);
        List<Pod> onMachine = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> kubernetesNode.equals(p.getSpec().getNodeName())).toList();
        for (Pod pod : onMachine) {
            String name = pod.getMetadata().getName();
            evict(name);
            nodes.stream().filter(n -> n.pod().equals(name)).forEach(n -> displace(n, pod, kubernetesNode, NodeState.DRAINED));
        }
        // as kubectl drain does: an eviction is only a request, the pod goes once its preStop and grace period end
        await().alias("evicted pods " + onMachine.stream().map(p -> p.getMetadata().getName()).toList() + " gone from "
                        + kubernetesNode).atMost(timeout).pollInterval(poll)
                .until(() -> onMachine.stream().allMatch(p -> {
                    Pod now = client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).get();
                    return now == null || !now.getMetadata().getUid().equals(p.getMetadata().getUid());
                }));
    }

    /**
     * The node's container goes with its machine's fault, and with it the wrapper's hold: a node killed or drained
     * before is now waiting for its pod, not for a release, and its restart brings back the machine.
     */
    private void displace(KubernetesNode node, Pod pod, String machine, NodeState state) {
        goneContainers.put(node.name(), CassandraContainer.id(pod));
        displacedFrom.put(node.name(), machine);
        held.remove(node.name());
        node.state(state);
    }

    @Override
    public void drainMachineOf(String node) {
        drainMachine(kubernetesNodeOf(node));
    }

    @Override
    public void killMachineOf(String node) {
        killMachine(kubernetesNodeOf(node));
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
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evicting pod " + pod, e);
            }
        }
    }

    /** Machines are shared with whatever else runs on the cluster, so faults on them are the user's explicit choice. */
    private void requireMachineFaults(String what) {
        if (!machineFaults) {
            throw new UnsupportedOperationException(what + " is a machine-level fault, refused without "
                    + "--allow-machine-faults: it acts on a Kubernetes node, outside the run's namespace");
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
        requireMachineFaults("stopping machine " + kubernetesNode);
        List<Pod> podsThere = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> kubernetesNode.equals(p.getSpec().getNodeName())).toList();
        machines.stop(kubernetesNode);
        stoppedMachines.add(kubernetesNode);
        for (Pod pod : podsThere) {
            nodes.stream().filter(n -> n.pod().equals(pod.getMetadata().getName()))
                    .forEach(n -> displace(n, pod, kubernetesNode, NodeState.KILLED));
        }
    }

    public synchronized void startMachine(String kubernetesNode) {
        machines.start(kubernetesNode);
        stoppedMachines.remove(kubernetesNode);
    }

    /**
     * Starts Cassandra again: the wrapper of a killed or drained node lets it start in the same pod; a node whose pod
     * went with its machine waits for the pod's new container (its machine is started or uncordoned first, once no
     * other node waits on it). Returns once the node serves CQL and it and its running peers see each other Up and
     * Normal, as the local backend does.
     */
    @Override
    public void restart(String node) {
        KubernetesNode target = node(node);
        boolean newContainer;
        synchronized (this) {
            if (target.state() == NodeState.UP || target.state() == NodeState.PAUSED) {
                throw new IllegalStateException("node " + node + " is " + target.state() + "; only killed or drained nodes restart");
            }
            if (held.remove(target.name())) {
                exec.exec(namespace, target.pod(), Fixtures.CASSANDRA, CassandraProcess.release())
                        .orThrow("releasing Cassandra's hold in pod " + target.pod());
            } else {
                String machine = displacedFrom.remove(target.name());
                if (machine != null && !displacedFrom.containsValue(machine)) {
                    if (stoppedMachines.contains(machine)) {
                        startMachine(machine);
                    }
                    if (cordoned.contains(machine)) {
                        uncordon(machine);
                    }
                }
            }
            newContainer = goneContainers.containsKey(target.name());
        }
        if (newContainer) {
            awaitPodReady(target);
        }
        refresh(target);
        List<KubernetesNode> running = new ArrayList<>(nodes.stream().filter(n -> n.state() == NodeState.UP).toList());
        running.add(target);
        awaitServing(running, target);
        target.state(NodeState.UP);
    }

    /**
     * Until {@code started} serves CQL ({@code nodetool statusbinary}: the process's own word, which no DROP rule of a
     * fault hides) and each of {@code together} sees every other Up and Normal.
     */
    private void awaitServing(List<KubernetesNode> together, KubernetesNode started) {
        await().alias("node " + started.name() + " serving CQL in pod " + started.pod()).atMost(timeout)
                .pollDelay(Duration.ZERO).pollInterval(poll).ignoreExceptions()
                .until(() -> exec.exec(namespace, started.pod(), Fixtures.CASSANDRA, List.of("nodetool", "statusbinary"))
                        .orThrow("nodetool statusbinary in pod " + started.pod()).output().strip().equals("running"));
        awaitGossip(together);
    }

    /** Until each of {@code together} sees every other Up and Normal in {@code nodetool status}. */
    private void awaitGossip(List<KubernetesNode> together) {
        await().alias("nodes " + together.stream().map(KubernetesNode::name).toList() + " seeing each other up in " + namespace)
                .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll).ignoreExceptions()
                .until(() -> {
                    Map<KubernetesNode, String> addresses = new LinkedHashMap<>();
                    together.forEach(n -> addresses.put(n, pod(n).getStatus().getPodIP()));
                    for (KubernetesNode viewer : together) {
                        String status = exec.exec(namespace, viewer.pod(), Fixtures.CASSANDRA, List.of("nodetool", "status"))
                                .orThrow("nodetool status in pod " + viewer.pod()).output();
                        if (!NodetoolStatus.upAndNormal(status).containsAll(addresses.values())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private void awaitPodReady(KubernetesNode target) {
        String gone = goneContainers.get(target.name());
        await().alias("pod " + target.pod() + " ready again in " + namespace + " in a container other than " + gone)
                .atMost(timeout).pollInterval(poll).ignoreExceptions()
                .until(() -> {
                    Pod pod = client.pods().inNamespace(namespace).withName(target.pod()).get();
                    return pod != null && !CassandraContainer.id(pod).equals(gone) && pod.getStatus().getPodIP() != null
                            && pod.getStatus().getConditions().stream()
                                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
                });
        goneContainers.remove(target.name());
    }

    /**
     * Replaces the nodes' pods one at a time, in the order given: a graceful delete (the preStop hook runs
     * {@code nodetool drain}, Cassandra stops on SIGTERM), the StatefulSet's new pod on the same volume, and the next
     * only once the new pod's node and its peers see each other up. ({@code kubectl rollout restart} would not do:
     * its controller goes in reverse ordinal order and waits only for the readiness probe, not for gossip.)
     */
    @Override
    public void rollingRestart(List<String> names) {
        for (String name : names) {
            KubernetesNode target = node(name);
            String uid;
            synchronized (this) {
                if (target.state() != NodeState.UP) {
                    throw new IllegalStateException("node " + name + " is " + target.state() + "; a rolling restart needs every node up");
                }
                uid = pod(target).getMetadata().getUid();
                client.pods().inNamespace(namespace).withName(target.pod()).delete();
                target.state(NodeState.DRAINED);
            }
            await().alias("pod " + target.pod() + " replaced and Ready in " + namespace).atMost(timeout)
                    .pollInterval(poll).ignoreExceptions()
                    .until(() -> {
                        Pod pod = client.pods().inNamespace(namespace).withName(target.pod()).get();
                        return pod != null && !pod.getMetadata().getUid().equals(uid) && ready(pod)
                                && pod.getStatus().getPodIP() != null;
                    });
            refresh(target);
            List<KubernetesNode> together = new ArrayList<>(nodes.stream().filter(n -> n.state() == NodeState.UP).toList());
            together.add(target);
            awaitServing(together, target);
            target.state(NodeState.UP);
        }
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

    /**
     * Puts every machine's cordon back as the run found it (machines outlive the namespace: what the run cordoned is
     * uncordoned, what an administrator had cordoned stays so), then deletes the namespace and all in it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwards.close();
        CqlForwards.closeQuietly(printerfactsForward);
        cordonedBefore.forEach((machine, before) -> {
            if (cordoned.contains(machine) != before) {
                try {
                    client.nodes().withName(machine).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"spec\":{\"unschedulable\":" + before + "}}");
                } catch (RuntimeException e) {
                    // a removed machine has no cordon left to restore
                }
            }
        });
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
