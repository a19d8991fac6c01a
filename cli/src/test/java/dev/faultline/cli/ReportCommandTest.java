package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.report.TestRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultline report RUN_DIR} and {@code faultline check FILE --html OUT}, through the real command line. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int faultline(String... args) {
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void reportRedrawsARunFolder() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        Files.delete(run.resolve("report.html"));

        assertThat(faultline("report", run.toString())).as(err.toString()).isZero();

        Document page = Jsoup.parse(run.resolve("report.html").toFile());
        assertThat(page.select("table.comparison tbody tr")).hasSize(2);
        assertThat(page.select(".anomaly[data-kind=stale-read]")).hasSize(1);
    }

    @Test
    void reportOfAFolderThatIsNoRunIsBadInputAndWritesNothing() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("empty"));

        assertThat(faultline("report", notARun.toString())).isEqualTo(Faultline.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("analysis.json").contains("no such file").hasLineCount(1);
        assertThat(notARun.resolve("report.html")).doesNotExist();
    }

    @Test
    void reportNamingAnOpItsHistoryLacksIsBadInput() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        Files.delete(run.resolve("report.html"));
        Path analysis = run.resolve("analysis.json");
        Files.writeString(analysis, Files.readString(analysis).replaceFirst("\"invoke_index\" : \\d+", "\"invoke_index\" : 9999"));

        assertThat(faultline("report", run.toString())).isEqualTo(Faultline.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("invoke_index 9999").hasLineCount(1);
        assertThat(run.resolve("report.html")).doesNotExist();
    }

    @Test
    void checkDrawsAJepsenHistoryWithoutTimesOnTheEventIndex() throws Exception {
        Path history = dir.resolve("stale.edn");
        Files.writeString(history, """
                {:process 0, :type :invoke, :f :write, :value 1}
                {:process 0, :type :ok, :f :write, :value 1}
                {:process 0, :type :invoke, :f :write, :value 2}
                {:process 0, :type :ok, :f :write, :value 2}
                {:process 1, :type :invoke, :f :read, :value nil}
                {:process 1, :type :ok, :f :read, :value 1}
                """);
        Path html = dir.resolve("out.html");

        assertThat(faultline("check", history.toString(), "--html", html.toString())).isEqualTo(1);

        Document page = Jsoup.parse(html.toFile());
        assertThat(page.select(".anomaly").attr("data-invoke-index")).isEqualTo("4");
        assertThat(page.select(".anomaly ol.prefix li").eachAttr("data-invoke-index")).containsExactly("0", "2");
        assertThat(page.select("section.level p").first().text()).contains("the axis is the event index");
        assertThat(page.select("#latency")).as("no times, no latency").isEmpty();
    }
}
