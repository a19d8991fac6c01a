package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class DockerGateTest {

    @Test
    void aMissingDockerFailsWhereTheEnvironmentRequiresIt() {
        assertThatThrownBy(() -> DockerGate.check(false, Map.of("FAULTLINE_REQUIRE_DOCKER", "true"), "no Docker"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAULTLINE_REQUIRE_DOCKER=true");
    }

    @Test
    void aMissingDockerSkipsOtherwiseAndDockerRuns() {
        assertThatThrownBy(() -> DockerGate.check(false, Map.of(), "no Docker")).isInstanceOf(TestAbortedException.class);
        assertThatCode(() -> DockerGate.check(true, Map.of("FAULTLINE_REQUIRE_DOCKER", "true"), "no Docker"))
                .doesNotThrowAnyException();
    }

    @Test
    void theTestcontainersInUseNegotiatesADockerApiThatDocker29Accepts() throws Exception {
        // 1.21.3's docker-java pinned API 1.32, which Docker Engine 29 (minimum 1.44) refuses; 1.21.4 negotiates
        String version = org.testcontainers.DockerClientFactory.class.getPackage().getImplementationVersion();
        org.assertj.core.api.Assertions.assertThat(version).as("Testcontainers version").isNotNull();
        org.assertj.core.api.Assertions.assertThat(Runtime.Version.parse(version)).isGreaterThanOrEqualTo(Runtime.Version.parse("1.21.4"));
    }
}
