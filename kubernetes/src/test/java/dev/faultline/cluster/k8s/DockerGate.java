package dev.faultline.cluster.k8s;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a test that needs Docker runs, skips or fails: where the environment says Docker is required
 * ({@code FAULTLINE_REQUIRE_DOCKER=true}, as the Kubernetes workflow sets), a missing Docker is a failure, so the
 * machines that should run the test cannot silently skip it.
 */
final class DockerGate {

    static final String REQUIRE_DOCKER = "FAULTLINE_REQUIRE_DOCKER";

    private DockerGate() {
    }

    static void check(boolean dockerAvailable, Map<String, String> environment, String reason) {
        if (dockerAvailable) {
            return;
        }
        if (Boolean.parseBoolean(environment.getOrDefault(REQUIRE_DOCKER, "false"))) {
            throw new AssertionError(reason + ", and " + REQUIRE_DOCKER + "=true says it must be");
        }
        System.out.println("skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
    }
}
