package dev.faultline.lesson;

import dev.faultline.scenario.ScenarioException;
import dev.faultline.scenario.ScenarioParser;

import java.nio.file.Path;

/** Reads lesson YAML with the scenario parser's strictness and {@code file:line} errors. */
public final class LessonParser {

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

    /** Whether a scenario file holds a lesson (it has {@code steps}) rather than a scenario. */
    public static boolean isLesson(String yaml) {
        return yaml.lines().anyMatch(line -> line.startsWith("steps:"));
    }
}
