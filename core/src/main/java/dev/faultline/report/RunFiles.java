package dev.faultline.report;

import dev.faultline.history.EdnHistory;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.Scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a run leaves beside its histories: analysis.json (everything, for tools and the HTML
 * report), summary.md (the comparison table a person reads first), report.html (drawn and explained),
 * and each history as Jepsen EDN so Knossos and Elle can check it too.
 */
public final class RunFiles {

    private RunFiles() {
    }

    public static void write(Path runDir, Scenario scenario, long seed, Platform platform, List<LevelResult> levels) {
        write(runDir, scenario.name(), scenario.description(), seed, scenario.duration(),
                new RunSetup(scenario.workload().concurrency(), scenario.cluster().replicationFactor()), platform, levels);
    }

    /** A run of clients under faults, a scenario's or a team's own test's, by its name and description. */
    public static void write(Path runDir, String name, String description, long seed, Duration duration, RunSetup setup,
                             Platform platform, List<LevelResult> levels) {
        write(runDir, new Analysis(name, description, seed, platform, duration.toMillis(), setup, null, levels),
                Summary.markdown(name, description, seed, duration, levels));
    }

    /** A lesson's run: as a scenario's, plus the question, each step's outcome per level, and the answer. */
    public static void write(Path runDir, Lesson lesson, Platform platform, List<LessonLevel> levels) {
        LessonView view = LessonView.of(lesson, levels);
        List<LevelResult> results = levels.stream().map(LessonLevel::result).toList();
        // a lesson numbers its processes in order of use, not by slot: its report names them from the steps
        RunSetup setup = new RunSetup(null, lesson.cluster().replicationFactor());
        write(runDir, new Analysis(lesson.name(), view.question(), null, platform, null, setup, view, results),
                Summary.markdown(lesson.name(), view, results));
    }

    private static void write(Path runDir, Analysis analysis, String summary) {
        List<LevelReport> reports = new ArrayList<>();
        for (LevelResult level : analysis.levels()) {
            History history = JsonlHistory.read(level.history(), w -> { });
            EdnHistory.write(history, level.history().resolveSibling("history.edn"));
            reports.add(LevelReport.of(level, history));
        }
        writeAtomically(runDir.resolve(Analysis.FILE), analysis.json(runDir));
        writeAtomically(runDir.resolve("summary.md"), summary);
        writeAtomically(runDir.resolve(RunReport.FILE), ReportHtml.page(analysis.scenario(), analysis.description(),
                analysis.setup(), analysis.platform(), analysis.lesson(), reports));
    }

    /** Write then rename, so a reader never sees half a file; a symlink in the run folder is refused, never followed. */
    static void writeAtomically(Path file, String text) {
        OutputFile.writeInFolder(file, text);
    }
}
