package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
