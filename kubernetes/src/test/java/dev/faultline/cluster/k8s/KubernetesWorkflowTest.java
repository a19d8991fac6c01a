package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/kubernetes.yml cannot run here (no Docker): this parses it and checks that it does what the
 * README says it does, with the files, flags and versions it names.
 */
class KubernetesWorkflowTest {

    private static final Path WORKFLOW = Path.of(".github/workflows/kubernetes.yml");
    private static JsonNode workflow;

    @BeforeAll
    static void parse() throws Exception {
        workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    }

    private static List<JsonNode> steps(String job) {
        List<JsonNode> steps = new ArrayList<>();
        workflow.at("/jobs/" + job + "/steps").forEach(steps::add);
        assertThat(steps).as("steps of job " + job).isNotEmpty();
        return steps;
    }

    private static String runs(String job) {
        return String.join("\n", steps(job).stream().filter(s -> s.has("run")).map(s -> s.get("run").asText()).toList());
    }

    @Test
    void theK3sJobRunsTheItWithDockerRequiredAndTheLessonOnK3s() {
        assertThat(workflow.at("/jobs/k3s/env/" + DockerGate.REQUIRE_DOCKER).asText()).isEqualTo("true");
        String run = runs("k3s");
        assertThat(run).contains("jib:buildTar", "-Dit.test=K3sBackendIT")
                .contains("./faultline run test-scenarios/lessons/stale-read-at-one.yaml --backend k3s")
                .contains("grep -F \"every expectation held\"").contains("set -o pipefail");
        assertThat(Path.of("test-scenarios/lessons/stale-read-at-one.yaml")).exists();
        assertThat(Path.of("kubernetes/src/test/java/dev/faultline/cluster/k8s/K3sBackendIT.java")).exists();
    }

    @Test
    void theKindJobUsesTheFixturesConfigARecentKindAndAnExplicitContext() {
        JsonNode kind = steps("kind").stream().filter(s -> s.path("uses").asText().startsWith("helm/kind-action@"))
                .findFirst().orElseThrow(() -> new AssertionError("no helm/kind-action step"));
        assertThat(kind.at("/with/config").asText()).isEqualTo("k8s-fixtures/kind-cluster.yaml");
        Matcher version = Pattern.compile("v0\\.(\\d+)\\.\\d+").matcher(kind.at("/with/version").asText());
        assertThat(version.matches()).as("a pinned kind release").isTrue();
        assertThat(Integer.parseInt(version.group(1))).as("kind 0.24 or newer").isGreaterThanOrEqualTo(24);
        String cluster = kind.at("/with/cluster_name").asText();
        String run = runs("kind");
        assertThat(run).contains("jib:dockerBuild", "kind load docker-image \"faultline/printerfacts:$version\" --name " + cluster)
                .contains("--backend kube").contains("--context kind-" + cluster)
                .contains("grep -F \"every expectation held\"").contains("set -o pipefail");
    }

    @Test
    void everyActionIsPinnedToARelease() throws Exception {
        List<String> uses = new ArrayList<>();
        workflow.get("jobs").forEach(job -> job.get("steps").forEach(s -> {
            if (s.has("uses")) {
                uses.add(s.get("uses").asText());
            }
        }));
        assertThat(uses).isNotEmpty().allMatch(u -> u.matches("[\\w.-]+/[\\w.-]+@v\\d+\\.\\d+\\.\\d+"));
        assertThat(Files.readString(WORKFLOW)).doesNotContain("\t");
        assertThat(workflow.at("/permissions/contents").asText()).isEqualTo("read");
    }
}
