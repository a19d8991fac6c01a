package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBackendsTest {

    @Test
    void eachNameGivesItsBackend() {
        for (String name : ClusterBackends.NAMES) {
            KubernetesOptions options = KubernetesOptions.of(Optional.empty(),
                    name.equals("kube") ? Optional.of("kind-faultline") : Optional.empty(), false);
            assertThat(ClusterBackends.byName(name, options).name()).isEqualTo(name);
        }
        assertThat(ClusterBackends.NAMES).containsExactly("local", "k3s", "kube");
    }

    @Test
    void badInputIsNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> ClusterBackends.byName("minikube", KubernetesOptions.none()))
                .hasMessage("unknown backend 'minikube'; known: local, k3s, kube");
        assertThatThrownBy(() -> ClusterBackends.byName("k3s", KubernetesOptions.of(Optional.of(Path.of("pom.xml")), Optional.empty(), false)))
                .hasMessage("--kubeconfig applies only to --backend kube, not k3s");
        assertThatThrownBy(() -> ClusterBackends.byName("kube", KubernetesOptions.of(Optional.of(Path.of("no/such/kubeconfig")),
                Optional.of("x"), false)))
                .hasMessage("--kubeconfig no/such/kubeconfig: no readable file there");
        assertThatThrownBy(() -> ClusterBackends.byName("local", KubernetesOptions.of(Optional.empty(), Optional.of("x"), false)))
                .hasMessage("--context applies only to --backend kube, not local");
        assertThatThrownBy(() -> ClusterBackends.byName("local", KubernetesOptions.of(Optional.empty(), Optional.empty(), true)))
                .hasMessage("--allow-machine-faults applies only to --backend k3s or kube, not local");
        assertThatThrownBy(() -> ClusterBackends.byName("kube", KubernetesOptions.none()))
                .hasMessage(CONTEXT_REQUIRED);
    }

    static final String CONTEXT_REQUIRED = "--backend kube needs --context NAME, a context of your kubeconfig: "
            + "Faultline never acts on whichever context happens to be current";

    private static Path kubeconfig(Path dir) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}, {name: y, context: {cluster: c, user: u}}]
                current-context: x
                """);
    }

    @Test
    void kubeWithoutAContextIsRefusedInOneLineByClusterUpAndRun(@TempDir Path dir) throws Exception {
        Path config = kubeconfig(dir);
        for (String[] args : List.of(
                new String[] {"cluster", "up", "--backend", "kube", "--kubeconfig", config.toString()},
                new String[] {"run", "test-scenarios/partition-one-vs-quorum.yaml", "--backend", "kube", "--kubeconfig", config.toString()},
                new String[] {"run", "test-scenarios/lessons/stale-read-at-one.yaml", "--backend", "kube"})) {
            var outcome = Contract.run(args);
            assertThat(outcome.err()).as(String.join(" ", args)).isEqualTo("faultline: " + CONTEXT_REQUIRED + "\n");
            assertThat(outcome.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
        }
    }

    @Test
    void aFaultTheBackendCannotPutInPlaceIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        // an existing cluster's machines are not the harness's: no container of it can be frozen
        var outcome = Contract.run("run", "test-scenarios/pause-node.yaml", "--backend", "kube",
                "--kubeconfig", kubeconfig(dir).toString(), "--context", "x");
        assertThat(outcome.err()).isEqualTo("faultline: test-scenarios/pause-node.yaml: the 'kube' backend cannot pause "
                + "a node (freeze its processes, as SIGSTOP does); run it on a backend that can (local, k3s) or leave "
                + "that fault out\n");
        assertThat(outcome.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
    }

    /**
     * Issue 25, defect 8: machine faults are fault kinds a scenario names, and --allow-machine-faults is what lets a
     * Kubernetes backend play them; without it, or where no machine can be stopped, the run is refused up front.
     */
    @Test
    void machineFaultsAreRefusedUpFrontWhereTheBackendMayNotPlayThem(@TempDir Path dir) throws Exception {
        String kubeconfig = kubeconfig(dir).toString();
        String drain = "test-scenarios/kubernetes/drain-machine.yaml";
        String kill = "test-scenarios/kubernetes/kill-machine.yaml";
        var withoutOptIn = Contract.run("run", drain, "--backend", "kube", "--kubeconfig", kubeconfig, "--context", "x");
        assertThat(withoutOptIn.err()).isEqualTo("faultline: " + drain + ": the 'kube' backend cannot drain a node's machine "
                + "(cordon it, evict its pods); run it on a backend that can (k3s or kube, with --allow-machine-faults) or "
                + "leave that fault out\n");
        assertThat(withoutOptIn.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
        var noMachineToStop = Contract.run("run", kill, "--backend", "kube", "--kubeconfig", kubeconfig, "--context", "x",
                "--allow-machine-faults");
        assertThat(noMachineToStop.err()).isEqualTo("faultline: " + kill + ": the 'kube' backend cannot stop a node's machine; "
                + "run it on a backend that can (k3s, with --allow-machine-faults) or leave that fault out\n");
        var local = Contract.run("run", drain);
        assertThat(local.err()).startsWith("faultline: " + drain + ": the 'local' backend cannot drain a node's machine");
        assertThat(local.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
        assertThat(ClusterBackends.byName("k3s", KubernetesOptions.of(Optional.empty(), Optional.empty(), true)).capabilities())
                .contains(dev.faultline.cluster.Capability.DRAIN_MACHINE, dev.faultline.cluster.Capability.KILL_MACHINE);
        assertThat(ClusterBackends.byName("k3s", KubernetesOptions.none()).capabilities())
                .containsExactly(dev.faultline.cluster.Capability.PAUSE);
    }

    @Test
    void kubeWithAContextTheKubeconfigLacksNamesTheOnesItHas(@TempDir Path dir) throws Exception {
        var outcome = Contract.run("cluster", "up", "--backend", "kube", "--kubeconfig", kubeconfig(dir).toString(),
                "--context", "prod");
        assertThat(outcome.err()).contains("--context prod: no such context in").contains("[x, y]")
                .doesNotContain("internal fault", "Exception");
        assertThat(outcome.exit()).isNotIn(0, InternalFault.EXIT);
    }

    /** Issue 25, defect 10: Docker is asked first, and without one the answer is one line, no Testcontainers log. */
    @Test
    void clusterUpAndRunOnK3sWithoutDockerSayWhyInOneLine() {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.faultline.cluster.k8s.K3sBackend.dockerAvailable(
                java.time.Duration.ofSeconds(20)), "Docker is here");
        var up = Contract.run("cluster", "up", "--backend", "k3s");
        assertThat(up.err()).isEqualTo("faultline: Docker is not available on this machine: the k3s backend needs a Docker engine\n");
        assertThat(up.exit()).isEqualTo(ClusterCommand.EXIT_MISSING_PREREQUISITE);
        var run = Contract.run("run", "test-scenarios/lessons/stale-read-at-one.yaml", "--backend", "k3s");
        assertThat(run.exit()).isNotIn(0, InternalFault.EXIT);
        assertThat(run.err()).doesNotContain("internal fault", "Exception", "\tat ").contains("Docker is not available");
    }

    /** Issue 25, defect 9: a kubeconfig that is not one is bad input: exit 2, one line, before anything starts. */
    @Test
    void aMalformedKubeconfigIsRefusedInOneLineWithExit2(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken"), "apiVersion: v1\nclusters: [{name: c, cluster: {server: \n");
        for (String[] args : List.of(new String[] {"cluster", "up", "--backend", "kube", "--kubeconfig", broken.toString(), "--context", "x"},
                new String[] {"run", "test-scenarios/kill-node.yaml", "--backend", "kube", "--kubeconfig", broken.toString(), "--context", "x"})) {
            var outcome = Contract.run(args);
            assertThat(outcome.err()).as(String.join(" ", args)).contains("--kubeconfig " + broken + ": not a kubeconfig (")
                    .doesNotContain("internal fault").hasLineCount(1);
            assertThat(outcome.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
        }
    }

    /** Issue 25, defect 10: the heap is the fixture's, so --heap-mb is refused on Kubernetes up front. */
    @Test
    void heapMbIsRefusedOnKubernetes() {
        var heap = Contract.run("cluster", "up", "--backend", "k3s", "--heap-mb", "1024");
        assertThat(heap.err()).isEqualTo("faultline: --heap-mb applies only to --backend local; on Kubernetes the fixture's "
                + "StatefulSet sets the heap (MAX_HEAP_SIZE in k8s-fixtures/cassandra.yaml)\n");
        assertThat(heap.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
    }

    /** Issue 25, defect 10: the nodes' settings are 4.1's, so an older release is refused on Kubernetes up front. */
    @Test
    void releasesBefore41AreRefusedOnKubernetes() {
        var old = Contract.run("cluster", "up", "--backend", "k3s", "--cassandra-version", "4.0.17");
        assertThat(old.err()).isEqualTo("faultline: Cassandra 4.0.17 cannot run on the Kubernetes backends: the nodes' "
                + "settings use cassandra.yaml's names of 4.1 and later; allowed: 4.1 or later\n");
        assertThat(old.exit()).isEqualTo(Faultline.EXIT_BAD_INPUT);
    }

    /** Issue 13's first defect: without --rf, `cluster up` on Kubernetes unboxed a null and died with a trace. */
    @Test
    void clusterUpOnKubernetesWithoutRfDefaultsItAndSaysWhyItCannotStart(@TempDir Path dir) throws Exception {
        var outcome = Contract.run("cluster", "up", "--backend", "kube", "--kubeconfig", kubeconfig(dir).toString(),
                "--context", "y");
        assertThat(outcome.err()).doesNotContain("internal fault", "NullPointer")
                .contains("cannot reach the Kubernetes API server at https://127.0.0.1:1");
        assertThat(outcome.exit()).isNotIn(0, InternalFault.EXIT);
    }
}
