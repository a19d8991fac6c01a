package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.report.TestRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theQuorumExampleIsLinearizable() {
        assertThat(run("check", "examples/histories/quorum-register.jsonl")).isZero();
        assertThat(out.toString()).contains("\"k1\"").contains("TOTAL").contains("linearizable");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theStaleReadExampleIsNotAndSaysWhyAsTheReportDoes() {
        assertThat(run("check", "examples/histories/stale-read-at-one.jsonl")).isEqualTo(1);
        assertThat(out.toString().lines().toList()).contains(
                "\"k1\"         5  NOT LINEARIZABLE",
                "\"k2\"         2  linearizable",
                "TOTAL        7  NOT LINEARIZABLE   (2 keys, " + elapsedMs() + " ms)",
                "Stale read on key \"k1\": op #10",
                "     ✗ #10 process 2: read k1 returned 1  14.0–15.1 ms",
                "  Concurrent with it: none");
        assertThat(unwrapped()).contains("op #10 returned 1, a value already overwritten by op #8, which finished "
                + "before the read began. No other op overlaps it in time");
    }

    @Test
    void threadsChangeNoVerdictAndABadCountIsRefused() {
        assertThat(run("check", "--threads", "1", "examples/histories/stale-read-at-one.jsonl")).isEqualTo(1);
        assertThat(run("check", "--threads", "3", "examples/histories/quorum-register.jsonl")).isZero();
        assertThat(run("check", "--threads", "0", "examples/histories/quorum-register.jsonl")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads 0 is not between 1 and 256");
    }

    /** The check's own time, as its TOTAL line gives it. */
    private String elapsedMs() {
        return out.toString().replaceAll("(?s).*TOTAL .*?(\\d+) ms\\).*", "$1");
    }

    /** The output with its line wrapping undone, so a sentence can be found whole. */
    private String unwrapped() {
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void theOpsConcurrentWithTheCulpritAreListedWithTheirTimes() {
        // a read of 1 after the write of 2 returned, while a write of 3 that never returned overlaps it
        List<Op> ops = List.of(
                new Op(0, Process.client(0), OpType.INVOKE, "write", "k", 1L, 1_000_000_000L),
                new Op(1, Process.client(0), OpType.OK, "write", "k", 1L, 2_000_000_000L),
                new Op(2, Process.client(1), OpType.INVOKE, "write", "k", 3L, 2_500_000_000L),
                new Op(3, Process.client(0), OpType.INVOKE, "write", "k", 2L, 3_000_000_000L),
                new Op(4, Process.client(0), OpType.OK, "write", "k", 2L, 4_000_000_000L),
                new Op(5, Process.client(2), OpType.INVOKE, "read", "k", null, 12_000_000_000L),
                new Op(6, Process.client(2), OpType.OK, "read", "k", 1L, 13_250_000_000L));
        Path file = dir.resolve("concurrent.jsonl");
        HistoryRecorder.write(new History(ops), file);
        assertThat(run("check", file.toString())).isEqualTo(1);
        assertThat(out.toString().lines().toList()).contains(
                "\"k\"          4  NOT LINEARIZABLE",
                "TOTAL        4  NOT LINEARIZABLE   (1 key, " + elapsedMs() + " ms)",
                "Stale read on key \"k\": op #5",
                "     ✗ #5 process 2: read k returned 1         11.000–12.250 s",
                "  Concurrent with it: 1 op",
                "       #2 process 1: write k 3, indeterminate  from 1.500 s, no reply");
        assertThat(unwrapped()).contains("op #5 returned 1, a value already overwritten by op #3, which finished "
                + "before the read began. Placing the 1 op concurrent with it first does not help either");
    }

    /**
     * A run's level history is told with the names its report.html gives, in the terminal and in check's own page: a
     * lesson's clients and steps, a scenario's client slots.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lesson", "scenario"})
    void aRunsHistoryNamesItsOpsAndProcessesAsTheRunsReportDoes(String kind) throws Exception {
        Path runDir = kind.equals("lesson") ? TestRuns.writeLessonRun(dir.resolve(kind)) : TestRuns.writeRun(dir.resolve(kind));
        Element anomaly = Jsoup.parse(runDir.resolve("report.html").toFile())
                .selectFirst("section.level[data-level=ONE] .anomaly[data-kind=stale-read]");
        Path page = dir.resolve(kind + ".html");

        assertThat(run("check", "--html", page.toString(), runDir.resolve("ONE/history.jsonl").toString())).isEqualTo(1);
        Element checked = Jsoup.parse(page.toFile()).selectFirst(".anomaly[data-kind=stale-read]");
        assertThat(checked.selectFirst(".unlinearizable").text()).isEqualTo(anomaly.selectFirst(".unlinearizable").text());
        assertThat(checked.select("ol.prefix li").eachText()).isEqualTo(anomaly.select("ol.prefix li").eachText());
        List<String> lines = out.toString().lines().map(String::strip).toList();
        String heading = anomaly.selectFirst("h4").text();
        assertThat(lines).anyMatch(line -> line.startsWith("Stale read on key ") && line.endsWith(heading.substring(heading.lastIndexOf(": "))));
        assertThat(lines).anyMatch(line -> line.startsWith("✗ " + anomaly.selectFirst(".unlinearizable").text() + "  "));
        for (String step : anomaly.select("ol.prefix li").eachText()) {
            String op = step.substring(0, step.indexOf(" → "));
            assertThat(lines).as(op).anyMatch(line -> line.matches("\\d+\\. " + Pattern.quote(op) + "  .*"));
        }
        assertThat(unwrapped()).contains(anomaly.selectFirst(".why").text().split("\\. ")[0]);
        assertThat(out.toString()).doesNotContain("process ");
        assertThat(err.toString()).isEmpty();
        if (kind.equals("lesson")) {
            assertThat(lines).contains("Stale read on key \"x\": step 5")
                    .anyMatch(line -> line.startsWith("1. #0 seed: write x 0  "))
                    .anyMatch(line -> line.startsWith("2. step 4 client a: write x 1  "))
                    .anyMatch(line -> line.startsWith("✗ step 5 client b: read x returned 0  "));
        }
    }

    @Test
    void aHistoryOutsideARunKeepsItsProcessIdsAndABrokenAnalysisBesideItIsAWarning() throws Exception {
        Path runDir = TestRuns.writeLessonRun(dir.resolve("lesson"));
        Files.writeString(runDir.resolve("analysis.json"), "{\"levels\": [");

        assertThat(run("check", runDir.resolve("ONE/history.jsonl").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("Stale read on key \"x\": op #6", "✗ #6 process 1: read x returned 0");
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("faultline check: warning: " + runDir.resolve("analysis.json"))
                .endsWith("; processes are named by their ids");
    }

    /** A small history has every key searched, so check counts the keys not linearizable as the run did. */
    @Test
    void aSmallHistoryHasEveryKeyCheckedWithoutAskingAndABigOneStopsAtTheFirstViolation() {
        List<Op> ops = new ArrayList<>();
        for (int key = 0; key < 8; key++) {
            ops.add(new Op(ops.size(), Process.client(0), OpType.INVOKE, "write", "k" + key, 1L, ops.size()));
            ops.add(new Op(ops.size(), Process.client(0), OpType.OK, "write", "k" + key, 1L, ops.size()));
            ops.add(new Op(ops.size(), Process.client(1), OpType.INVOKE, "read", "k" + key, null, ops.size()));
            ops.add(new Op(ops.size(), Process.client(1), OpType.OK, "read", "k" + key, key % 4 == 1 ? 2L : 1L, ops.size()));
        }
        Path file = dir.resolve("two-bad.jsonl");
        HistoryRecorder.write(new History(ops), file);
        assertThat(run("check", file.toString())).isEqualTo(1);
        assertThat(out.toString().lines().filter(line -> line.matches("\"k\\d\" +2  NOT LINEARIZABLE"))).hasSize(2);
        assertThat(out.toString()).doesNotContain("not finished");
    }

    @Test
    void keysNotListedOneByOneStillAddUpToTheTotal() {
        List<Op> ops = new ArrayList<>();
        for (int key = 0; key < 30; key++) {
            for (long value = 1; value <= key % 3 + 1; value++) {
                ops.add(new Op(ops.size(), Process.client(0), OpType.INVOKE, "write", "k" + key, value, ops.size()));
                ops.add(new Op(ops.size(), Process.client(0), OpType.OK, "write", "k" + key, value, ops.size()));
            }
        }
        ops.add(new Op(ops.size(), Process.client(1), OpType.INVOKE, "read", "k0", null, ops.size()));
        ops.add(new Op(ops.size(), Process.client(1), OpType.OK, "read", "k0", 7L, ops.size()));
        Path file = dir.resolve("many.jsonl");
        HistoryRecorder.write(new History(ops), file);
        assertThat(run("check", "--all-keys", file.toString())).isEqualTo(1);
        List<String> rows = out.toString().lines()
                .takeWhile(line -> !line.startsWith("TOTAL"))
                .filter(line -> line.matches("\\S.*\\s+\\d+  .*") && !line.contains(": "))
                .toList();
        assertThat(rows).hasSize(11).last().asString().startsWith("(20 more keys)").endsWith("all linearizable");
        int sum = rows.stream().mapToInt(row -> Integer.parseInt(row.replaceAll(".*?\\s(\\d+)  .*", "$1"))).sum();
        assertThat(out.toString().lines()).anySatisfy(line -> assertThat(line)
                .matches("TOTAL +" + sum + "  NOT LINEARIZABLE   \\(30 keys, \\d+ ms\\)"));
        assertThat(sum).isEqualTo(61);
    }

    @Test
    void aBadLineIsOneLineNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"index":0,"process":1,"type":"invoke","f":"read","key":"a"}
                {"index":1,"process":1,"type":"okay","f":"read","key":"a","value":1}
                {"index":2,"process":1,"type":"invoke","f":"read","key":"a"}
                """);
        assertThat(run("check", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("faultline check: " + file
                + ":2: field \"type\" is \"okay\"; allowed: \"invoke\", \"ok\", \"fail\", \"info\"" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** A counter run's history checks to what the run said: its total against its increments, not a model. */
    @Test
    void aCounterHistoryGetsTheCounterChecker() throws IOException {
        String adds = """
                {"index":0,"process":0,"type":"invoke","f":"add","key":"x","value":1,"time":1}
                {"index":1,"process":0,"type":"info","f":"add","key":"x","value":1,"error":"WriteTimeout","time":2}
                {"index":2,"process":1,"type":"invoke","f":"add","key":"x","value":1,"time":3}
                {"index":3,"process":1,"type":"ok","f":"add","key":"x","value":1,"time":4}
                {"index":4,"process":1,"type":"invoke","f":"read","key":"x","time":5}
                """;
        Path within = Files.writeString(dir.resolve("within.jsonl"), adds
                + "{\"index\":5,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":\"x\",\"value\":2,\"time\":6}\n");
        Path twice = Files.writeString(dir.resolve("twice.jsonl"), adds
                + "{\"index\":5,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":\"x\",\"value\":3,\"time\":6}\n");

        assertThat(run("check", within.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("checker counter").contains("read 2, within 1 to 2")
                .contains("valid: every total read within its increments (1 counter)");
        assertThat(run("check", "--model", "counter", twice.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("read 3, but every increment that may have happened adds up to only 2: 1 counted twice")
                .contains("INVALID: 1 read outside the increments, the first op #4 of counter \"x\": read 3, but every increment "
                        + "that may have happened adds up to only 2: 1 counted twice; final totals: 0 below the acknowledged "
                        + "increments, 1 above every possible one (1 counter)");
        assertThat(run("check", "examples/histories/retried-counter-add.jsonl")).as("a real run's, at ONE").isEqualTo(1);
        assertThat(out.toString()).contains("read 2, but every increment that may have happened adds up to only 1");
        assertThat(run("check", "--initial", "0", twice.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("the counter checker takes no --initial value");
    }

    /** The sequence writers' history checks to what their run said: each acknowledged number in its final read. */
    @Test
    void theSequenceWritersHistoryGetsTheLostWritesChecker() throws IOException {
        Path lost = Files.writeString(dir.resolve("sequences.jsonl"), """
                {"index":0,"process":0,"type":"invoke","f":"append","key":"w0","time":1}
                {"index":1,"process":0,"type":"ok","f":"append","key":"w0","value":1,"time":2}
                {"index":2,"process":0,"type":"invoke","f":"append","key":"w0","time":3}
                {"index":3,"process":0,"type":"ok","f":"append","key":"w0","value":2,"time":4}
                {"index":4,"process":1,"type":"invoke","f":"read-all","key":"w0","time":5}
                {"index":5,"process":1,"type":"ok","f":"read-all","key":"w0","value":[1],"time":6}
                """);
        assertThat(run("check", lost.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("checker lost-writes").contains("Lost write: op #2 wrote 2 to w0")
                .contains("INVALID: ");
        Path kept = Files.writeString(dir.resolve("kept.jsonl"), Files.readString(lost).replace("[1]", "[1, 2]"));
        assertThat(run("check", kept.toString())).isZero();
    }

    /** A set's history checks as its run did, by its final read; --model set asks for linearizability. */
    @Test
    void aSetsHistoryGetsTheLostWritesCheckerUnlessTheSetModelIsAskedFor() throws IOException {
        Path set = Files.writeString(dir.resolve("set.jsonl"), """
                {"index":0,"process":0,"type":"invoke","f":"add","value":1,"time":1}
                {"index":1,"process":0,"type":"ok","f":"add","value":1,"time":2}
                {"index":2,"process":0,"type":"invoke","f":"add","value":2,"time":3}
                {"index":3,"process":0,"type":"ok","f":"add","value":2,"time":4}
                {"index":4,"process":1,"type":"invoke","f":"read","time":5}
                {"index":5,"process":1,"type":"ok","f":"read","value":[1],"time":6}
                """);
        assertThat(run("check", set.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("checker lost-writes").contains("Lost write: op #2 wrote 2 and was acknowledged")
                .contains("INVALID: 1 lost, 0 unexpected, 0 applied though reported failed (final read: 1 ok, 0 recovered; "
                        + "0 stale reads; Jepsen's set-full timing)");
        assertThat(run("check", "--model", "set", set.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("model set").contains("NOT LINEARIZABLE");
    }

    @Test
    void otherBadInputIsExitTwoWithoutAStackTrace() throws IOException {
        assertThat(run("check", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(run("check", "--model", "queue", "examples/histories/quorum-register.jsonl")).isEqualTo(2);
        assertThat(run("check", "--format", "xml", "examples/histories/quorum-register.jsonl")).isEqualTo(2);
        assertThat(run("check", "--time-limit", "soon", "examples/histories/quorum-register.jsonl")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("missing.jsonl: no such file"))
                .anySatisfy(line -> assertThat(line).contains("--model queue is not one of"))
                .anySatisfy(line -> assertThat(line).contains("--format xml is not one of"))
                .anySatisfy(line -> assertThat(line).contains("'soon' is not a duration"))
                .noneSatisfy(line -> assertThat(line).contains("Exception"));
    }

    @Test
    void anEmptyHistoryIsLinearizableInEveryFormat() throws IOException {
        // Porcupine's test suite holds one empty log, etcd_095.log, and takes it as linearizable
        Path log = Files.createFile(dir.resolve("etcd_095.log"));
        Path edn = Files.createFile(dir.resolve("empty.edn"));
        Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n\n");
        Path unnamed = Files.createFile(dir.resolve("history"));
        assertThat(run("check", log.toString(), edn.toString(), blank.toString(), unnamed.toString())).isZero();
        assertThat(out.toString()).contains("etcd_095.log: 0 events, porcupine-etcd format, model register")
                .contains("empty.edn: 0 events, edn format, model cas-register")
                .containsPattern("TOTAL +0  linearizable")
                .contains("4 files: 4 linearizable, 0 NOT LINEARIZABLE, 0 unknown, 0 bad input");
        assertThat(err.toString()).isEmpty();
        assertThat(run("check", "--model", "counter", edn.toString())).isZero();
        assertThat(out.toString()).contains("valid:");
    }

    @Test
    void aBenchOverAFolderTellsAFileItCannotReadInOneLineAndGoesOn() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("histories"));
        Files.copy(Path.of("examples/histories/stale-read-at-one.jsonl"), folder.resolve("a-stale.jsonl"));
        Files.createFile(folder.resolve("b-empty.log"));
        Files.writeString(folder.resolve("c-bad.jsonl"), "{\"index\": 0, \"process\": 0}\n");
        Files.copy(Path.of("examples/histories/quorum-register.jsonl"), folder.resolve("d-good.jsonl"));
        assertThat(run("bench", "checker", "--only", "corpora", "--dir", folder.toString(), "--warm-passes", "1")).isZero();
        List<String> skipped = out.toString().lines().filter(line -> line.startsWith("skipped ")).toList();
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0)).contains("c-bad.jsonl:1");
        assertThat(out.toString()).containsPattern("histories +3 .* 1 not linearizable");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSearchOverItsTimeLimitIsUnknown() {
        Path file = hardHistory();
        assertThat(run("check", "--model", "kv", "--time-limit", "200ms", file.toString())).isEqualTo(3);
        assertThat(out.toString()).contains("unknown (time limit reached)");
    }

    /**
     * 40 concurrent appends, then a read of a string no order makes (one append twice): every order
     * must be tried.
     */
    private Path hardHistory() {
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            ops.add(new Op(ops.size(), Process.client(p), OpType.INVOKE, "append", "k", "a" + p, ops.size()));
        }
        for (int p = 0; p < 40; p++) {
            ops.add(new Op(ops.size(), Process.client(p), OpType.OK, "append", "k", "a" + p, ops.size()));
        }
        ops.add(new Op(ops.size(), Process.client(40), OpType.INVOKE, "get", "k", null, ops.size()));
        ops.add(new Op(ops.size(), Process.client(40), OpType.OK, "get", "k", "a0a0", ops.size()));
        Path file = dir.resolve("hard.jsonl");
        HistoryRecorder.write(new History(ops), file);
        return file;
    }

    @Test
    void manyFilesGetAVerdictEachAndTheWorstExitCode() {
        String good = "examples/histories/quorum-register.jsonl";
        String bad = "examples/histories/stale-read-at-one.jsonl";
        String missing = dir.resolve("missing.jsonl").toString();
        assertThat(run("check", good, good)).isZero();
        assertThat(out.toString()).contains("2 files: 2 linearizable, 0 NOT LINEARIZABLE, 0 unknown, 0 bad input");
        assertThat(run("check", good, missing)).isEqualTo(2);
        assertThat(run("check", missing, bad, good)).isEqualTo(1);
        assertThat(out.toString())
                .contains(bad + ": ")
                .contains("Stale read on key \"k1\": op #10")
                .contains("3 files: 1 linearizable, 1 NOT LINEARIZABLE, 0 unknown, 1 bad input");
        assertThat(err.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("missing.jsonl: no such file"));
        assertThat(run("check", "--model", "kv", "--time-limit", "100ms", hardHistory().toString(), good)).isEqualTo(3);
    }

    /** A bare history carries no replication factor and no expectations: the page claims neither. */
    @Test
    void theHtmlOfACheckedHistorySaysOnlyWhatTheHistorySays() throws IOException {
        Path out = dir.resolve("stale.html");
        assertThat(run("check", "--html", out.toString(), "examples/histories/stale-read-at-one.jsonl")).isEqualTo(1);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(Files.readString(out));
        assertThat(page.select("table.comparison th").eachText()).startsWith("history").doesNotContain("expectations", "level");
        assertThat(page.select("aside.explanation[data-kind=stale-read]").text())
                .contains("Each key lives on as many replicas as the replication factor (RF).")
                .contains("QUORUM + QUORUM always is, ONE + ONE is not once RF is more than 1.")
                .doesNotContain("replication factor of 2", "2 + 2");
    }

    @Test
    void htmlTakesOneFile() {
        String good = "examples/histories/quorum-register.jsonl";
        assertThat(run("check", "--html", dir.resolve("out.html").toString(), good, good)).isEqualTo(2);
        assertThat(err.toString()).contains("--html draws one history");
    }

    @Test
    void readsOtherFormatsByContent() throws IOException {
        Path file = dir.resolve("history.txt");
        Files.writeString(file, """
                INFO  jepsen.util - 0	:invoke	:write	1
                INFO  jepsen.util - 0	:ok	:write	1
                INFO  jepsen.util - 1	:invoke	:read	nil
                INFO  jepsen.util - 1	:ok	:read	1
                """);
        assertThat(run("check", file.toString())).isZero();
        assertThat(out.toString()).contains("porcupine-etcd format, model register");
    }
}
