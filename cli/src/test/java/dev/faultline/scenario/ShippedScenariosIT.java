package dev.faultline.scenario;

import dev.faultline.ReadmeCommandIT;
import dev.faultline.checker.Validity;
import dev.faultline.cli.Recheck;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.report.Analysis;
import dev.faultline.report.Platform;
import dev.faultline.report.RunFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario the project ships, run for real as `faultline run` would, on the shared three-node
 * cluster (ClusterShapeOrder runs this class last of its shape, by name: ten scenarios of kills, drains and
 * restarts are no state to hand on): each must meet its own expect block, played at the build's time scale ({@code -Dfaultline.time-scale},
 * 1 for full length). README's own scenario is left to {@link dev.faultline.ReadmeCommandIT}, which
 * runs it at full length as README's first command, and re-checks it the same way. Runs land in
 * cli/target/scenario-runs/ for inspection.
 */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class ShippedScenariosIT {

    LocalCluster cluster;

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioMeetsItsExpectations() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(Path.of("test-scenarios"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8).contains(ReadmeCommandIT.SCENARIO);
        double scale = Double.parseDouble(System.getProperty("faultline.time-scale", "1"));
        return files.stream().filter(file -> !file.equals(ReadmeCommandIT.SCENARIO)).map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Scenario scenario = ScenarioParser.parse(file).scaled(scale);
            assertThat(scenario.cluster().nodes()).as("the shared cluster's size").isEqualTo(3);
            Path runDir = Path.of("cli", "target", "scenario-runs", scenario.name());
            List<LevelResult> levels;
            try (PrinterfactsReplicas app = scenario.cluster().printerfacts() == 0 ? PrinterfactsReplicas.none()
                    : cluster.printerfacts(scenario.cluster().printerfacts())) {
                levels = new ScenarioRunner(cluster, app.urls(), System.out::println).run(scenario, runDir);
            }
            RunFiles.write(runDir, scenario, scenario.seed(), Platform.of(cluster), levels);
            assertThat(runDir.resolve("analysis.json")).isRegularFile();
            assertThat(levels).hasSize(scenario.levels().size());
            assertThat(levels).allSatisfy(level -> {
                assertThat(level.availability().total().all()).as(level.level() + " ops").isPositive();
                assertThat(level.unmet()).as(scenario.name() + " at " + level.level()).isEmpty();
                // a linearizable register history keeps every client's session guarantees: the checkers must agree
                if (level.linearizability() != null && level.linearizability().isLinearizable()) {
                    assertThat(level.sessionGuarantees().validity()).as(level.level() + " session guarantees")
                            .isEqualTo(Validity.VALID);
                }
            });
            // analysis.json read back says what the run said, checker by checker
            assertThat(Analysis.read(runDir, w -> { }).analysis().levels())
                    .extracting(LevelResult::level, l -> l.checks().stream().map(c -> c.checker() + " " + c.validity()).toList())
                    .containsExactlyElementsOf(levels.stream().map(l -> org.assertj.core.groups.Tuple.tuple(l.level(),
                            l.checks().stream().map(c -> c.checker() + " " + c.validity()).toList())).toList());
            assertThat(Recheck.agreesWithAnalysis(runDir)).as("every level re-checked").isEqualTo(levels.size());
        }));
    }
}
