package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's report asks its question, shows each step per level against what was expected, and answers. */
class LessonReportTest {

    @TempDir
    Path dir;

    @Test
    void theReportShowsQuestionStepsPerLevelAndAnswer() throws Exception {
        Path run = TestRuns.writeLessonRun(dir.resolve("lesson"));
        Document page = Jsoup.parse(run.resolve("report.html").toFile());
        JsonNode lesson = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).get("lesson");

        assertThat(page.selectFirst("#lesson .question").text()).isEqualTo(lesson.get("question").asText())
                .startsWith("n1 and n2 both hold x");
        assertThat(page.selectFirst("#lesson .answer").text()).isEqualTo(lesson.get("answer").asText())
                .contains("R + W = 2 is not more than RF = 2");
        assertThat(page.select("#lesson thead th").eachText()).containsExactly("#", "step", "ONE", "QUORUM");
        assertThat(page.select("#lesson tbody tr")).hasSize(lesson.get("rows").size()).hasSize(6);
        Element write = page.select("#lesson tbody tr").get(3);
        assertThat(write.selectFirst("td[data-level=QUORUM]").text()).isEqualTo("ok 1 ✗ expected unavailable");
        assertThat(write.selectFirst("td[data-level=QUORUM]").hasClass("unmet")).isTrue();
        Element read = page.select("#lesson tbody tr").get(4);
        assertThat(read.child(1).text()).isEqualTo("b: read x via n2");
        assertThat(read.selectFirst("td[data-level=ONE]").text()).isEqualTo("ok 0 ✓");
        assertThat(read.selectFirst("td[data-level=ONE]").hasClass("met")).isTrue();
        assertThat(read.selectFirst("td[data-level=QUORUM]").text()).isEqualTo("fail: Unavailable (1 of 2 replicas alive) ✓");
        assertThat(read.selectFirst("td[data-level=QUORUM]").hasClass("met")).isTrue();
        assertThat(page.select("#lesson td.plain")).as("steps with nothing expected").hasSize(2 * 4);
        assertThat(page.select("#lesson tbody tr").get(1).child(1).text()).isEqualTo("wait until n1 sees n2 down");
        assertThat(page.selectFirst("#lesson .note").text()).as("what the waits for a conviction are")
                .contains("about 7 s on Faultline's clusters", "Cassandra's default").contains("18 s");
        // the rest of the report is a scenario's: the comparison, the timeline, the anomaly explained
        assertThat(page.select("#comparison tr[data-level=QUORUM]").text()).contains("NOT MET: step 4 expected unavailable");
        assertThat(page.select("section.level[data-level=ONE] .anomaly[data-kind=stale-read]")).hasSize(1);
    }

    @Test
    void theReportNamesTheLessonsClientsAndSteps() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeLessonRun(dir.resolve("lesson")).resolve("report.html").toFile());
        Element anomaly = page.selectFirst("section.level[data-level=ONE] .anomaly[data-kind=stale-read]");

        assertThat(anomaly.selectFirst("h4").text()).isEqualTo("Stale read on key x: step 5");
        assertThat(anomaly.select("svg.ops text.lane").eachText()).containsExactly("client a", "client b", "seed");
        assertThat(anomaly.select("ol.prefix li").eachText()).contains("step 4 client a: write x 1 → 1");
        assertThat(anomaly.selectFirst(".unlinearizable").text()).isEqualTo("step 5 client b: read x returned 0");
        assertThat(anomaly.selectFirst(".why").text()).contains("step 5 returned 0");
        assertThat(page.select("section.level svg text.lane").eachText()).noneMatch(l -> l.matches("p \\d+"));
    }

    @Test
    void eachLevelIsDrawnAroundTheLessonsStepsWithTheWaitsCutShort() throws Exception {
        Path run = TestRuns.writeLessonRun(dir.resolve("lesson"));
        Document page = Jsoup.parse(run.resolve("report.html").toFile());
        JsonNode lesson = new ObjectMapper().readTree(run.resolve("analysis.json").toFile()).get("lesson");

        for (String level : new String[] {"ONE", "QUORUM"}) {
            Element section = page.selectFirst("section.level[data-level=" + level + "]");
            Element timeline = section.selectFirst("svg.lesson-timeline");
            assertThat(timeline).as("%s's steps", level).isNotNull();
            assertThat(section.select("svg.overview, figure.window")).as("no overview of a run that is all waiting").isEmpty();
            assertThat(timeline.select("g.step").eachAttr("data-step")).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(timeline.selectFirst("g.step[data-step=2] title").text()).startsWith("2. wait until n1 sees n2 down: done in");
            // the two waits (steps 2 and 3, from the end of step 1 to the write) are one cut, marked with its length
            Element cut = timeline.selectFirst("g.cut");
            assertThat(timeline.select("g.cut")).hasSize(1);
            long cutFrom = Long.parseLong(cut.attr("data-from-ns"));
            long cutTo = Long.parseLong(cut.attr("data-to-ns"));
            assertThat(cutFrom).isLessThanOrEqualTo(lesson.at("/rows/1/cells/0/start_ns").asLong());
            assertThat(cutTo).isGreaterThanOrEqualTo(lesson.at("/rows/2/cells/0/end_ns").asLong());
            assertThat(cut.selectFirst("text").text()).isEqualTo("21.1 s");
            // the ops get the width: the write and the read, 8 ms apart in a 21 s level, are drawn far apart
            double write = x(timeline.selectFirst("g.op[data-invoke-index=4] rect"));
            double read = x(timeline.selectFirst("g.op[data-invoke-index=6] rect"));
            assertThat(read - write).isGreaterThan(150);
            assertThat(timeline.select("g.op text").eachText()).contains("4. w 1").anyMatch(t -> t.startsWith("5. r "));
        }
        assertThat(page.select("h3:contains(Close-ups)")).isEmpty();
    }

    @Test
    void theLatencyChartShowsEachStepsOpAtEachLevel() throws Exception {
        Document page = Jsoup.parse(TestRuns.writeLessonRun(dir.resolve("lesson")).resolve("report.html").toFile());

        assertThat(page.selectFirst("#latency h2").text()).isEqualTo("Latency of each step's op");
        assertThat(page.select("#latency svg > text").eachText()).containsExactly("4. a: write x = 1 via n1", "5. b: read x via n2");
        assertThat(page.select("#latency g.step-latency text").eachText()).containsExactly("ONE 3.0 ms, ok", "QUORUM 3.0 ms, ok",
                "ONE 2.0 ms, ok", "QUORUM 1.0 ms, fail: Unavailable (1 of 2 replicas alive)");
    }

    private static double x(Element rect) {
        return Double.parseDouble(rect.attr("x"));
    }

    @Test
    void summaryAndRegeneratedReportCarryTheLesson() throws Exception {
        Path run = TestRuns.writeLessonRun(dir.resolve("lesson"));
        String written = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("report.html"));

        RunReport.regenerate(run, warning -> { });

        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(written);
        assertThat(Files.readString(run.resolve("summary.md")))
                .startsWith("# stale-read-at-one\n\n**Question.** n1 and n2 both hold x")
                .contains("| 4 | a: write x = 1 via n1 | ok 1 ✓ | ok 1 ✗ expected unavailable |")
                .contains("| 5 | b: read x via n2 | ok 0 ✓ | fail: Unavailable (1 of 2 replicas alive) ✓ |")
                .contains("| 1 | partition n1 \\| n2 | done in 0.001 s | done in 0.001 s |")
                .contains("**Answer.** At ONE, b reads 0");
    }
}
