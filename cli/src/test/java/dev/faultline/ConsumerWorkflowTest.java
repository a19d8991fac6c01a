package dev.faultline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.run.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .github/workflows/consumer.yml, the CI recipe README gives a team, cannot run here: this parses it and checks that
 * it does what README says: the consumer example's own {@code mvn verify} on ubuntu-latest as the runner's user (no
 * step as root), JDK 17, the project's prerequisites script, Faultline installed without starting a cluster, the
 * version the consumer's pom reads, and the folder the consumer writes its runs to kept when a test fails.
 */
class ConsumerWorkflowTest {

    private static final Path WORKFLOW = Path.of(".github/workflows/consumer.yml");
    private static final Path CONSUMER = Path.of("examples/consumer");
    private static JsonNode workflow;
    private static List<JsonNode> steps;

    @BeforeAll
    static void parse() throws Exception {
        workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        steps = new ArrayList<>();
        workflow.at("/jobs/consumer/steps").forEach(steps::add);
        assertThat(steps).as("steps of job consumer").isNotEmpty();
    }

    private static int index(String what, java.util.function.Predicate<JsonNode> step) {
        for (int i = 0; i < steps.size(); i++) {
            if (step.test(steps.get(i))) {
                return i;
            }
        }
        throw new AssertionError("consumer.yml has no step that " + what);
    }

    private static int uses(String action) {
        return index("uses " + action, s -> s.path("uses").asText().startsWith(action + "@"));
    }

    private static int runs(String command) {
        return index("runs " + command, s -> s.path("run").asText().contains(command));
    }

    @Test
    void itRunsOnUbuntuAsTheRunnersOwnUserNeverAsRoot() {
        JsonNode job = workflow.at("/jobs/consumer");
        assertThat(job.path("runs-on").asText()).isEqualTo("ubuntu-latest");
        assertThat(job.has("container")).as("a container would run the steps as root").isFalse();
        for (JsonNode step : steps) {
            assertThat(step.path("run").asText()).as(step.toString())
                    .doesNotContainPattern("\\bsudo\\b").doesNotContain("su -", "--user root", "USER=root");
        }
        assertThat(workflow.at("/permissions/contents").asText()).isEqualTo("read");
    }

    @Test
    void itSetsUpJdk17WithMavensCacheThenThePrerequisitesThroughTheProjectsScript() throws Exception {
        JsonNode java = steps.get(uses("actions/setup-java"));
        assertThat(java.at("/with/java-version").asText()).isEqualTo("17");
        assertThat(java.at("/with/cache").asText()).isEqualTo("maven");
        int prerequisites = runs("bash scripts/install-prerequisites.sh");
        assertThat(Files.readString(Path.of(".ci/run"))).as("the script the project's own CI installs with")
                .contains("bash scripts/install-prerequisites.sh");
        // the script elevates itself through sudo when it is not root, so the step needs none
        assertThat(Files.readString(Path.of("scripts/install-prerequisites.sh"))).contains("as_root=(sudo)");
        assertThat(uses("actions/checkout")).isLessThan(uses("actions/setup-java"));
        assertThat(uses("actions/setup-java")).isLessThan(prerequisites);
    }

    @Test
    void itInstallsFaultlineWithoutTestsThenRunsTheConsumersOwnVerifyOnThatVersion() throws Exception {
        int install = runs("./mvnw -B -q install -DskipTests");
        JsonNode verify = steps.get(runs("mvn -B verify"));
        assertThat(install).isGreaterThan(runs("bash scripts/install-prerequisites.sh")).isLessThan(steps.indexOf(verify));
        assertThat(verify.path("working-directory").asText()).isEqualTo(CONSUMER.toString());
        assertThat(verify.path("run").asText()).doesNotContain("./mvnw -B verify", "-DskipTests", "-Dinvoker.skip")
                .contains("help:evaluate -Dexpression=project.version");
        // the property the command line gives is the one the consumer's pom takes its Faultline version from
        Matcher property = Pattern.compile("mvn -B verify -D([\\w.]+)=\"\\$version\"").matcher(verify.path("run").asText());
        assertThat(property.find()).as(verify.path("run").asText()).isTrue();
        String pom = Files.readString(CONSUMER.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>faultline-bom</artifactId>\n        <version>${" + property.group(1) + "}</version>")
                .contains("<" + property.group(1) + ">@project.version@</" + property.group(1) + ">");
    }

    /** Where the consumer's tests write their runs: Faultline's default root under the project's own folder. */
    @Test
    void aFailureKeepsTheFolderTheConsumerWritesItsRunsTo() {
        JsonNode upload = steps.get(uses("actions/upload-artifact"));
        assertThat(upload.path("if").asText()).isEqualTo("failure()");
        assertThat(steps.indexOf(upload)).isEqualTo(steps.size() - 1);
        assertThat(upload.at("/with/path").asText()).isEqualTo(CONSUMER.resolve(Faultline.DEFAULT_ROOT) + "/**");
    }

    @Test
    void everyActionIsPinnedToARelease() throws Exception {
        assertThat(steps).filteredOn(s -> s.has("uses")).extracting(s -> s.get("uses").asText()).isNotEmpty()
                .allMatch(u -> u.matches("[\\w.-]+/[\\w.-]+@v\\d+\\.\\d+\\.\\d+"));
        assertThat(Files.readString(WORKFLOW)).doesNotContain("\t");
    }

    /** README's recipe for CI is this workflow's own steps, word for word. */
    @Test
    void readmesRecipeIsTheWorkflowsSteps() throws Exception {
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("README shows the CI recipe").isTrue();
        assertThat(Files.readString(WORKFLOW)).contains(block.group(1));
    }
}
