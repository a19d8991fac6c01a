package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.cluster.Capability;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.Step;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.ScenarioParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/kubernetes.yml cannot run here (no Docker): this parses it and checks that it does what the
 * README says it does: on k3s and on kind, a run of every fault kind the backend claims, each on three nodes and each
 * held to its expectations, with the files, flags and versions it names.
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

    /** One entry of a job's matrix: a fault, the scenario or lesson that plays it, the flags it needs. */
    record Entry(String fault, Path file, String flags) {
        boolean machineFaults() {
            return flags.contains("--allow-machine-faults");
        }
    }

    private static List<Entry> matrix(String job) {
        List<Entry> entries = new ArrayList<>();
        workflow.at("/jobs/" + job + "/strategy/matrix/include").forEach(e -> entries.add(new Entry(e.get("fault").asText(),
                Path.of(e.get("run").asText()), e.path("flags").asText(""))));
        assertThat(entries).as("matrix of job " + job).isNotEmpty();
        return entries;
    }

    /** What a run of {@code file} plays, held to expectations on three nodes. */
    record Played(Set<FaultKind> kinds, boolean oneWay, Set<Capability> needs) {
    }

    private static Played played(Path file) throws Exception {
        String text = Files.readString(file);
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        if (LessonParser.isLesson(text)) {
            Lesson lesson = LessonParser.parse(file, text);
            assertThat(lesson.cluster().nodes()).as(file + ": three nodes").isEqualTo(3);
            assertThat(lesson.steps()).as(file + ": answers asserted").anyMatch(s -> s instanceof Step.Op op && !op.expect().isEmpty());
            lesson.steps().stream().filter(Step.Inject.class::isInstance).map(s -> ((Step.Inject) s).fault())
                    .forEach(f -> kinds.add(f.kind()));
            boolean oneWay = lesson.steps().stream().filter(Step.Inject.class::isInstance).map(s -> ((Step.Inject) s).fault())
                    .anyMatch(f -> f instanceof Fault.Cut cut && cut.shape().contains("->"));
            return new Played(kinds, oneWay, lesson.needs());
        }
        Scenario scenario = ScenarioParser.parse(file, text);
        assertThat(scenario.cluster().nodes()).as(file + ": three nodes").isEqualTo(3);
        assertThat(scenario.expect()).as(file + ": answers asserted").isNotEmpty();
        scenario.faults().forEach(spec -> kinds.add(spec.fault(scenario.cluster().nodeNames(), new Random(0)).kind()));
        return new Played(kinds, false, scenario.needs());
    }

    /**
     * Every kind a backend claims is played by some entry: all that need nothing, and those whose capability the
     * backend has with the flags the entry passes; clock skew is the clients' own, no backend's.
     */
    private static void everyClaimedFaultIsPlayed(String job, java.util.function.Function<Boolean, ClusterBackend> backend)
            throws Exception {
        Set<FaultKind> played = EnumSet.noneOf(FaultKind.class);
        boolean oneWay = false;
        for (Entry entry : matrix(job)) {
            assertThat(entry.file()).as(entry.fault()).exists();
            Played run = played(entry.file());
            Set<Capability> can = backend.apply(entry.machineFaults()).capabilities();
            assertThat(can).as(job + ", " + entry.fault() + ": the backend can play " + entry.file()).containsAll(run.needs());
            assertThat(entry.machineFaults()).as(job + ", " + entry.fault() + ": --allow-machine-faults only where needed")
                    .isEqualTo(run.needs().contains(Capability.DRAIN_MACHINE) || run.needs().contains(Capability.KILL_MACHINE));
            played.addAll(run.kinds());
            oneWay |= run.oneWay();
        }
        Set<Capability> claimed = backend.apply(true).capabilities();
        Set<FaultKind> expected = EnumSet.noneOf(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.CLOCK_SKEW && claimed.containsAll(sample(kind).needs())) {
                expected.add(kind);
            }
        }
        assertThat(played).as(job + ": every fault kind the backend claims").containsAll(expected);
        assertThat(oneWay).as(job + ": a one-way cut").isTrue();
    }

    private static Fault sample(FaultKind kind) {
        return switch (kind) {
            case PARTITION -> new Fault.Cut("isolate n1", Set.of());
            case CLIENTS_FROM_NODE -> new Fault.ClientsCut("n1");
            case KILL -> new Fault.Kill("n1");
            case PAUSE -> new Fault.Pause("n1");
            case DRAIN -> new Fault.Drain("n1");
            case ROLLING_RESTART -> new Fault.RollingRestart(List.of("n1"));
            case CLOCK_SKEW -> new Fault.ClockSkew(java.time.Duration.ofSeconds(1), 1);
            case DRAIN_MACHINE -> new Fault.DrainMachine("n1");
            case KILL_MACHINE -> new Fault.KillMachine("n1");
            case SLOW_NETWORK -> new Fault.SlowNetwork("n1", 256);
        };
    }

    @Test
    void theK3sJobRunsEveryFaultK3sClaimsAndTheItWithDockerRequired() throws Exception {
        assertThat(workflow.at("/jobs/k3s/env/" + DockerGate.REQUIRE_DOCKER).asText()).isEqualTo("true");
        everyClaimedFaultIsPlayed("k3s", machineFaults -> new K3sBackend(machineFaults));
        String run = runs("k3s");
        assertThat(run).contains("jib:buildTar", "-Dit.test=K3sBackendIT")
                .contains("./faultline run ${{ matrix.run }} --backend k3s ${{ matrix.flags }}")
                .contains("grep -F \"every expectation held\"").contains("set -o pipefail");
        assertThat(matrix("k3s")).extracting(Entry::fault).contains("pause", "kill-machine");
        assertThat(Path.of("kubernetes/src/test/java/dev/faultline/cluster/k8s/K3sBackendIT.java")).exists();
    }

    @Test
    void theKindJobRunsEveryFaultAnExistingClusterAllowsWithAnExplicitContext() throws Exception {
        everyClaimedFaultIsPlayed("kind", machineFaults -> new KubeconfigBackend(Optional.empty(), "kind-faultline", machineFaults));
        assertThat(matrix("kind")).extracting(Entry::fault).doesNotContain("pause", "kill-machine");
        JsonNode kind = steps("kind").stream().filter(s -> s.path("uses").asText().startsWith("helm/kind-action@"))
                .findFirst().orElseThrow(() -> new AssertionError("no helm/kind-action step"));
        assertThat(kind.at("/with/config").asText()).isEqualTo("k8s-fixtures/kind-cluster.yaml");
        Matcher version = Pattern.compile("v0\\.(\\d+)\\.\\d+").matcher(kind.at("/with/version").asText());
        assertThat(version.matches()).as("a pinned kind release").isTrue();
        assertThat(Integer.parseInt(version.group(1))).as("kind 0.24 or newer").isGreaterThanOrEqualTo(24);
        String cluster = kind.at("/with/cluster_name").asText();
        String run = runs("kind");
        assertThat(run).contains("jib:dockerBuild", "kind load docker-image \"faultline/printerfacts:$version\" --name " + cluster)
                .contains("./faultline run ${{ matrix.run }} --backend kube").contains("--context kind-" + cluster)
                .contains("${{ matrix.flags }}").contains("grep -F \"every expectation held\"").contains("set -o pipefail");
        // kind's workers need at least the three Cassandra pods' machines (required anti-affinity)
        assertThat(Files.readString(Path.of("k8s-fixtures/kind-cluster.yaml")).split("role: worker", -1).length - 1)
                .isGreaterThanOrEqualTo(3);
    }

    /** The fixture's images go into kind from the runner, which pulled them (logged in when it can), so no node pulls. */
    @Test
    void theKindJobLoadsTheFixturesOwnImages() {
        var template = Fixtures.cassandraPodSpec(Fixtures.load(Fixtures.directory(), dev.faultline.cluster.Topology.defaults()));
        String run = runs("kind");
        template.getContainers().forEach(c -> assertThat(run).as("image " + c.getImage()).contains(c.getImage()));
        assertThat(run).contains("kind load docker-image \"$image\" --name faultline");
    }

    /** Docker Hub limits anonymous pulls; each job logs in when the repository holds a token, and runs without one. */
    @Test
    void eachJobLogsInToTheRegistryWhenATokenIsPresent() {
        for (String job : List.of("k3s", "kind")) {
            JsonNode login = steps(job).stream().filter(s -> s.path("uses").asText().startsWith("docker/login-action@"))
                    .findFirst().orElseThrow(() -> new AssertionError(job + ": no docker/login-action step"));
            assertThat(login.path("if").asText()).isEqualTo("env.DOCKERHUB_TOKEN != ''");
            assertThat(workflow.at("/jobs/" + job + "/env/DOCKERHUB_TOKEN").asText()).isEqualTo("${{ secrets.DOCKERHUB_TOKEN }}");
            assertThat(login.at("/with/password").asText()).isEqualTo("${{ env.DOCKERHUB_TOKEN }}");
            int loginAt = steps(job).indexOf(login);
            assertThat(steps(job).subList(loginAt, steps(job).size())).as(job + ": logged in before anything pulls")
                    .anyMatch(s -> s.path("run").asText().contains("./mvnw"));
            assertThat(steps(job).subList(0, loginAt)).noneMatch(s -> s.path("run").asText().contains("./mvnw")
                    || s.path("uses").asText().startsWith("helm/kind-action@"));
        }
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
