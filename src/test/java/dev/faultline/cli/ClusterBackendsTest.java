package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBackendsTest {

    @Test
    void eachNameGivesItsBackend() {
        for (String name : ClusterBackends.NAMES) {
            assertThat(ClusterBackends.byName(name, Optional.empty()).name()).isEqualTo(name);
        }
        assertThat(ClusterBackends.NAMES).containsExactly("local", "k3s", "kube");
    }

    @Test
    void badInputIsNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> ClusterBackends.byName("minikube", Optional.empty()))
                .hasMessage("unknown backend 'minikube'; known: local, k3s, kube");
        assertThatThrownBy(() -> ClusterBackends.byName("k3s", Optional.of(Path.of("pom.xml"))))
                .hasMessage("--kubeconfig applies only to --backend kube, not k3s");
        assertThatThrownBy(() -> ClusterBackends.byName("kube", Optional.of(Path.of("no/such/kubeconfig"))))
                .hasMessage("--kubeconfig no/such/kubeconfig: no readable file there");
    }

    /** Issue 13's first defect: without --rf, `cluster up` on Kubernetes unboxed a null and died with a trace. */
    @Test
    void clusterUpOnKubernetesWithoutRfDefaultsItAndSaysWhyItCannotStart(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        var outcome = Contract.run("cluster", "up", "--backend", "kube", "--kubeconfig", kubeconfig.toString());
        assertThat(outcome.err()).doesNotContain("internal fault", "NullPointer")
                .contains("cannot reach the Kubernetes API server at https://127.0.0.1:1");
        assertThat(outcome.exit()).isNotIn(0, InternalFault.EXIT);
    }
}
