package dev.faultline.cluster.k8s;

import dev.faultline.cluster.Capability;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a real cluster would do around the harness, over fabric8's mock API server in CRUD mode, and no kinder: the
 * StatefulSet controller (OrderedReady recreates no pod past one that is not Ready, Parallel recreates at once), the
 * Deployment and Job controllers, the scheduler (required anti-affinity, cordons and taints, and each pod's volume
 * pinned to the machine it was first made on, as local-path provisions it: a pod evicted from a cordoned machine
 * stays Pending), the kubelets (readiness from the pod's own probe as the kubelet runs it: a TCP connect that a frozen
 * process still answers and a DROP rule on its port loses, an exec that a frozen container never answers; evictions;
 * a new container when a machine comes back), the container runtime of each
 * machine (crictl, nsenter), every pod's network namespace with its iptables rules, and the Cassandra process of
 * each pod with the wrapper script's hold file. Commands the harness sends into pods and machines are interpreted,
 * not merely recorded, so tests assert what they did: which packets a probe saw dropped, whether the process runs,
 * what each node's gossip says of the others.
 */
final class ClusterSimulator implements PodExec, Machines, AutoCloseable {

    /** It stands in for machines the harness owns (k3s's), which can freeze a container. */
    @Override
    public Set<Capability> capabilities() {
        return K3sMachines.CAPABILITIES;
    }

    /** The source port of a connection's opening side, as the kernel picks one. */
    private static final int EPHEMERAL_PORT = 40000;
    private static final Pattern INSERT = Pattern.compile(
            "iptables -w -I (INPUT|OUTPUT) (.+?) -m comment --comment (\\S+) -j DROP");
    private static final Pattern REMOVE_ALL = Pattern.compile("iptables -w -S \\| grep -F -e '--comment (\\S+) '.*");
    private static final Pattern PROBE = Pattern.compile("for ip in ([0-9. ]+); do .*/dev/tcp/\\$ip/(\\d+).*");

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final String namespace;
    private final List<String> machines;
    private final String serverMachine;
    /** Every command sent, as "where: command", in order. */
    final List<String> commands = new CopyOnWriteArrayList<>();
    private final Map<String, SimPod> pods = new LinkedHashMap<>();
    /** The machine each pod's volume lives on, from the pod's first scheduling on. */
    private final Map<String, String> volumes = new LinkedHashMap<>();
    /** Volumes a Cassandra ran on: the wrapper finds its marker there and starts unheld. */
    private final Set<String> joined = new java.util.HashSet<>();
    /** Pods whose Eviction subresource the API server answers (from their first creation on). */
    private final Set<String> evictable = new java.util.HashSet<>();
    private final Set<String> stopped = new java.util.TreeSet<>();
    private final ConcurrentLinkedQueue<String> evictions = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean running = true;
    private int nextAddress = 10;
    /**
     * iptables exits 0 but the kernel never sees the rules, as when an image's iptables-legacy writes tables the
     * kernel's nftables path ignores: only the probe can tell.
     */
    volatile boolean rulesTakeNoEffect;

    /** One pod as its machine sees it: its network namespace's rules and its Cassandra process. */
    static final class SimPod {
        final String name;
        final String uid;
        final String ip;
        final String machine;
        /** The Cassandra container's readiness probe, as the pod's spec has it. */
        final io.fabric8.kubernetes.api.model.Probe readiness;
        String containerId = UUID.randomUUID().toString();
        int pid;
        /** The rules as {@code iptables -S} lists them, in chain order. */
        final List<String> rules = new ArrayList<>();
        boolean cassandraRunning = true;
        boolean hold;
        boolean frozen;
        /** KILL or TERM: what ended Cassandra last. */
        String lastSignal;
        /** How often the wrapper started Cassandra again in this container. */
        int cassandraStarts;

        SimPod(String name, String uid, String ip, String machine, int pid, io.fabric8.kubernetes.api.model.Probe readiness,
               boolean held) {
            this.name = name;
            this.uid = uid;
            this.ip = ip;
            this.machine = machine;
            this.pid = pid;
            this.readiness = readiness;
            this.hold = held;
            this.cassandraRunning = !held;
        }
    }

