package dev.faultline.cli;

import dev.faultline.history.Echo;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.report.RunReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline report RUN_DIR}: draws report.html again from a run's histories and analysis.json. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Regenerates RUN_DIR/report.html from the run's histories and analysis.json (for a run that was cut off, "
                    + "from its histories alone). A symlink at RUN_DIR/report.html is refused, never written through.",
            "Exit codes: 0 written, 2 bad input."
        })
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder, e.g. results/partition-one-vs-quorum-20260101-120000")
    Path runDir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.isDirectory(runDir)) {
                throw new HistoryFormatException(runDir.toString(), 0, "no such folder");
            }
            Path written = RunReport.regenerate(runDir, warning -> err.println("faultline report: warning: " + warning));
            spec.commandLine().getOut().println("wrote " + written);
            return 0;
        } catch (HistoryFormatException e) {
            err.println("faultline report: " + e.getMessage());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println(Echo.line("faultline report: " + runDir + ": " + e.getMessage()));
        }
        return Faultline.EXIT_BAD_INPUT;
    }
}
