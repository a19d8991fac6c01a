package dev.faultline.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.lesson.Step;
import dev.faultline.lesson.StepResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A lesson as its report shows it: the question, each step's outcome per level next to what was
 * expected, and the answer. Kept in analysis.json, so `faultline report` redraws it.
 */
public record LessonView(String question, String answer, List<String> levels, List<Row> rows) {

    /**
     * One step; {@code cells} follow {@code levels}.
     *
     * @param client the client an op step names, null for any other step
     */
    public record Row(String step, String client, List<Cell> cells) {
    }

    /**
     * @param expected null when the lesson expects nothing of this step at this level
     * @param startNs  when the step began on the level's history clock; null in a run folder of an older release
     * @param endNs    when it ended, likewise
     * @param ops      the invoke index of each op the step made, likewise null there
     */
    public record Cell(String outcome, String expected, boolean met, @JsonProperty("start_ns") Long startNs,
                       @JsonProperty("end_ns") Long endNs, List<Long> ops) {
    }

    public static LessonView of(Lesson lesson, List<LessonLevel> levels) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            List<Cell> cells = new ArrayList<>();
            String step = lesson.steps().get(i).describe();
            String client = lesson.steps().get(i) instanceof Step.Op op ? op.client() : null;
            for (LessonLevel level : levels) {
                if (i < level.steps().size()) {
                    StepResult r = level.steps().get(i);
                    step = r.step();
                    cells.add(new Cell(r.outcome(), r.expected() == null ? null : r.expected().toString(), r.met(),
                            r.startNs(), r.endNs(), r.ops()));
                } else {
                    cells.add(new Cell("not run", null, false, null, null, List.of()));
                }
            }
            rows.add(new Row(step, client, cells));
        }
        return new LessonView(lesson.question().strip(), lesson.answer().strip(),
                levels.stream().map(l -> l.result().level().name()).toList(), rows);
    }

    /** The steps as a Markdown table, for summary.md and the terminal. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| # | step |");
        levels.forEach(l -> out.append(' ').append(l).append(" |"));
        out.append("\n|---:|---|").append("---|".repeat(levels.size())).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            out.append("| ").append(i + 1).append(" | ").append(escaped(row.step())).append(" |");
            for (Cell c : row.cells()) {
                out.append(' ').append(escaped(cell(c))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A pipe inside a cell, as in {@code partition n1 | n2}, would end the cell. */
    private static String escaped(String text) {
        return text.replace("|", "\\|");
    }

    static String cell(Cell c) {
        String text = c.outcome();
        return c.expected() == null ? text : c.met() ? text + " ✓" : text + " ✗ expected " + c.expected();
    }
}
