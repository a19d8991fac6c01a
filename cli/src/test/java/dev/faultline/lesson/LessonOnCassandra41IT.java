package dev.faultline.lesson;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.cli.Recheck;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.report.Platform;
import dev.faultline.report.RunFiles;
import dev.faultline.scenario.Consistency;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest 4.1 release, resolved by version and run on JDK 11, gives the stale-read lesson the answers 5.0 gives
 * (ShippedLessonsIT): a stale read at ONE, both ops refused at QUORUM. The release is in analysis.json and the report.
 */
@CassandraCluster(nodes = 2, replicationFactor = 2, version = LessonOnCassandra41IT.VERSION)
class LessonOnCassandra41IT {

    static final String VERSION = "4.1.10";

    LocalCluster cluster;

    @Test
    void staleReadAtOneAndRefusalsAtQuorumOnCassandra41() throws Exception {
        assertThat(cluster.cassandraVersion()).isEqualTo(VERSION);
        Lesson lesson = LessonParser.shipped("stale-read-at-one");
        Path runDir = Path.of("cli", "target", "lesson-runs", lesson.name() + "-" + VERSION);
        List<LessonLevel> levels = new LessonRunner(cluster, System.out::println).run(lesson, runDir);
        RunFiles.write(runDir, lesson, Platform.of(cluster), levels);

        assertThat(levels).extracting(l -> l.result().level()).containsExactly(Consistency.ONE, Consistency.QUORUM);
        assertThat(levels).allSatisfy(level ->
                assertThat(level.result().unmet()).as("at " + level.result().level()).isEmpty());
        assertThat(new ObjectMapper().readTree(runDir.resolve("analysis.json").toFile()).get("cassandra_version").asText())
                .isEqualTo(VERSION);
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("Cassandra " + VERSION);
        assertThat(Recheck.agreesWithAnalysis(runDir)).isEqualTo(levels.size());
    }
}
