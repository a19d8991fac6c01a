package dev.faultline.report;

import dev.faultline.history.HistoryFormatException;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;


/**
 * report.html for a run folder: from the run's results as they are computed, or later from its
 * histories and analysis.json, whose counterexamples are mapped back onto the history's ops so the
 * page shows exactly what analysis.json says, without checking again.
 */
public final class RunReport {

    public static final String FILE = "report.html";

    private RunReport() {
    }

    /**
     * Rebuilds the report of a run folder.
     *
     * @throws HistoryFormatException when analysis.json or a history is missing or malformed
     */
    public static Path regenerate(Path runDir, Consumer<String> warnings) {
        Analysis.Read read = Analysis.read(runDir, warnings);
        List<LevelReport> levels = read.levels().stream().map(l -> LevelReport.of(l.result(), l.history())).toList();
        Analysis analysis = read.analysis();
        Path out = runDir.resolve(FILE);
        RunFiles.writeAtomically(out, ReportHtml.page(analysis.scenario(), analysis.description(), analysis.setup(),
                analysis.platform(), analysis.lesson(), levels));
        return out;
    }
}
