package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.JsonlHistory;
import dev.faultline.scenario.Consistency;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;


/**
 * report.html for a run folder: from the run's results as they are computed, or later from its
 * histories and analysis.json, whose counterexamples are mapped back onto the history's ops so the
 * page shows exactly what analysis.json says, without checking again. A run cut off before it wrote
 * analysis.json (killed, or its machine gone) still has the histories its levels recorded: the page
 * then draws those, unchecked, and says the run did not finish.
 */
public final class RunReport {

    public static final String FILE = "report.html";
    static final String UNFINISHED = "This run did not finish: it wrote no analysis.json, so its histories were never "
            + "checked. Below is what each level recorded until it stopped; faultline check LEVEL/history.jsonl checks one.";

    private RunReport() {
    }

    /**
     * Rebuilds the report of a run folder.
     *
     * @throws HistoryFormatException when analysis.json or a history is missing or malformed
     */
    public static Path regenerate(Path runDir, Consumer<String> warnings) {
        Path out = runDir.resolve(FILE);
        if (!Files.exists(runDir.resolve(Analysis.FILE), LinkOption.NOFOLLOW_LINKS)) {
            List<LevelReport> recorded = recorded(runDir, warnings);
            if (recorded.isEmpty()) {
                throw new HistoryFormatException(runDir.resolve(Analysis.FILE).toString(), 0,
                        "no such file, and no LEVEL/history.jsonl beside it: is this a run folder (results/<run>)?");
            }
            warnings.accept(runDir + ": no " + Analysis.FILE + ": the run did not finish; drawing its "
                    + recorded.size() + (recorded.size() == 1 ? " history" : " histories") + " unchecked");
            RunFiles.writeAtomically(out, ReportHtml.page(runDir.getFileName() + " (did not finish)", UNFINISHED,
                    RunSetup.UNKNOWN, Platform.UNKNOWN, null, recorded));
            return out;
        }
        Analysis.Read read = Analysis.read(runDir, warnings);
        List<LevelReport> levels = read.levels().stream().map(l -> LevelReport.of(l.result(), l.history())).toList();
        Analysis analysis = read.analysis();
        RunFiles.writeAtomically(out, ReportHtml.page(analysis.scenario(), analysis.description(), analysis.setup(),
                analysis.platform(), analysis.lesson(), levels));
        return out;
    }

    /** Each level's history a run left in its folder (LEVEL/history.jsonl), in the order of the levels. */
    private static List<LevelReport> recorded(Path runDir, Consumer<String> warnings) {
        List<LevelReport> levels = new ArrayList<>();
        for (Consistency level : Consistency.values()) {
            Path file = runDir.resolve(level.name()).resolve("history.jsonl");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            History history = JsonlHistory.read(file, warnings);
            Availability availability;
            try {
                availability = Availability.of(history);
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(file.toString(), 0, e.getMessage());
            }
            levels.add(new LevelReport(level.name(), history, false, availability, List.of(), List.of()));
        }
        return levels;
    }
}
