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

    @Test
    void kubeWithAContextTheKubeconfigLacksNamesTheOnesItHas(@TempDir Path dir) throws Exception {
        var outcome = Contract.run("cluster", "up", "--backend", "kube", "--kubeconfig", kubeconfig(dir).toString(),
                "--context", "prod");
        assertThat(outcome.err()).contains("--context prod: no such context in").contains("[x, y]")
                .doesNotContain("internal fault", "Exception");
        assertThat(outcome.exit()).isNotIn(0, InternalFault.EXIT);
    }

    @Test
    void clusterUpAndRunOnK3sWithoutDockerOrImageSayWhyInOneLine() {
        for (String[] args : List.of(new String[] {"cluster", "up", "--backend", "k3s"},
                new String[] {"run", "test-scenarios/lessons/stale-read-at-one.yaml", "--backend", "k3s"})) {
            var outcome = Contract.run(args);
            assertThat(outcome.exit()).as(String.join(" ", args)).isNotIn(0, InternalFault.EXIT);
            assertThat(outcome.err()).doesNotContain("internal fault", "Exception", "\tat ")
                    .containsPattern("faultline: .*(no printerfacts image at|Docker is not available)");
        }
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
