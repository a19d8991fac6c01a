package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.history.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html says what analysis.json says: the same anomalies, every fault window, the same numbers. */
class ReportHtmlTest {

    @TempDir
    Path dir;

    @Test
    void aRunsReportShowsWhatItsAnalysisHolds() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        assertMatchesAnalysis(run);
    }

    @Test
    void faultlineReportRegeneratesTheSamePageFromTheRunFolder() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        String written = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("report.html"));

        RunReport.regenerate(run, warning -> { });

        assertMatchesAnalysis(run);
        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(written);
    }

    @Test
    void anomalyKindsAreExplainedWhereTheDataShowsThem() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        Element one = page.selectFirst("section.level[data-level=ONE]");
        assertThat(one.select(".anomaly[data-kind=stale-read] .explanation[data-kind=stale-read]")).hasSize(1);
        assertThat(one.select(".anomaly[data-kind=lost-write] .explanation[data-kind=lost-write]")).hasSize(1);
        assertThat(one.select(".explanation[data-kind=hinted-handoff]")).hasSize(1);
        assertThat(one.selectFirst(".anomaly[data-kind=stale-read] .why").text())
                .contains("register holds 2").contains("returned 1");
        // QUORUM refused ops during the partition and nothing was written: no hints to hand off.
        assertThat(page.select("#availability .note[data-level=QUORUM] .explanation[data-kind=unavailable]")).hasSize(1);
        assertThat(page.select("#availability .note[data-level=ONE]")).isEmpty();
        assertThat(page.select("section.level[data-level=QUORUM] .explanation[data-kind=hinted-handoff]")).isEmpty();
        assertThat(page.select("section.level[data-level=QUORUM] .anomaly")).isEmpty();
    }

    @Test
    void textFromTheHistoryIsEscapedNotMarkup() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        assertThat(page.select(".fault-band b")).isEmpty();
        assertThat(page.select(".fault-band text").eachText()).allMatch(t -> t.equals("partition: " + TestRuns.PARTITION));
        assertThat(page.select("script, link, img, [src]")).as("nothing loaded from anywhere").isEmpty();
    }

    @Test
    void largeHistoriesAreDrawnInWindowsAndStayLight() {
        History large = LevelReport.timed(TestRuns.large(100_000, 42));
        var check = dev.faultline.checker.LinearizabilityChecker.check(large, dev.faultline.model.RegisterModel.register(),
                dev.faultline.checker.Budget.defaults());
        String html = ReportHtml.page("large", "", null, List.of(new LevelReport("ONE", large, false,
                dev.faultline.checker.Availability.of(large), check, null, null, List.of())));

        Document page = Jsoup.parse(html);
        assertThat(page.select(".anomaly")).hasSize(1);
        assertThat(page.select(".overview .fault-band")).hasSize(2);
        assertThat(page.select("figure.window")).hasSizeBetween(1, 8);
        assertThat(page.select("g.op").size()).as("ops drawn one by one").isLessThan(1_000);
        assertThat(html.length()).as("page weight in bytes").isLessThan(600_000);
    }

    private static void assertMatchesAnalysis(Path run) throws Exception {
        JsonNode analysis = new ObjectMapper().readTree(run.resolve("analysis.json").toFile());
        Document page = Jsoup.parse(run.resolve("report.html").toFile());
        assertThat(analysis.get("levels")).hasSize(2);
        assertThat(analysis.get("cassandra_version").asText()).isEqualTo("5.0.6");

        Elements rows = page.select("table.comparison tbody tr");
        assertThat(rows.eachAttr("data-level")).containsExactly("ONE", "QUORUM");
        for (JsonNode level : analysis.get("levels")) {
            String name = level.get("level").asText();
            Element section = page.selectFirst("section.level[data-level=" + name + "]");

            Element row = page.selectFirst("table.comparison tr[data-level=" + name + "]");
            assertThat(row.select("td").eachText()).startsWith(name,
                    level.at("/ops/ok").asText(), level.at("/ops/fail").asText(), level.at("/ops/info").asText(),
                    percent(level.at("/outside_faults/percent_available")), percent(level.at("/inside_faults/percent_available")));
            assertThat(row.select("td").get(7).text()).isEqualTo(
                    level.get("linearizability").asText().equals("LINEARIZABLE") ? "yes" : "no");

            List<String> keysWithCounterexamples = new ArrayList<>();
            for (JsonNode key : level.get("keys")) {
                JsonNode why = key.get("counterexample");
                if (why == null) {
                    continue;
                }
                keysWithCounterexamples.add(key.get("key").asText());
                Element anomaly = section.selectFirst(".anomaly[data-key=" + key.get("key").asText() + "]");
                assertThat(anomaly).as("anomaly on key %s at %s", key.get("key"), name).isNotNull();
                assertThat(anomaly.attr("data-invoke-index")).isEqualTo(why.at("/unlinearizable/invoke_index").asText());
                assertThat(anomaly.select("ol.prefix li").eachAttr("data-invoke-index"))
                        .isEqualTo(indexes(why.get("longest_prefix"), "/op/invoke_index"));
                assertThat(anomaly.select("ul.concurrent li[data-invoke-index]").eachAttr("data-invoke-index"))
                        .isEqualTo(indexes(why.get("concurrent"), "/invoke_index"));
                assertThat(anomaly.select("svg g.op.highlighted").eachAttr("data-invoke-index"))
                        .containsExactly(why.at("/unlinearizable/invoke_index").asText());
            }
            assertThat(section.select(".anomaly[data-key]").eachAttr("data-key"))
                    .containsExactlyElementsOf(keysWithCounterexamples);

            List<String> lost = new ArrayList<>();
            level.path("lost_writes").forEach(v -> lost.add(v.asText()));
            assertThat(section.select("ul.lost li").eachAttr("data-value")).isEqualTo(lost);

            Elements bands = section.select("svg.overview g.fault-band");
            assertThat(level.get("fault_windows")).isNotEmpty();
            assertThat(bands).hasSameSizeAs(level.get("fault_windows"));
            // each window lies inside the ops' time span, so both its edges are drawn over the lanes
            assertThat(section.select("svg.overview line.fault-edge")).hasSize(2 * bands.size());
            int i = 0;
            for (JsonNode window : level.get("fault_windows")) {
                Element band = bands.get(i++);
                assertThat(band.attr("data-from-ns")).isEqualTo(window.get("from_ns").asText());
                assertThat(band.attr("data-to-ns")).isEqualTo(window.get("to_ns").asText());
                assertThat(band.selectFirst("text").text())
                        .isEqualTo(window.get("fault").asText() + ": " + window.get("description").asText());
            }
        }
    }

    private static List<String> indexes(JsonNode ops, String pointer) {
        List<String> out = new ArrayList<>();
        ops.forEach(op -> out.add(op.at(pointer).asText()));
        return out;
    }

    private static String percent(JsonNode value) {
        return String.format(Locale.ROOT, "%.1f%%", value.asDouble());
    }
}
