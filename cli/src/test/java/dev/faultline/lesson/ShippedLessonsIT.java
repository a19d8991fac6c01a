package dev.faultline.lesson;

import dev.faultline.cli.Recheck;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.junit.CassandraCluster;
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
 * Every lesson the project ships, run for real on a two-node cluster of its own: each op must come to
 * exactly what the lesson says, at every level, and the checker must agree with its expect block.
 * Runs land in cli/target/lesson-runs/ with their reports.
 */
@CassandraCluster(nodes = 2, replicationFactor = 2, fresh = true)
class ShippedLessonsIT {

    LocalCluster cluster;

    @TestFactory
    Stream<DynamicTest> everyShippedLessonGivesItsAnswer() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("test-scenarios", "lessons"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Lesson lesson = LessonParser.parse(file);
            assertThat(lesson.cluster().nodes()).as("the cluster's size").isEqualTo(2);
            Path runDir = Path.of("cli", "target", "lesson-runs", lesson.name());
            List<LessonLevel> levels = new LessonRunner(cluster, System.out::println).run(lesson, runDir);
            RunFiles.write(runDir, lesson, Platform.of(cluster), levels);
            assertThat(levels).hasSize(lesson.levels().size());
            assertThat(levels).allSatisfy(level -> {
                assertThat(level.steps()).hasSize(lesson.steps().size());
                assertThat(level.result().unmet()).as(lesson.name() + " at " + level.result().level()).isEmpty();
            });
            assertThat(Files.readString(runDir.resolve("report.html"))).contains("The answer");
            assertThat(Recheck.agreesWithAnalysis(runDir)).isEqualTo(levels.size());
        }));
    }
}