    /** @param machines the Kubernetes nodes; the first is the k3s server, tainted as the backend taints it */
    ClusterSimulator(KubernetesClient client, KubernetesMockServer server, String namespace, List<String> machines) {
        this.client = client;
        this.server = server;
        this.namespace = namespace;
        this.machines = List.copyOf(machines);
        this.serverMachine = machines.get(0);
        for (String machine : machines) {
            NodeBuilder node = new NodeBuilder().withNewMetadata().withName(machine).endMetadata().withNewSpec().endSpec();
            if (machine.equals(serverMachine)) {
                node.editSpec().addToTaints(new TaintBuilder().withKey("node-role.kubernetes.io/control-plane")
                        .withEffect("NoSchedule").build()).endSpec();
            }
            client.nodes().resource(node.build()).create();
        }
        // a server-side dry run admits or refuses a pod and persists nothing (the CRUD store would keep it)
        server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods?dryRun=All")
                .andReply(201, request -> new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
                        .unmarshal(request.getBody().readUtf8(), Pod.class)).always();
        loop = new Thread(this::run, "cluster-simulator");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                reconcile();
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the harness changed something under us; the next round sees it
            }
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- controllers, scheduler and kubelets

    private synchronized void reconcile() {
        String evicted;
        while ((evicted = evictions.poll()) != null) {
            // the kubelet runs the preStop hook (nodetool drain) and stops the pod
            client.pods().inNamespace(namespace).withName(evicted).delete();
        }
        Map<String, Pod> live = client.pods().inNamespace(namespace).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        pods.values().removeIf(p -> {
            boolean gone = !live.containsKey(p.name) || !live.get(p.name).getMetadata().getUid().equals(p.uid);
            if (gone) {
                commands.add("controller: pod " + p.name + " gone");
            }
            return gone;
        });
        StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(Fixtures.CASSANDRA).get();
        if (set != null) {
            reconcileCassandra(set, live);
        }
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(Fixtures.PRINTERFACTS).get();
        if (deployment != null && deployment.getStatus() == null) {
            client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder(deployment).withNewStatus()
                    .addNewCondition().withType("Available").withStatus("True").endCondition().endStatus().build()).updateStatus();
        }
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(Fixtures.MIGRATIONS).get();
        if (job != null && job.getStatus() == null) {
            client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder(job).withNewStatus().withSucceeded(1)
                    .endStatus().build()).updateStatus();
        }
    }

    /**
     * OrderedReady (the default): pod N is created, or recreated, only while pods 0..N-1 are all Running and Ready
     * (kubernetes#38418). Parallel: every missing pod is created at once. A created pod waits Pending until the
     * scheduler finds it a machine.
     */
    private void reconcileCassandra(StatefulSet set, Map<String, Pod> live) {
        boolean ordered = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
        int ready = 0;
        boolean blocked = false;
        for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
            String name = Fixtures.CASSANDRA + "-" + ordinal;
            SimPod pod = pods.get(name);
            if (pod == null) {
                if (blocked) {
                    break;
                }
                Pod object = live.containsKey(name) ? live.get(name) : createPod(set, name);
                Optional<String> machine = schedule(set, name);
                if (machine.isPresent()) {
                    pod = bind(set, object, machine.get());
                }
            }
            if (pod != null) {
                writeStatus(pod);
            }
            if (pod != null && ready(pod)) {
                ready++;
            } else if (ordered) {
                blocked = true;
            }
        }
        if (set.getStatus() == null || !Objects.equals(set.getStatus().getReadyReplicas(), ready)) {
            client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder(set).withNewStatus()
                    .withReplicas(set.getSpec().getReplicas()).withReadyReplicas(ready).endStatus().build()).updateStatus();
        }
    }

    /**
     * A pod whose volume exists goes to the volume's machine or nowhere; a new one to the first machine that is
     * schedulable, untainted and running, and (as the template's required anti-affinity asks, if it does) holds no
     * Cassandra pod yet.
     */
    private Optional<String> schedule(StatefulSet set, String pod) {
        var affinity = set.getSpec().getTemplate().getSpec().getAffinity();
        boolean spread = affinity != null && affinity.getPodAntiAffinity() != null
                && !affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
        Set<String> taken = spread ? pods.values().stream().map(p -> p.machine).collect(Collectors.toSet()) : Set.of();
        List<String> candidates = volumes.containsKey(pod) ? List.of(volumes.get(pod)) : machines;
        return candidates.stream().filter(m -> !m.equals(serverMachine) && !stopped.contains(m) && !taken.contains(m))
                .filter(m -> !Boolean.TRUE.equals(client.nodes().withName(m).get().getSpec().getUnschedulable()))
                .findFirst();
    }

    /** The controller's pod, Pending until the scheduler binds it. */
    private Pod createPod(StatefulSet set, String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(new LinkedHashMap<>(set.getSpec().getTemplate().getMetadata().getLabels()))
                .addToLabels(KubernetesCluster.POD_NAME_LABEL, name).endMetadata()
                .withSpec(set.getSpec().getTemplate().getSpec()).withNewStatus().withPhase("Pending").endStatus().build();
        Pod created = client.pods().inNamespace(namespace).resource(pod).create();
        commands.add("controller: pod " + name + " Pending");
        if (evictable.add(name)) {
            server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods/" + name + "/eviction")
                    .andReply(201, request -> {
                        evictions.add(name);
                        return new StatusBuilder().withStatus("Success").withCode(201).build();
                    }).always();
        }
        return created;
    }

    /** The scheduler binds the pod to the machine (its volume is made there if new), the kubelet starts it. */
    private SimPod bind(StatefulSet set, Pod pod, String machine) {
        Pod bound = client.pods().inNamespace(namespace).resource(new PodBuilder(pod).editSpec().withNodeName(machine)
                .endSpec().build()).update();
        String name = pod.getMetadata().getName();
        volumes.putIfAbsent(name, machine);
        var readiness = set.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(Fixtures.CASSANDRA)).findFirst().map(Container::getReadinessProbe).orElse(null);
        SimPod sim = new SimPod(name, bound.getMetadata().getUid(), "10.42.0." + nextAddress++, machine, 1000 + nextAddress,
                readiness, !joined.contains(name));
        pods.put(name, sim);
        commands.add("controller: created pod " + name + " on " + machine + " at " + sim.ip);
        return sim;
    }

    /** What the kubelet's run of the pod's readiness probe finds. */
    private boolean ready(SimPod pod) {
        var probe = pod.readiness;
        if (!pod.cassandraRunning) {
            return false;
        }
        if (probe == null) {
            return true;
        }
        if (probe.getTcpSocket() != null) {
            // the kernel completes the handshake for a frozen process too; a DROP rule on the port loses the kubelet's SYN
            var port = probe.getTcpSocket().getPort();
            int number = port.getIntVal() != null ? port.getIntVal() : port.getStrVal().equals("cql") ? CqlForwards.CQL_PORT : -1;
            return !dropsIn(pod, "INPUT", "-p tcp --dport " + number);
        }
        if (probe.getExec() != null) {
            // a frozen container runs no exec; the only command known here is the fixture's
            return !pod.frozen && probe.getExec().getCommand().equals(CassandraProcess.READY);
        }
        return false;
    }

    private void writeStatus(SimPod sim) {
        Pod pod = client.pods().inNamespace(namespace).withName(sim.name).get();
        boolean ready = ready(sim);
        String containerId = "containerd://" + sim.containerId;
        boolean current = pod.getStatus() != null && sim.ip.equals(pod.getStatus().getPodIP())
                && pod.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready")
                        && c.getStatus().equals(ready ? "True" : "False"))
                && pod.getStatus().getContainerStatuses().stream().anyMatch(c -> containerId.equals(c.getContainerID()));
        if (current) {
            return;
        }
        List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            statuses.add(new ContainerStatusBuilder().withName(container.getName()).withReady(ready)
                    .withContainerID(container.getName().equals(Fixtures.CASSANDRA) ? containerId : "containerd://side-" + sim.containerId)
                    .build());
        }
        client.pods().inNamespace(namespace).resource(new PodBuilder(pod).withNewStatus().withPodIP(sim.ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withContainerStatuses(statuses).endStatus().build()).updateStatus();
    }

    synchronized SimPod pod(String name) {
        return pods.get(name);
    }

    /** Another program's rule in a pod's namespace (a CNI's, a mesh's), which a heal must leave alone. */
    synchronized void foreignRule(String pod, String rule) {
        pods.get(pod).rules.add(rule);
    }

    // ---- exec into pods: the Cassandra container (bash, nodetool, the wrapper's files) and the iptables sidecar

    @Override
    public synchronized ExecResult exec(String namespace, String podName, String container, List<String> command) {
        commands.add(podName + "/" + container + ": " + String.join(" ", command));
        SimPod pod = pods.get(podName);
        if (pod == null || pod.frozen || !namespace.equals(this.namespace)) {
            throw new IllegalStateException("no running container " + container + " in pod " + podName);
        }
        if (container.equals(PodNetns.SIDECAR) && command.size() == 3 && command.get(0).equals("sh")) {
            return iptables(pod, command.get(2));
        }
        if (container.equals(Fixtures.CASSANDRA)) {
            return inCassandraContainer(pod, command);
        }
        return new ExecResult(126, "unknown command in simulated container " + container + ": " + command);
    }

    private ExecResult inCassandraContainer(SimPod pod, List<String> command) {
        String line = String.join(" ", command);
        if (command.size() == 3 && command.get(0).equals("bash")) {
            Matcher probe = PROBE.matcher(command.get(2));
            if (probe.matches()) {
                int port = Integer.parseInt(probe.group(2));
                return new ExecResult(0, List.of(probe.group(1).split(" ")).stream()
                        .map(ip -> ip + " " + probe(pod, ip, port)).collect(Collectors.joining("\n")) + "\n");
            }
        }
        if (command.size() == 3 && command.get(0).equals("bash")) {
            Optional<ExecResult> wrapper = wrapper(pod, command.get(2));
            if (wrapper.isPresent()) {
                return wrapper.get();
            }
        }
        if (line.equals("nodetool status")) {
            return pod.cassandraRunning ? new ExecResult(0, nodetoolStatus(pod))
                    : new ExecResult(1, "nodetool: Failed to connect to '127.0.0.1:7199'");
        }
        if (line.equals("nodetool statusbinary")) {
            return pod.cassandraRunning ? new ExecResult(0, "running\n")
                    : new ExecResult(1, "nodetool: Failed to connect to '127.0.0.1:7199'");
        }
        if (line.equals("nodetool enablehandoff") || line.equals("nodetool disablehandoff")) {
            return pod.cassandraRunning ? new ExecResult(0, "") : new ExecResult(1, "nodetool: Failed to connect to '127.0.0.1:7199'");
        }
        return new ExecResult(126, "unknown command in simulated Cassandra container: " + command);
    }

    /**
     * The steps of a script against the wrapper {@code cassandra-node.sh}: the hold file, the PID file and signals
     * to Cassandra. Without the hold a killed Cassandra ends the container and the kubelet starts a new one.
     */
    private Optional<ExecResult> wrapper(SimPod pod, String script) {
        String hold = "touch " + CassandraProcess.HOLD;
        String pid = "pid=$(cat " + CassandraProcess.PID_FILE + ")";
        String gone = "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done";
        List<String> steps = List.of(script.split(" && "));
        if (!steps.stream().allMatch(step -> Set.of(hold, pid, gone, "nodetool drain", "kill -KILL \"$pid\"",
                "kill -TERM \"$pid\"", "rm -f " + CassandraProcess.HOLD).contains(step))) {
            return Optional.empty();
        }
        for (String step : steps) {
            if (step.equals(hold)) {
                pod.hold = true;
            } else if (step.equals("nodetool drain") && !pod.cassandraRunning) {
                return Optional.of(new ExecResult(1, "nodetool: Failed to connect to '127.0.0.1:7199'"));
            } else if (step.startsWith("kill -")) {
                if (!pod.cassandraRunning) {
                    return Optional.of(new ExecResult(1, "kill: no such process"));
                }
                pod.cassandraRunning = false;
                pod.lastSignal = step.substring("kill -".length(), step.indexOf(" \""));
                if (!pod.hold) {
                    pod.containerId = UUID.randomUUID().toString();
                    pod.pid += 100;
                    pod.cassandraRunning = true;
                }
            } else if (step.startsWith("rm -f ")) {
                pod.hold = false;
                if (!pod.cassandraRunning) {
                    pod.cassandraRunning = true;
                    pod.cassandraStarts++;
                    joined.add(pod.name);
                }
            }
        }
        return Optional.of(new ExecResult(0, ""));
    }

    /** Gossip as each node sees it: a peer is Up when both run and no rule drops their packets either way. */
    private String nodetoolStatus(SimPod viewer) {
        StringBuilder out = new StringBuilder("Datacenter: datacenter1\n=======================\nStatus=Up/Down\n"
                + "|/ State=Normal/Leaving/Joining/Moving\n--  Address     Load       Tokens  Owns (effective)  Host ID  Rack\n");
        for (SimPod peer : pods.values()) {
            boolean up = peer == viewer || gossipFlows(viewer.name, peer.name);
            out.append(up ? "UN  " : "DN  ").append(peer.ip).append("  70.2 KiB  1  66.7%  ").append(peer.uid).append("  rack1\n");
        }
        return out.toString();
    }

    /** What a connect from {@code from} to {@code ip:port} gets: 0 connected, 1 refused, 124 nothing before the timeout. */
    private int probe(SimPod from, String ip, int port) {
        if (ip.equals("127.0.0.1")) {
            return dropsIn(from, "INPUT", "-p tcp --dport " + port) ? Probe.TIMED_OUT : from.cassandraRunning ? 0 : 1;
        }
        SimPod to = pods.values().stream().filter(p -> p.ip.equals(ip)).findFirst().orElse(null);
        if (to == null) {
            return Probe.TIMED_OUT;
        }
        return connects(from, to, port) ? to.cassandraRunning ? 0 : 1 : Probe.TIMED_OUT;
    }

    /** Whether a TCP connection from {@code a} to {@code b}'s {@code port} gets through: its packets both ways pass. */
    private static boolean connects(SimPod a, SimPod b, int port) {
        return !dropped(a, b, EPHEMERAL_PORT) && !dropped(b, a, port);
    }

    /** Whether a TCP packet from {@code a}'s {@code sourcePort} to {@code b} is dropped by a rule in either namespace. */
    private static boolean dropped(SimPod a, SimPod b, int sourcePort) {
        return dropsTcp(a, "OUTPUT -d " + b.ip + "/32", sourcePort) || dropsTcp(b, "INPUT -s " + a.ip + "/32", sourcePort);
    }

    /** A rule on the address drops TCP unless it is for other protocols only, or spares the packet's source port. */
    private static boolean dropsTcp(SimPod pod, String match, int sourcePort) {
        return pod.rules.stream().filter(r -> r.startsWith("-A " + match + " ") && r.endsWith(" -j DROP"))
                .anyMatch(r -> !r.contains("! -p tcp") && !r.contains("! --sport " + sourcePort + " "));
    }

    private static boolean dropsIn(SimPod pod, String chain, String match) {
        return pod.rules.stream().anyMatch(r -> r.startsWith("-A " + chain + " " + match + " ") && r.endsWith(" -j DROP"));
    }

    /** Whether the two pods' Cassandra processes can gossip: both run and each one's messages reach the other. */
    synchronized boolean gossipFlows(String a, String b) {
        return messagesReach(a, b) && messagesReach(b, a);
    }

    /**
     * Whether {@code a}'s Cassandra messages reach {@code b}'s: both run and {@code a}'s connection to {@code b}'s
     * internode port gets through (Cassandra sends each message on a connection its sender opened).
     */
    synchronized boolean messagesReach(String a, String b) {
        SimPod pa = pods.get(a);
        SimPod pb = pods.get(b);
        return pa != null && pb != null && pa.cassandraRunning && pb.cassandraRunning
                && connects(pa, pb, Probe.INTERNODE_PORT);
    }

    /** A sh script of iptables commands, as {@link Iptables} writes them, run in the pod's network namespace. */
    private ExecResult iptables(SimPod pod, String script) {
        Matcher remove = REMOVE_ALL.matcher(script);
        if (remove.matches()) {
            pod.rules.removeIf(r -> r.contains("--comment " + remove.group(1) + " "));
            return new ExecResult(0, "");
        }
        List<String> added = new ArrayList<>();
        for (String command : script.split(" && ")) {
            Matcher insert = INSERT.matcher(command);
            if (!insert.matches()) {
                return new ExecResult(2, "iptables: unknown command in simulated namespace: " + command);
            }
            added.add("-A " + insert.group(1) + " " + insert.group(2) + " -m comment --comment " + insert.group(3) + " -j DROP");
        }
        if (rulesTakeNoEffect) {
            return new ExecResult(0, "");
        }
        java.util.Collections.reverse(added);
        added.forEach(r -> pod.rules.add(0, r));
        return new ExecResult(0, "");
    }

    /** The run's rules in a pod's namespace, as {@code iptables -S} would list them. */
    synchronized List<String> rules(String pod) {
        return List.copyOf(pods.get(pod).rules);
    }

    // ---- the machines (k3s node containers)

    @Override
    public synchronized void stop(String kubernetesNode) {
        commands.add(kubernetesNode + ": docker stop");
        stopped.add(kubernetesNode);
        pods.values().stream().filter(p -> p.machine.equals(kubernetesNode)).forEach(p -> p.cassandraRunning = false);
    }

    /** The machine's kubelet starts every pod's containers again: new container ids, Cassandra running. */
    @Override
    public synchronized void start(String kubernetesNode) {
        commands.add(kubernetesNode + ": docker start");
        stopped.remove(kubernetesNode);
        pods.values().stream().filter(p -> p.machine.equals(kubernetesNode)).forEach(p -> {
            p.containerId = UUID.randomUUID().toString();
            p.pid += 100;
            p.hold = !joined.contains(p.name);
            p.cassandraRunning = !p.hold;
        });
    }

    @Override
    public synchronized void pause(String kubernetesNode, String containerId) {
        commands.add(kubernetesNode + ": ctr task pause " + containerId);
        byContainer(containerId).frozen = true;
    }

    @Override
    public synchronized void resume(String kubernetesNode, String containerId) {
        commands.add(kubernetesNode + ": ctr task resume " + containerId);
        byContainer(containerId).frozen = false;
    }

    /** crictl inspect (the PID of a container) and nsenter into a PID's network namespace, on the machine. */
    @Override
    public synchronized ExecResult exec(String kubernetesNode, List<String> command) {
        commands.add(kubernetesNode + ": " + String.join(" ", command));
        if (command.size() == 7 && command.subList(0, 6).equals(List.of("crictl", "inspect", "--output", "go-template",
                "--template", "{{.info.pid}}"))) {
            SimPod pod = byContainer(command.get(6));
            return pod.machine.equals(kubernetesNode) ? new ExecResult(0, pod.pid + "\n")
                    : new ExecResult(1, "container " + command.get(6) + " not found on " + kubernetesNode);
        }
        if (command.size() == 8 && command.subList(0, 1).equals(List.of("nsenter")) && command.get(1).equals("--target")
                && command.subList(3, 7).equals(List.of("--net", "--", "sh", "-c"))) {
            int pid = Integer.parseInt(command.get(2));
            SimPod pod = pods.values().stream().filter(p -> p.pid == pid && p.machine.equals(kubernetesNode)).findFirst()
                    .orElse(null);
            return pod == null ? new ExecResult(1, "nsenter: no process " + pid) : iptables(pod, command.get(7));
        }
        return new ExecResult(127, "unknown command on simulated machine: " + command);
    }

    private SimPod byContainer(String containerId) {
        return pods.values().stream().filter(p -> p.containerId.equals(containerId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no container " + containerId));
    }
}
