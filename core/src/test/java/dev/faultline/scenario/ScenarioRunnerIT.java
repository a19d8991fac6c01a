package dev.faultline.scenario;

import dev.faultline.checker.Verdict;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real run on a real cluster: clients at ONE and QUORUM while n3 is partitioned away. */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class ScenarioRunnerIT {

    Cluster cluster;

    @Test
    void recordsChecksAndComparesBothLevelsUnderAPartition(@TempDir Path results) {
        Scenario scenario = ScenarioParser.parse(Path.of("inline.yaml"), """
                name: isolate-n3
                cluster: {nodes: 3, replication-factor: 2}
                workload: {type: register, keys: 6, concurrency: 6, rate: 150}
                compare: [ONE, QUORUM]
                duration: 20s
                seed: 11
                faults:
                  - {fault: partition, grouping: isolate-one, node: n3, at: 4s, heal-after: 10s}
                expect:
                  QUORUM: {linearizable: true}
                """);
        List<String> progress = new ArrayList<>();

        List<LevelResult> levels = new ScenarioRunner(cluster, List.of(), progress::add).run(scenario, results);

        assertThat(levels).extracting(LevelResult::level).containsExactly(Consistency.ONE, Consistency.QUORUM);
        LevelResult one = levels.get(0);
        LevelResult quorum = levels.get(1);
        History history = JsonlHistory.read(quorum.history(), w -> { });
        assertThat(history.ops()).filteredOn(op -> op.isNemesis()).extracting(op -> op.f())
                .containsExactly("start-partition", "start-partition", "stop-partition", "stop-partition");
        assertThat(quorum.availability().windows()).hasSize(1);
        assertThat(quorum.linearizability().verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(quorum.expectationsHeld()).isTrue();
        // QUORUM at RF=2 needs both replicas: with n3 away, ops on its keys fail or time out
        assertThat(quorum.availability().insideFaults().percentAvailable()).isLessThan(100.0);
        // ONE needs one replica, and every key keeps one on the n1 side
        assertThat(one.availability().insideFaults().percentAvailable()).isGreaterThan(quorum.availability().insideFaults().percentAvailable());
        assertThat(one.availability().outsideFaults().ok()).isPositive();
        assertThat(progress).anyMatch(line -> line.contains("seed 11"));
    }
}
