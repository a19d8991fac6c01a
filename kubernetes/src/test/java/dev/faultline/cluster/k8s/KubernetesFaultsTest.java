package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.cluster.Link;
import dev.faultline.cluster.NodeState;
import dev.faultline.cluster.Topology;
import dev.faultline.nemesis.Fault;
import dev.faultline.scenario.FaultSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's faults end to end on {@link ClusterSimulator}: a cluster started from the real fixtures, faults
 * injected and healed through the public API, and the effect a real cluster would show asserted (rules in each pod's
 * network namespace, which paths a probe finds dropped, whether gossip flows), plus the commands sent to get there.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesFaultsTest {

    static final String RUN = "kabc12";
    static final String NS = RunNamespaces.name(RUN);
    static final String TAG = "faultline-" + RUN;

    KubernetesMockServer server;
    KubernetesClient client;
    ClusterSimulator sim;
    KubernetesCluster cluster;

    /** k3s: the harness owns the machines and enters each pod's namespace from its machine. */
    KubernetesCluster k3s() {
        return k3s(Duration.ofSeconds(20));
    }

    /** @param timeout how long any fault or restart may take to prove itself */
    KubernetesCluster k3s(Duration timeout) {
        return start(sim -> new PodNetns.ThroughMachine(sim), "k3s", timeout);
    }

    /** kube: the machines are not the harness's; iptables runs in the pod's NET_ADMIN sidecar. */
    KubernetesCluster kube() {
        return start(sim -> new PodNetns.Sidecar(), "kube", Duration.ofSeconds(20));
    }

    private KubernetesCluster start(java.util.function.Function<ClusterSimulator, PodNetns> netns, String name, Duration timeout) {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.5+k3s1").build());
        sim = new ClusterSimulator(client, server, NS, List.of("k3s-server", "agent-1", "agent-2", "agent-3", "agent-4"));
        Machines machines = name.equals("k3s") ? sim : Machines.notOwned(name);
        // the simulator answers at once: its waits ask again every 50 ms, not at a real API server's pace (55 s to 22 s)
        cluster = KubernetesCluster.start(new KubernetesCluster.Backend(client, name, machines, () -> { }, netns.apply(sim), sim, true,
                        Duration.ofMillis(50)),
                RUN, new Topology(3, 2), Fixtures.directory(), timeout);
        return cluster;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private String ip(String pod) {
        return sim.pod(pod).ip;
    }

    @Test
    void aPartitionDropsBothDirectionsInsideThePodsUntilHealedAndTheProbeProvesIt() {
        k3s();
        sim.foreignRule("cassandra-0", "-A INPUT -s 10.99.0.1/32 -m comment --comment cni-keep -j DROP");

        cluster.partition(List.of(List.of("n1"), List.of("n2", "n3")));

        assertThat(sim.gossipFlows("cassandra-0", "cassandra-1")).isFalse();
        assertThat(sim.gossipFlows("cassandra-0", "cassandra-2")).isFalse();
        assertThat(sim.gossipFlows("cassandra-1", "cassandra-2")).as("same side").isTrue();
        assertThat(sim.rules("cassandra-0")).containsExactlyInAnyOrder(
                "-A INPUT -s " + ip("cassandra-1") + "/32 -m comment --comment " + TAG + " -j DROP",
                "-A OUTPUT -d " + ip("cassandra-1") + "/32 -m comment --comment " + TAG + " -j DROP",
                "-A INPUT -s " + ip("cassandra-2") + "/32 -m comment --comment " + TAG + " -j DROP",
                "-A OUTPUT -d " + ip("cassandra-2") + "/32 -m comment --comment " + TAG + " -j DROP",
                "-A INPUT -s 10.99.0.1/32 -m comment --comment cni-keep -j DROP");
        // k3s: the container's PID from crictl on its own machine, then nsenter into its network namespace only
        String machine = sim.pod("cassandra-0").machine;
        assertThat(sim.commands).contains(machine + ": crictl inspect --output go-template --template {{.info.pid}} "
                + sim.pod("cassandra-0").containerId);
        assertThat(sim.commands).anyMatch(c -> c.startsWith(machine + ": nsenter --target " + sim.pod("cassandra-0").pid
                + " --net -- sh -c iptables -w -I "));
        // the proof: a connect from n1 to n2's internode port timed out
        assertThat(sim.commands).anyMatch(c -> c.startsWith("cassandra-0/cassandra: bash -c for ip in " + ip("cassandra-1")));

        cluster.heal();

        assertThat(sim.gossipFlows("cassandra-0", "cassandra-1")).isTrue();
        assertThat(sim.gossipFlows("cassandra-0", "cassandra-2")).isTrue();
        assertThat(sim.rules("cassandra-0")).as("only Faultline's rules go")
                .containsExactly("-A INPUT -s 10.99.0.1/32 -m comment --comment cni-keep -j DROP");
        assertThat(sim.rules("cassandra-1")).isEmpty();
    }

    @Test
    void aOneWayCutDropsOnlyWhatItsSourceSends() {
        k3s();

        cluster.cut(List.of(new Link("n1", "n2")));

        assertThat(sim.rules("cassandra-1")).containsExactlyInAnyOrder(
                "-A INPUT -s " + ip("cassandra-0") + "/32 -p tcp ! --sport 7000 -m comment --comment " + TAG + " -j DROP",
                "-A INPUT -s " + ip("cassandra-0") + "/32 ! -p tcp -m comment --comment " + TAG + " -j DROP");
        assertThat(sim.rules("cassandra-0")).isEmpty();
        assertThat(sim.rules("cassandra-2")).isEmpty();
        assertThat(sim.messagesReach("cassandra-0", "cassandra-1")).isFalse();
        assertThat(sim.messagesReach("cassandra-1", "cassandra-0")).as("the target's own messages still reach the source").isTrue();

        cluster.cut(List.of(new Link("n2", "n1")));

        assertThat(sim.rules("cassandra-0")).containsExactlyInAnyOrder(
                "-A INPUT -s " + ip("cassandra-1") + "/32 -p tcp ! --sport 7000 -m comment --comment " + TAG + " -j DROP",
                "-A INPUT -s " + ip("cassandra-1") + "/32 ! -p tcp -m comment --comment " + TAG + " -j DROP");
        assertThat(sim.rules("cassandra-1")).as("the first cut stays as it was").hasSize(2);
        assertThat(sim.messagesReach("cassandra-1", "cassandra-0")).isFalse();
        cluster.heal();
        assertThat(sim.rules("cassandra-0")).isEmpty();
        assertThat(sim.rules("cassandra-1")).isEmpty();
    }

    @Test
    void onAClusterTheHarnessDoesNotOwnTheRulesGoThroughTheSidecarAndNoMachineIsTouched() {
        kube();

        cluster.partition(List.of(List.of("n3"), List.of("n1", "n2")));

        assertThat(sim.gossipFlows("cassandra-2", "cassandra-0")).isFalse();
        assertThat(sim.commands).anyMatch(c -> c.startsWith("cassandra-2/" + PodNetns.SIDECAR + ": sh -c iptables -w -I INPUT -s "));
        assertThat(sim.commands).noneMatch(c -> c.startsWith("agent-") || c.startsWith("k3s-server"));
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("cassandra").get().getSpec().getTemplate().getSpec()
                .getContainers()).extracting(c -> c.getName()).containsExactly("cassandra", PodNetns.SIDECAR);

        cluster.heal();
        assertThat(sim.gossipFlows("cassandra-2", "cassandra-0")).isTrue();
    }

    @Test
    void onK3sThePodsRunNoSidecar() {
        k3s();
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("cassandra").get().getSpec().getTemplate().getSpec()
                .getContainers()).extracting(c -> c.getName()).containsExactly("cassandra");
    }

    @Test
    void clientIsolationDropsEveryCqlPacketWhileTheNodesStillGossip() {
        k3s();

        cluster.isolateFromClients("n2");

        assertThat(sim.rules("cassandra-1")).containsExactly(
                "-A INPUT -p tcp --dport 9042 -m comment --comment " + TAG + " -j DROP");
        assertThat(sim.gossipFlows("cassandra-1", "cassandra-0")).isTrue();
        assertThat(sim.commands).anyMatch(c -> c.startsWith("cassandra-1/cassandra: bash -c for ip in 127.0.0.1;")
                && c.contains("/9042"));

        cluster.heal();
        assertThat(sim.rules("cassandra-1")).isEmpty();
    }

    @Test
    void aFaultWhoseRulesDoNotTakeIsAnErrorNotASilentNoOp() {
        k3s(Duration.ofSeconds(5));
        sim.rulesTakeNoEffect = true;

        assertThatThrownBy(() -> cluster.cut(List.of(new Link("n1", "n3"))))
                .hasMessageContaining("the cut paths [n1->n3] dropped");
    }

    @Test
    void aKillIsASigkillAndTheNodeStaysDownInItsPodUntilRestarted() throws InterruptedException {
        k3s();
        SimPodView before = view("cassandra-0");
        int starts = sim.pod("cassandra-0").cassandraStarts;

        cluster.kill("n1");

        assertThat(cluster.node("n1").state()).isEqualTo(NodeState.KILLED);
        assertThat(sim.pod("cassandra-0").cassandraRunning).isFalse();
        assertThat(sim.pod("cassandra-0").lastSignal).isEqualTo("KILL");
        assertThat(sim.commands).contains("cassandra-0/cassandra: bash -c touch /tmp/faultline-hold && pid=$(cat "
                + "/tmp/cassandra.pid) && kill -KILL \"$pid\" && while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done");
        Thread.sleep(500);
        // still down a while later: the same pod (no recreation), the same container (no kubelet restart)
        assertThat(view("cassandra-0")).isEqualTo(before);
        assertThat(sim.pod("cassandra-0").cassandraRunning).isFalse();
        assertThat(sim.messagesReach("cassandra-1", "cassandra-0")).isFalse();

        cluster.restart("n1");

        assertThat(sim.pod("cassandra-0").cassandraRunning).isTrue();
        assertThat(sim.pod("cassandra-0").cassandraStarts).isEqualTo(starts + 1);
        assertThat(view("cassandra-0")).as("the same pod, address and data").isEqualTo(before);
        assertThat(cluster.node("n1").state()).isEqualTo(NodeState.UP);
        // restart returned once the node and its peers saw each other up
        assertThat(sim.commands).contains("cassandra-1/cassandra: nodetool status", "cassandra-0/cassandra: nodetool status");
    }

    @Test
    void drainIsCassandrasDrainThenACleanStopHeldUntilRestart() {
        kube();

        cluster.drain("n2");

        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.DRAINED);
        assertThat(sim.pod("cassandra-1").cassandraRunning).isFalse();
        assertThat(sim.pod("cassandra-1").lastSignal).isEqualTo("TERM");
        assertThat(sim.commands).anyMatch(c -> c.startsWith("cassandra-1/cassandra: bash -c touch /tmp/faultline-hold && ")
                && c.contains("nodetool drain && kill -TERM"));
        assertThat(client.nodes().list().getItems()).as("a node-level drain cordons nothing")
                .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));

        cluster.healAll();
        assertThat(sim.pod("cassandra-1").cassandraRunning).isTrue();
        assertThat(cluster.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.UP));
    }

    @Test
    void restartRefusesARunningNodeAndAKillOfADownNodeIsAnError() {
        k3s();
        assertThatThrownBy(() -> cluster.restart("n2")).hasMessageContaining("node n2 is UP");
        cluster.kill("n2");
        assertThatThrownBy(() -> cluster.kill("n2")).hasMessageContaining("node n2 is KILLED");
    }

    @Test
    void theRollingRestartFaultReplacesOnePodAtATimeEachSeenUpBeforeTheNext() {
        k3s();
        List<SimPodView> before = List.of(view("cassandra-0"), view("cassandra-1"), view("cassandra-2"));
        sim.commands.clear();

        new Fault.RollingRestart(List.of("n2", "n1", "n3")).inject(new Fault.Target(cluster, List.of()));

        List<String> timeline = sim.commands.stream()
                .filter(c -> c.startsWith("controller: ") || c.endsWith(": nodetool status"))
                .map(c -> c.replaceAll(" on agent-\\d at [0-9.]+", "")).toList();
        List<String> controller = timeline.stream().filter(c -> c.startsWith("controller: ")).toList();
        assertThat(controller).containsExactly(
                "controller: pod cassandra-1 gone", "controller: pod cassandra-1 Pending", "controller: created pod cassandra-1",
                "controller: pod cassandra-0 gone", "controller: pod cassandra-0 Pending", "controller: created pod cassandra-0",
                "controller: pod cassandra-2 gone", "controller: pod cassandra-2 Pending", "controller: created pod cassandra-2");
        // between one pod's return and the next pod's deletion, the returned node's gossip was asked
        for (String[] step : List.of(new String[] {"cassandra-1", "cassandra-0"}, new String[] {"cassandra-0", "cassandra-2"})) {
            int back = timeline.indexOf("controller: created pod " + step[0]);
            int next = timeline.indexOf("controller: pod " + step[1] + " gone");
            assertThat(timeline.subList(back, next)).contains(step[0] + "/cassandra: nodetool status");
        }
        assertThat(List.of(view("cassandra-0"), view("cassandra-1"), view("cassandra-2")))
                .allSatisfy(after -> assertThat(before).noneMatch(b -> b.uid().equals(after.uid())));
        assertThat(cluster.nodes()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.UP);
            assertThat(n.address().getHostAddress()).as("the driver follows the new pod").isEqualTo(sim.pod(n.pod()).ip);
        });
    }

    @Test
    void everyCassandraPodHasAMachineOfItsOwnAndNoneRunsOnTheK3sServer() {
        k3s();
        var affinity = client.apps().statefulSets().inNamespace(NS).withName("cassandra").get().getSpec().getTemplate()
                .getSpec().getAffinity().getPodAntiAffinity();
        assertThat(affinity.getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        List<String> machines = List.of("cassandra-0", "cassandra-1", "cassandra-2").stream().map(p -> sim.pod(p).machine).toList();
        assertThat(machines).doesNotHaveDuplicates().doesNotContain("k3s-server");
    }

    /**
     * Issue 25: the volume stays on its machine (local-path), so the evicted pod waits Pending on its cordoned machine
     * and comes back there once restart uncordons it.
     */
    @Test
    void aMachineDrainWaitsForTheEvictedPodAndRestartUncordonsThatMachineAlone() {
        k3s();
        String machine = cluster.kubernetesNodeOf("n2");
        String oldUid = sim.pod("cassandra-1").uid;
        var others = client.nodes().list().getItems().stream().filter(n -> !n.getMetadata().getName().equals(machine))
                .collect(java.util.stream.Collectors.toMap(n -> n.getMetadata().getName(), n -> n.getMetadata().getResourceVersion()));

        cluster.drainMachine(machine);

        // returned only once the evicted pod was gone; the StatefulSet's new one is on the one free machine
        assertThat(sim.commands).contains("controller: pod cassandra-1 gone");
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.DRAINED);
        assertThat(client.nodes().withName(machine).get().getSpec().getUnschedulable()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace(NS).withName("cassandra-1").get() != null);
        assertThat(client.pods().inNamespace(NS).withName("cassandra-1").get().getSpec().getNodeName())
                .as("Pending: its volume is on the cordoned machine").isNull();
        assertThat(sim.pod("cassandra-1")).isNull();

        cluster.restart("n2");

        assertThat(sim.pod("cassandra-1").uid).isNotEqualTo(oldUid);
        assertThat(sim.pod("cassandra-1").machine).as("back on its volume's machine").isEqualTo(machine);
        assertThat(cluster.node("n2").address().getHostAddress()).isEqualTo(sim.pod("cassandra-1").ip);
        assertThat(client.nodes().withName(machine).get().getSpec().getUnschedulable()).isFalse();
        assertThat(client.nodes().list().getItems()).filteredOn(n -> !n.getMetadata().getName().equals(machine))
                .as("no other machine was touched")
                .allSatisfy(n -> assertThat(n.getMetadata().getResourceVersion()).isEqualTo(others.get(n.getMetadata().getName())));
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.UP);
    }

    @Test
    void startReturnsOnlyOnceEveryNodeSeesEveryOtherUp() {
        k3s();
        for (String pod : List.of("cassandra-0", "cassandra-1", "cassandra-2")) {
            assertThat(sim.commands).contains(pod + "/cassandra: nodetool status");
        }
    }

    /**
     * Issue 25, defect 4: on a cluster whose Pod Security (or any admission policy) refuses the NET_ADMIN sidecar, the
     * start says so in one line before it applies anything, instead of timing out after 15 minutes; the namespace
     * asks for the level its pods need, and the dry run leaves no pod behind.
     */
    @Test
    void aClusterThatRefusesTheSidecarIsNamedUpFrontInOneLine() {
        server.expect().post().withPath("/api/v1/namespaces/" + NS + "/pods?dryRun=All")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("pods \"faultline-admission-check\" is forbidden: violates PodSecurity \"baseline:latest\": "
                                + "non-default capabilities (container \"faultline-net\" must not include \"NET_ADMIN\" in "
                                + "securityContext.capabilities.add)").build()).once();

        assertThatThrownBy(this::kube).isInstanceOf(IllegalStateException.class)
                .hasMessage("the cluster refuses Cassandra's pods in namespace " + NS + ": pods \"faultline-admission-check\" "
                        + "is forbidden: violates PodSecurity \"baseline:latest\": non-default capabilities (container "
                        + "\"faultline-net\" must not include \"NET_ADMIN\" in securityContext.capabilities.add) (the "
                        + "faultline-net sidecar adds NET_ADMIN for the partitions, which only Pod Security level privileged "
                        + "allows; the run's namespace is labelled pod-security.kubernetes.io/enforce=privileged; a policy that "
                        + "overrides that label must exempt namespaces faultline-*)");
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).as("nothing applied").isEmpty();
    }

    @Test
    void theRunsNamespaceAsksForThePodSecurityLevelItsPodsNeedAndTheDryRunLeavesNoPod() {
        kube();
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged")
                .containsEntry("pod-security.kubernetes.io/warn", "privileged");
        assertThat(client.pods().inNamespace(NS).withName("faultline-admission-check").get()).isNull();
    }

    @Test
    void onK3sWithoutTheSidecarTheNamespaceAsksForBaselineOnly() {
        k3s();
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    }

    /** A fault as a scenario's YAML names it, drawn for this cluster's nodes. */
    private Fault fault(FaultSpec spec) {
        return spec.fault(List.of("n1", "n2", "n3"), new Random(1));
    }

    private void inject(Fault fault) {
        fault.inject(new Fault.Target(cluster, List.of()));
    }

    private void heal(Fault fault) {
        fault.heal(new Fault.Target(cluster, List.of()));
    }

    /**
     * Issue 25, defect 1: a killed n1 is NotReady; under OrderedReady the controller never recreates n2's pod evicted
     * by a machine drain, and the heal (restart) times out. The fixture's Parallel policy recreates it at once.
     */
    @Test
    void killThenMachineDrainOfAnotherNodeHealsWhileTheKilledNodeIsStillDown() {
        k3s(Duration.ofSeconds(10));
        Fault kill = fault(new FaultSpec.Kill("n1", Duration.ZERO, null));
        Fault drainMachine = fault(new FaultSpec.DrainMachine("n2", Duration.ZERO, null));
        String machine = sim.pod("cassandra-1").machine;

        inject(kill);
        inject(drainMachine);
        heal(drainMachine);

        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.UP);
        assertThat(sim.pod("cassandra-1").cassandraRunning).isTrue();
        assertThat(sim.gossipFlows("cassandra-1", "cassandra-2")).isTrue();
        assertThat(client.nodes().withName(machine).get().getSpec().getUnschedulable()).isFalse();
        assertThat(sim.pod("cassandra-0").cassandraRunning).as("n1 still down").isFalse();

        heal(kill);
        assertThat(cluster.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.UP));
    }

    /**
     * Issue 25, defect 1 again: a node cut from clients fails a TCP readiness probe of its CQL port (the DROP rule takes
     * the kubelet's SYN too), and under OrderedReady a rolling restart of a later pod never gets it back.
     */
    @Test
    void aRollingRestartCompletesWhileANodeIsCutFromClients() {
        k3s(Duration.ofSeconds(10));
        Fault clients = fault(new FaultSpec.Partition(FaultSpec.Grouping.CLIENTS_FROM_NODE, "n1", Duration.ZERO, null));
        String oldUid = sim.pod("cassandra-1").uid;

        inject(clients);
        inject(fault(new FaultSpec.Restart("n2", Duration.ZERO)));

        assertThat(sim.pod("cassandra-1").uid).isNotEqualTo(oldUid);
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.UP);
        assertThat(sim.rules("cassandra-0")).as("n1 still cut from clients").isNotEmpty();
        heal(clients);
        assertThat(sim.rules("cassandra-0")).isEmpty();
    }

    /** Issue 25, defect 2: after a kill the pod goes with its machine's drain; restart must bring the pod back, not exec into it. */
    @Test
    void aKilledNodeWhoseMachineIsThenDrainedComesBackOnItsUncordonedMachine() {
        k3s(Duration.ofSeconds(10));
        String machine = sim.pod("cassandra-2").machine;
        String oldUid = sim.pod("cassandra-2").uid;

        cluster.kill("n3");
        cluster.drainMachineOf("n3");
        cluster.restart("n3");

        assertThat(sim.pod("cassandra-2").uid).isNotEqualTo(oldUid);
        assertThat(sim.pod("cassandra-2").cassandraRunning).isTrue();
        assertThat(client.nodes().withName(machine).get().getSpec().getUnschedulable()).isFalse();
        assertThat(cluster.node("n3").state()).isEqualTo(NodeState.UP);
    }

    /** Issue 25, defect 5: a cordon an administrator set before the run is there again after it. */
    @Test
    void closePutsBackTheCordonsAnAdministratorHadSet() {
        k3s(Duration.ofSeconds(10));
        String adminCordoned = sim.pod("cassandra-2").machine;
        String runCordoned = sim.pod("cassandra-0").machine;
        client.nodes().withName(adminCordoned).edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });

        cluster.drainMachineOf("n3");
        cluster.restart("n3");
        assertThat(client.nodes().withName(adminCordoned).get().getSpec().getUnschedulable())
                .as("uncordoned while the run needs its pod back").isFalse();
        cluster.drainMachineOf("n1");
        cluster.close();

        assertThat(client.nodes().withName(adminCordoned).get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.nodes().withName(runCordoned).get().getSpec().getUnschedulable()).isFalse();
    }

    /** A machine stopped by the kill-machine fault, started again by its heal, with the node back in a new container. */
    @Test
    void killMachineStopsTheNodesMachineAndItsHealStartsIt() {
        k3s(Duration.ofSeconds(10));
        String machine = sim.pod("cassandra-1").machine;
        String container = sim.pod("cassandra-1").containerId;
        Fault killMachine = fault(new FaultSpec.KillMachine("n2", Duration.ZERO, null));

        inject(killMachine);
        assertThat(sim.commands).contains(machine + ": docker stop");
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.KILLED);
        heal(killMachine);

        assertThat(sim.commands).contains(machine + ": docker start");
        assertThat(sim.pod("cassandra-1").containerId).isNotEqualTo(container);
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.UP);
    }

    /** Pause on k3s: the container frozen (no exec answers), a machine drain of another node healed meanwhile. */
    @Test
    void aPausedNodeBlocksNoOtherNodesReturn() {
        k3s(Duration.ofSeconds(10));
        Fault pause = fault(new FaultSpec.Pause("n1", Duration.ZERO, null));
        Fault drainMachine = fault(new FaultSpec.DrainMachine("n3", Duration.ZERO, null));

        inject(pause);
        assertThat(sim.pod("cassandra-0").frozen).isTrue();
        inject(drainMachine);
        heal(drainMachine);
        assertThat(cluster.node("n3").state()).isEqualTo(NodeState.UP);
        heal(pause);

        assertThat(sim.pod("cassandra-0").frozen).isFalse();
        assertThat(cluster.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.UP));
    }

    /** The bootstrap the harness orders: each node released only once the ones before it serve and see each other. */
    @Test
    void theNodesJoinOneByOneEachReleasedOnlyOnceThePreviousServes() {
        k3s();
        List<String> order = sim.commands.stream().filter(c -> c.endsWith(": bash -c rm -f " + CassandraProcess.HOLD)
                || c.endsWith(": nodetool statusbinary")).map(c -> c.substring(0, c.indexOf('/'))).distinct().toList();
        assertThat(order).containsExactly("cassandra-0", "cassandra-1", "cassandra-2");
        for (String[] pair : List.of(new String[] {"cassandra-0", "cassandra-1"}, new String[] {"cassandra-1", "cassandra-2"})) {
            int served = sim.commands.indexOf(pair[0] + "/cassandra: nodetool statusbinary");
            int next = sim.commands.indexOf(pair[1] + "/cassandra: bash -c rm -f " + CassandraProcess.HOLD);
            assertThat(served).as(pair[0] + " asked before " + pair[1] + " released").isLessThan(next);
        }
    }

    /** What identifies a pod's incarnation: the pod object, its address and its Cassandra container. */
    record SimPodView(String uid, String ip, String containerId) {
    }

    private SimPodView view(String pod) {
        var p = sim.pod(pod);
        return new SimPodView(p.uid, p.ip, p.containerId);
    }
}
