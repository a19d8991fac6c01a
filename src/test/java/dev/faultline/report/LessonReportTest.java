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
        assertThat(write.selectFirst("td[data-level=QUORUM]").text()).isEqualTo("ok ✗ expected unavailable");
        assertThat(write.selectFirst("td[data-level=QUORUM]").hasClass("unmet")).isTrue();
        Element read = page.select("#lesson tbody tr").get(4);
        assertThat(read.child(1).text()).isEqualTo("b: read x via n2");
        assertThat(read.selectFirst("td[data-level=ONE]").text()).isEqualTo("ok 0 ✓");
        assertThat(read.selectFirst("td[data-level=ONE]").hasClass("met")).isTrue();
        assertThat(read.selectFirst("td[data-level=QUORUM]").text()).isEqualTo("fail: Unavailable (1 of 2 replicas alive) ✓");
        assertThat(read.selectFirst("td[data-level=QUORUM]").hasClass("met")).isTrue();
        assertThat(page.select("#lesson td.plain")).as("steps with nothing expected").hasSize(2 * 4);
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
    void summaryAndRegeneratedReportCarryTheLesson() throws Exception {
        Path run = TestRuns.writeLessonRun(dir.resolve("lesson"));
        String written = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("report.html"));

        RunReport.regenerate(run, warning -> { });

        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(written);
        assertThat(Files.readString(run.resolve("summary.md")))
                .startsWith("# stale-read-at-one\n\n**Question.** n1 and n2 both hold x")
                .contains("| 4 | a: write x = 1 via n1 | ok ✓ | ok ✗ expected unavailable |")
                .contains("| 5 | b: read x via n2 | ok 0 ✓ | fail: Unavailable (1 of 2 replicas alive) ✓ |")
                .contains("| 1 | partition n1 \\| n2 | done in 0.002 s | done in 0.002 s |")
                .contains("**Answer.** At ONE, b reads 0");
    }
}
