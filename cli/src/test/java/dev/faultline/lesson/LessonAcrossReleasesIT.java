package dev.faultline.lesson;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.cli.Recheck;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.report.Platform;
import dev.faultline.report.RunFiles;
import dev.faultline.scenario.Consistency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest 4.1 release (resolved by version, run on JDK 11) and the newest 5.0 release give the stale-read lesson the
 * answers the pinned default gives (ShippedLessonsIT): a stale read at ONE, both ops refused at QUORUM. The release is
 * in analysis.json and the report.
 */
class LessonAcrossReleasesIT {

    @ParameterizedTest
    @ValueSource(strings = {"4.1.10", "5.0.9"})
    void staleReadAtOneAndRefusalsAtQuorumOnEachRelease(String version) throws Exception {
        try (LocalCluster cluster = LocalCluster.nodes(2).replicationFactor(2).cassandraVersion(version).start()) {
            assertThat(cluster.cassandraVersion()).isEqualTo(version);
            Lesson lesson = LessonParser.shipped("stale-read-at-one");
            Path runDir = Path.of("cli", "target", "lesson-runs", lesson.name() + "-" + version);
            List<LessonLevel> levels = new LessonRunner(cluster, System.out::println).run(lesson, runDir);
            RunFiles.write(runDir, lesson, Platform.of(cluster), levels);

            assertThat(levels).extracting(l -> l.result().level()).containsExactly(Consistency.ONE, Consistency.QUORUM);
            assertThat(levels).allSatisfy(level ->
                    assertThat(level.result().unmet()).as(version + " at " + level.result().level()).isEmpty());
            assertThat(new ObjectMapper().readTree(runDir.resolve("analysis.json").toFile()).get("cassandra_version").asText())
                    .isEqualTo(version);
            assertThat(Files.readString(runDir.resolve("report.html"))).contains("Cassandra " + version);
            assertThat(Recheck.agreesWithAnalysis(runDir)).isEqualTo(levels.size());
        }
    }
}
