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
import dev.faultline.scenario.ScenarioParser;
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
    void theReportSaysWhatTheNumbersWereMeasuredOn() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());
        int clients = ScenarioParser.parse(Path.of("test-scenarios/partition-one-vs-quorum.yaml")).workload().concurrency();

        assertThat(page.select("p.platform").text())
                .isEqualTo("Cassandra 5.0.6 on test, replication factor 2, " + clients + " clients");
        assertThat(Jsoup.parse(ReportHtml.page("checked", "", RunSetup.UNKNOWN, Platform.UNKNOWN, null, List.of()))
                .select("p.platform")).isEmpty();
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
        // the run's replication factor (the scenario's 2), where a bare history gets no number
        assertThat(one.selectFirst(".explanation[data-kind=stale-read]").text())
                .contains("With a replication factor of 2 each key lives on two replicas.", "QUORUM + QUORUM is 2 + 2 > 2");
        assertThat(page.select("#availability .note[data-level=QUORUM] .explanation[data-kind=unavailable]")).hasSize(1);
        assertThat(page.select("#availability .note[data-level=ONE]")).isEmpty();
        // QUORUM wrote k2 during the partition, but at RF=2 it needs both replicas: nothing missed it, no hints
        assertThat(page.select("section.level[data-level=QUORUM] .explanation[data-kind=hinted-handoff]")).isEmpty();
        assertThat(page.select("section.level[data-level=QUORUM] .anomaly")).isEmpty();
    }

    @Test
    void theLegendSaysWhyTheHistoryNamesMoreProcessesThanTheRunHadClients() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());
        Element one = page.selectFirst("section.level[data-level=ONE]");

        assertThat(one.selectFirst("p.counts").text())
                .isEqualTo("10 ops: 8 by 8 clients under 4 process ids, 2 by the harness (seeding writes, final reads); 1 fault window.");
        assertThat(one.selectFirst(".legend.processes").text()).isEqualTo("8 clients, one lane each; 4 process ids: a client "
                + "continues under a new id after an op that timed out (indeterminate: it may still take effect, so its process stays open).");
        // the overview keeps client 2 on one lane through ids 2 and 10; a close-up gives the open id a lane of its own
        assertThat(one.select("svg.overview text.lane").eachText()).containsExactly("client 0", "client 1", "client 2", "seed");
        assertThat(one.select("figure.window svg.ops text.lane").eachText()).contains("client 2", "client 2 · id 10");
        assertThat(one.select("svg.ops g.op title").eachText()).anyMatch(t -> t.endsWith(" client 2 · id 10: read k2 returned 5"));
    }

    @Test
    void aCloseUpShowsTheTransitionsItIsNamedFor() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        Elements closeUps = page.select("figure.window");
        assertThat(closeUps).isNotEmpty();
        for (Element closeUp : closeUps) {
            String caption = closeUp.selectFirst("figcaption").text();
            Elements edges = closeUp.select("line.fault-edge");
            if (caption.contains("partition starts")) {
                assertThat(edges).as(caption).isNotEmpty();
            }
            if (caption.contains("partition starts") && caption.contains("partition heals")) {
                assertThat(edges).as(caption).hasSize(2);
            }
        }
        assertThat(closeUps.select("figcaption").eachText()).as("in time order")
                .contains("partition starts; anomaly on key k1; partition heals", "partition starts; partition heals");
    }

    @Test
    void theLatencyChartShowsEachLevelsFaultWindows() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        JsonNode analysis = new ObjectMapper().readTree(run.resolve("analysis.json").toFile());
        Document page = Jsoup.parse(run.resolve("report.html").toFile());

        for (JsonNode level : analysis.get("levels")) {
            String name = level.get("level").asText();
            Elements bands = page.select("svg.latency g.fault-band[data-level=" + name + "]");
            assertThat(bands).hasSameSizeAs(level.get("fault_windows"));
            JsonNode window = level.get("fault_windows").get(0);
            assertThat(bands.get(0).attr("data-from-ns")).isEqualTo(window.get("from_ns").asText());
            assertThat(bands.get(0).attr("data-to-ns")).isEqualTo(window.get("to_ns").asText());
            assertThat(Double.parseDouble(bands.get(0).selectFirst("rect").attr("width"))).as("a band, not a line").isGreaterThan(100);
            assertThat(page.select("svg.latency circle.p50[data-level=" + name + "]")).as("a dot per measured bucket").isNotEmpty();
        }
    }

    @Test
    void aFailedReadIsDrawnAsAFailureNotAsAReadOfNil() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        Elements failedReads = page.select("section.level[data-level=QUORUM] svg.ops g.op.fail")
                .select("g:has(title:contains(read k1 failed))");
        assertThat(failedReads).as("the refused read and the timed-out read").isNotEmpty();
        assertThat(failedReads.select("title").eachText()).anyMatch(t -> t.endsWith("read k1 failed: ReadTimeout (1 of 2 replies)"))
                .anyMatch(t -> t.endsWith("read k1 failed: Unavailable (1 of 2 replicas alive)"));
        assertThat(failedReads.select("text").eachText()).as("labels of the bars wide enough for one").isNotEmpty()
                .containsOnly("r ✗");
        assertThat(page.select("g.op:not(.ok) text, g.op:not(.ok) title").eachText()).noneMatch(t -> t.contains("nil"));
        assertThat(page.select("g.op.ok text").eachText()).as("a read that did return shows its value").contains("r 0");
    }

    @Test
    void ticksSitAtRoundStepsAndEachSaysItsUnit() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        Elements axes = page.select("svg.overview g.axis, svg.ops g.axis, svg.latency g.axis");
        assertThat(axes).hasSizeGreaterThan(4);
        for (Element axis : axes) {
            List<String> labels = axis.select("text").eachText();
            assertThat(labels).hasSizeGreaterThan(2).allMatch(l -> l.matches("\\d+(\\.\\d+)? (s|ms|µs)"), "a number and its unit");
            // the x axis: ticks evenly spaced by 1, 2 or 5 × 10^n; the latency chart's y axis likewise
            List<Double> xs = axis.select("text[text-anchor=middle]").stream()
                    .map(t -> Double.parseDouble(t.text().split(" ")[0])).toList();
            assertThat(xs).hasSizeGreaterThan(2);
            double step = xs.get(1) - xs.get(0);
            for (int i = 1; i < xs.size(); i++) {
                assertThat(xs.get(i) - xs.get(i - 1)).isCloseTo(step, org.assertj.core.data.Offset.offset(step * 1e-6));
            }
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertThat(mantissa).satisfiesAnyOf(m -> assertThat(m).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6)),
                    m -> assertThat(m).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-6)),
                    m -> assertThat(m).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-6)));
        }
    }

    @Test
    void textFromTheHistoryIsEscapedNotMarkup() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeRun(dir.resolve("run")).resolve("report.html").toFile());

        assertThat(page.select(".fault-band b")).isEmpty();
        assertThat(page.select(".fault-band text").eachText()).allMatch(t -> t.endsWith("partition: " + TestRuns.PARTITION));
        assertThat(page.select("script, link, img, [src]")).as("nothing loaded from anywhere").isEmpty();
    }

    @Test
    void largeHistoriesAreDrawnInWindowsAndStayLight() {
        History large = LevelReport.timed(TestRuns.large(100_000, 42));
        var check = dev.faultline.checker.LinearizabilityChecker.check(large, dev.faultline.model.RegisterModel.register(),
                dev.faultline.checker.Budget.defaults());
        String html = ReportHtml.page("large", "", new RunSetup(8, 2), Platform.UNKNOWN, null, List.of(new LevelReport("ONE", large, false,
                dev.faultline.checker.Availability.of(large), List.of(dev.faultline.checker.LinearizabilityResult.of(check, large)), List.of())));

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
            JsonNode linearizability = check(level, "linearizability");
            assertThat(row.select("td").get(7).text()).isEqualTo(
                    linearizability.get("verdict").asText().equals("LINEARIZABLE") ? "yes" : "no");
            assertThat(section.select("ul.checks li").eachAttr("data-checker")).containsExactlyElementsOf(
                    level.get("checks").findValuesAsText("checker"));

            List<String> keysWithCounterexamples = new ArrayList<>();
            for (JsonNode key : linearizability.get("keys")) {
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
            JsonNode lostWrites = check(level, "lost-writes");
            if (lostWrites != null) {
                lostWrites.path("lost").forEach(v -> lost.add(v.asText()));
            }
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

    /** The result of checker {@code name} in an analysis.json level, or null. */
    private static JsonNode check(JsonNode level, String name) {
        for (JsonNode check : level.get("checks")) {
            if (check.get("checker").asText().equals(name)) {
                return check;
            }
        }
        return null;
    }
}
