package dev.faultline.lesson;

import dev.faultline.scenario.ScenarioException;
import dev.faultline.scenario.ScenarioParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads lesson YAML with the scenario parser's strictness and {@code file:line} errors. */
public final class LessonParser {

    /** The lessons packaged with Faultline, in the order a course takes them. */
    public static final List<String> SHIPPED = List.of("stale-read-at-one", "quorum-needs-both-replicas",
            "lost-update-clock-skew", "hinted-handoff", "read-repair", "lwt-under-partition",
            "read-your-writes-at-one", "retried-counter-add");

    private LessonParser() {
    }

    public static Lesson parse(Path file) {
        return parse(file, ScenarioParser.text(file));
    }

    public static Lesson parse(Path file, String yaml) {
        Lesson lesson = ScenarioParser.read(file, yaml, Lesson.class);
        if (lesson == null) {
            throw new ScenarioException(file, 0, 0, "the file is empty; a lesson needs name, question, answer, levels and steps");
        }
        return lesson;
    }

    /**
     * One of the lessons Faultline ships (test-scenarios/lessons/, packaged in the jar), by name:
     * {@code stale-read-at-one}, {@code quorum-needs-both-replicas}, {@code lost-update-clock-skew},
     * {@code hinted-handoff}, {@code read-repair}, {@code lwt-under-partition}, {@code read-your-writes-at-one},
     * {@code retried-counter-add}.
     */
    public static Lesson shipped(String name) {
        String resource = "/dev/faultline/lessons/" + name + ".yaml";
        try (InputStream in = LessonParser.class.getResourceAsStream(resource)) {
            if (in == null || !name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("no shipped lesson named '" + name + "'; allowed: " + String.join(", ", SHIPPED));
            }
            return parse(Path.of("lessons", name + ".yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped lesson " + resource, e);
        }
    }

    /** Whether a scenario file holds a lesson (it has {@code steps}) rather than a scenario. */
    public static boolean isLesson(String yaml) {
        return yaml.lines().anyMatch(line -> line.startsWith("steps:"));
    }
}
