package dev.faultline.lesson;

import dev.faultline.scenario.LevelResult;

import java.util.List;

/** A lesson's run at one consistency level: the history's analysis, as for scenarios, and each step's outcome. */
public record LessonLevel(LevelResult result, List<StepResult> steps) {

    public boolean held() {
        return result.expectationsHeld();
    }
}
