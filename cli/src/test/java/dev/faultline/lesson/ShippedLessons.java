package dev.faultline.lesson;

import dev.faultline.cli.Recheck;
import dev.faultline.cluster.Cluster;
import dev.faultline.report.Platform;
import dev.faultline.report.RunFiles;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lessons the project ships, each run for real on a started cluster of the size it asks for: each op must come
 * to exactly what the lesson says, at every level, and the checkers must agree with its expect block. Runs land in
 * cli/target/lesson-runs/ with their reports.
 */
final class ShippedLessons {

    private ShippedLessons() {
    }

    static List<Lesson> all() {
        try (Stream<Path> list = Files.list(Path.of("test-scenarios", "lessons"))) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().map(LessonParser::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test per shipped lesson whose cluster has {@code cluster}'s size and replication factor. */
    static Stream<DynamicTest> on(Cluster cluster) {
        return all().stream()
                .filter(l -> l.cluster().nodes() == cluster.nodes().size()
                        && l.cluster().replicationFactor() == cluster.replicationFactor())
                .map(lesson -> DynamicTest.dynamicTest(lesson.name(), () -> {
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
