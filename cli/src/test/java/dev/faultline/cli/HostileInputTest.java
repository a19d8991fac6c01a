package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.report.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases measured in issue 14, each held to the one-line contract of {@link Contract}. */
class HostileInputTest {

    private static final Set<Integer> REFUSED = Set.of(Faultline.EXIT_BAD_INPUT);

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private String bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content).toString();
    }

    private static String jsonl(int ops) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ops; i++) {
            out.append("{\"index\":").append(i).append(",\"process\":1,\"type\":\"").append(i % 2 == 0 ? "invoke" : "ok")
                    .append("\",\"f\":\"write\",\"key\":\"a\",\"value\":").append(i / 2).append("}\n");
        }
        return out.toString();
    }

    // --- faultline check ---------------------------------------------------------------------

    @Test
    void fiveThousandNestedBracketsAreRefusedAtTheirLineNotAStackOverflow() throws IOException {
        String deep = file("deep.edn", "[{:type :invoke, :f :read, :process 0}\n " + "[".repeat(5000) + "]");
        var outcome = Contract.holds(REFUSED, "check", deep);
        assertThat(outcome.err()).contains(deep + ":2:").contains("nested more than 100 deep");
    }

    @Test
    void aMegabyteIntegerIsRefusedFast() throws IOException {
        for (int megabytes : List.of(1, 4)) {
            String huge = file("huge-" + megabytes + ".edn",
                    "[{:type :invoke, :f :write, :process 0, :value " + "7".repeat(megabytes << 20) + "}]");
            var outcome = Contract.holds(REFUSED, "check", huge);
            assertThat(outcome.err()).contains(":1:").contains("more than 100 digits");
            assertThat(outcome.took()).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aSetAddOfNilIsBadInputNotANullPointer() throws IOException {
        String set = file("set.jsonl", """
                {"index":0,"process":1,"type":"invoke","f":"add","value":null}
                {"index":1,"process":1,"type":"ok","f":"add","value":null}
                {"index":2,"process":1,"type":"invoke","f":"read"}
                {"index":3,"process":1,"type":"ok","f":"read","value":[]}
                """);
        assertThat(Contract.holds(REFUSED, "check", "--model", "set", set).err()).contains(set + ":1: a set add needs an element, got nil");
    }

    /** Found by InputFuzzTest: a lone invocation leaves no key to check, and the key table must still add up. */
    @Test
    void aHistoryOfOneUnfinishedInvocationIsLinearizableNotAnInternalFault() throws IOException {
        String lone = file("lone.log", "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n");
        var outcome = Contract.holds(Set.of(0), "check", lone);
        assertThat(outcome.out()).contains(": 1 event, ", "TOTAL        0  linearizable");
    }

    @Test
    void theTimeLimitCoversReading() throws IOException {
        String big = file("big.jsonl", jsonl(400_000));
        var outcome = Contract.holds(Set.of(CheckCommand.EXIT_UNKNOWN), "check", "--time-limit", "1ms", big);
        assertThat(outcome.err()).contains("ran out while reading the history; verdict unknown");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBadByteIsNamedAtItsOwnLineWithoutTheDecodersName() throws IOException {
        byte[] text = jsonl(300).getBytes(StandardCharsets.UTF_8);
        int line158 = 0;
        for (int newlines = 0; newlines < 157; line158++) {
            newlines += text[line158] == '\n' ? 1 : 0;
        }
        text[line158 + 5] = (byte) 0xff;
        var outcome = Contract.holds(REFUSED, "check", bytes("bad-byte.jsonl", text));
        assertThat(outcome.err()).contains("bad-byte.jsonl:158:6: a byte that is not UTF-8").doesNotContain("Malformed");
    }

    @Test
    void aCompletionWithoutInvokeNamesNoJavaClass() throws IOException {
        String orphan = file("orphan.jsonl", "{\"index\":0,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n");
        assertThat(Contract.holds(REFUSED, "check", orphan).err()).contains("completes nothing").doesNotContain("java.lang");
    }

    @Test
    void valuesAreEchoedOnOneShortLine() throws IOException {
        String newline = file("newline.jsonl", "{\"index\":0,\"process\":1,\"type\":\"o\\nk\",\"f\":\"read\"}\n{}\n");
        assertThat(Contract.holds(REFUSED, "check", newline).err()).contains("\"o\\nk\"");
        String fiveMegabytes = file("long.jsonl", "{\"index\":0,\"process\":1,\"type\":\"" + "x".repeat(5 << 20) + "\",\"f\":\"read\"}\n{}\n");
        assertThat(Contract.holds(REFUSED, "check", fiveMegabytes).err()).contains("(5242882 characters)");
        String fiftyMegabytes = file("huge.jsonl", "{\"index\":0,\"process\":1,\"type\":\"" + "x".repeat(50 << 20) + "\",\"f\":\"read\"}\n{}\n");
        assertThat(Contract.holds(REFUSED, "check", fiftyMegabytes).err()).contains("huge.jsonl:1");
    }

    @Test
    void timeLimitsOutOfRangeAreRefused() {
        for (String limit : List.of("9999999999999h", "-5s", "0s", "25h", "99999999999999999999s")) {
            assertThat(Contract.holds(REFUSED, "check", "--time-limit", limit, "examples/histories/quorum-register.jsonl").err())
                    .as(limit).contains("--time-limit");
        }
    }

    @Test
    void aHundredThousandDigitDurationIsRefusedFast() {
        // found by the fuzzing campaign: the duration pattern backtracked quadratically over a long digit run
        var outcome = Contract.holds(REFUSED, "check", "--time-limit", "9".repeat(100_000), "examples/histories/quorum-register.jsonl");
        assertThat(outcome.err()).contains("is not a duration").contains("(100000 characters)");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void directoriesFifosAndDevicesAreRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(Contract.holds(REFUSED, "check", dir.toString()).err()).contains("is a directory");
        assertThat(Contract.holds(REFUSED, "check", fifo.toString()).err()).contains("not a regular file");
        assertThat(Contract.holds(REFUSED, "check", "/dev/zero").err()).contains("not a regular file");
        assertThat(Contract.holds(REFUSED, "check", dir.resolve("missing.jsonl").toString()).err()).contains("no such file");
        assertThat(Contract.holds(REFUSED, "validate", fifo.toString()).err()).contains("not a regular file");
    }

    // --- scenario and lesson YAML --------------------------------------------------------------

    private static final String SCENARIO = "name: s\nworkload:\n  type: register\nduration: 30s\n";

    @Test
    void aFourMegabyteScalarIsRefusedFast() throws IOException {
        var outcome = Contract.holds(REFUSED, "validate", file("big.yaml", SCENARIO + "description: " + "a".repeat(4 << 20) + "\n"));
        assertThat(outcome.err()).contains("may be at most 262144 bytes");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void nodesBeyondAnyMachineAreRefusedAtTheirLineNotAsHeapSpace() throws IOException {
        String huge = file("nodes.yaml", SCENARIO + "cluster:\n  nodes: 2147483647\n");
        assertThat(Contract.holds(REFUSED, "validate", huge).err()).contains("nodes.yaml:6").contains("allowed: 1 to 32");
        String many = file("many.yaml", SCENARIO + "cluster:\n  nodes: 10000\n");
        var run = Contract.holds(REFUSED, "run", many, "--results", dir.resolve("results").toString());
        assertThat(run.out()).doesNotContain("starting");
    }

    @Test
    void nodesThisMachineCannotHostAreRefusedWithTheReason() throws IOException {
        var room = MachineCapacity.localNodes();
        org.junit.jupiter.api.Assumptions.assumeTrue(room.isPresent() && room.getAsLong() < 32);
        String file = file("room.yaml", SCENARIO + "cluster:\n  nodes: " + (room.getAsLong() + 1) + "\n");
        assertThat(Contract.holds(REFUSED, "validate", file).err())
                .contains("room.yaml:6").contains("more than this machine can host").contains("allowed: up to " + room.getAsLong());
    }

    @Test
    void duplicateKeysAreRefusedNotLastWins() throws IOException {
        String twice = file("twice.yaml", SCENARIO + "faults:\n  - fault: kill\nfaults:\n  - fault: pause\n");
        assertThat(Contract.holds(REFUSED, "validate", twice).err()).contains("twice.yaml:7:1: the key 'faults' appears twice");
    }

    @Test
    void anchorsAreRefusedClearly() throws IOException {
        String anchored = file("anchor.yaml", "name: s\nworkload: &w\n  type: register\nduration: 30s\n");
        assertThat(Contract.holds(REFUSED, "validate", anchored).err()).contains("anchor.yaml:2:").contains("anchors and aliases");
    }

    @Test
    void tagsAreRefusedWithoutEchoingJavaTypes() throws IOException {
        // found by the fuzzing campaign: SnakeYAML's "Global tag is not allowed: tag:yaml.org,2002:java.lang.Object"
        String tagged = file("tagged.yaml", "name: s\nworkload: !!java.lang.Object\n  type: register\nduration: 30s\n");
        assertThat(Contract.holds(REFUSED, "validate", tagged).err()).contains("tagged.yaml:2:11: tags (!!type, !name) are not supported");
    }

    @Test
    void crossFieldErrorsNameTheLineAndSayDurationsAsWritten() throws IOException {
        String negative = file("negative.yaml", "name: s\nworkload:\n  type: register\nduration: -5s\n");
        assertThat(Contract.holds(REFUSED, "validate", negative).err()).contains("negative.yaml:4: duration must be positive, got -5s")
                .doesNotContain("PT");
        String lasting = file("lasting.yaml", SCENARIO + "random-faults:\n  every: 10s\n  lasting: -5s\n  faults: [kill]\n");
        assertThat(Contract.holds(REFUSED, "validate", lasting).err()).contains("lasting.yaml:7").contains("got -5s");
    }

    @Test
    void ratesConcurrencyDurationsAndFaultCountsHaveLimits() throws IOException {
        List<String> refused = List.of(
                "name: s\nworkload: {type: register, rate: 2147483647}\nduration: 30s\n",
                "name: s\nworkload: {type: register, concurrency: 2147483647}\nduration: 30s\n",
                "name: s\nworkload: {type: register}\nduration: 999999999999h\n",
                "name: s\nworkload: {type: register}\nduration: 25h\n",
                SCENARIO + "random-faults: {every: 1ms, faults: [kill]}\n",
                "name: s\nworkload: {type: register}\nduration: 2h\nrandom-faults: {every: 1s, faults: [kill]}\n");
        for (String yaml : refused) {
            String file = file("limit.yaml", yaml);
            assertThat(Contract.holds(REFUSED, "validate", file).err()).as(yaml).contains("limit.yaml:").contains("allowed");
        }
    }

    @Test
    void javaAndJacksonInternalsDoNotLeak() throws IOException {
        String lesson = file("lesson.yaml", "name: l\nquestion: q\nanswer: a\nlevels: [ONE]\nsteps:\n  -\n");
        assertThat(Contract.holds(REFUSED, "validate", lesson).err()).contains("lesson.yaml:");
        String empty = file("empty-number.yaml", SCENARIO + "cluster:\n  nodes: \"\"\n");
        assertThat(Contract.holds(REFUSED, "validate", empty).err()).contains("empty-number.yaml:6");
    }

    @Test
    void validateAndDryRunPlanWithoutACluster() throws IOException {
        var validate = Contract.holds(Set.of(0), "validate", "test-scenarios/random-exploration.yaml",
                "test-scenarios/lessons/stale-read-at-one.yaml");
        assertThat(validate.out()).contains("fault schedule, seed 10: 3 faults").contains("  1. ");
        var dryRun = Contract.holds(Set.of(0), "run", "--dry-run", "--seed", "7", "test-scenarios/kill-node.yaml",
                "--results", dir.resolve("results").toString());
        assertThat(dryRun.out()).contains("fault schedule, seed 7: 1 fault\n").contains("kill n").doesNotContain("starting");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    // --- faultline report on damaged run folders ---------------------------------------------

    @Test
    void damagedRunFoldersAreRefusedInOneLine() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        String analysis = Files.readString(run.resolve("analysis.json"));
        Path history;
        try (Stream<Path> files = Files.walk(run)) {
            history = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
        List<String> damages = new ArrayList<>(List.of(
                analysis.substring(0, analysis.length() / 2),
                analysis.replaceFirst("\"unmet_expectations\"\\s*:\\s*\\[[^\\]]*]", "\"unmet_expectations\":7"),
                analysis.replaceFirst("\"history\"\\s*:\\s*\"", "\"history\":\"../../../etc/"),
                "[1,2]", "{\"levels\":{}}", "{\"levels\":[{\"level\":\"ONE\",\"history\":\"/etc/passwd\"}]}"));
        for (String damaged : damages) {
            Files.writeString(run.resolve("analysis.json"), damaged);
            assertThat(damaged).as("a damage that changes the file").isNotEqualTo(analysis);
            Contract.holds(REFUSED, "report", run.toString());
        }
        Files.writeString(run.resolve("analysis.json"), analysis);
        Files.writeString(history, "{\"index\":0,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n");
        assertThat(Contract.holds(REFUSED, "report", run.toString()).err()).contains("completes nothing");

        Path lessonRun = TestRuns.writeLessonRun(dir.resolve("lesson"));
        String lesson = Files.readString(lessonRun.resolve("analysis.json"));
        Files.writeString(lessonRun.resolve("analysis.json"), lesson.replaceFirst("\"rows\"\\s*:\\s*\\[", "\"rows\":[null,"));
        assertThat(Contract.holds(REFUSED, "report", lessonRun.toString()).err()).contains("field 'lesson' is malformed");
    }

    /** Issue 30: 3 of 1,735 damaged folders were internal faults; each damage is now a refusal or a page. */
    @Test
    void aCounterexampleWithoutItsOpOrWithAShortPrefixIsRefusedOrDrawn() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        String analysis = Files.readString(run.resolve("analysis.json"));
        assertThat(analysis).contains("\"counterexample\"").contains("\"longest_prefix\"");
        List<String> damages = List.of(
                analysis.replaceFirst("\"counterexample\"\\s*:\\s*\\{", "\"counterexample\":{\"x\":{"),
                analysis.replaceFirst("\"unlinearizable\"", "\"unlinearisable\""),
                analysis.replaceFirst("\"longest_prefix\"\\s*:\\s*\\[", "\"longest_prefix\":[{},"),
                analysis.replaceFirst("\"longest_prefix\"\\s*:\\s*\\[[^\\]]*]", "\"longest_prefix\":[]"),
                analysis.replaceFirst("\"longest_prefix\"\\s*:\\s*\\[[^\\]]*]", "\"longest_prefix\":7"),
                analysis.replaceFirst("\"concurrent\"\\s*:\\s*\\[", "\"concurrent\":[null,"),
                analysis.replaceFirst("\"counterexample\"\\s*:", "\"no_counterexample\":"),
                analysis.replaceFirst("(\"longest_prefix\"\\s*:\\s*\\[\\s*\\{[^\\]]*?\"state_after\"[^}]*})[^\\]]*]", "$1]"));
        for (String damaged : damages) {
            assertThat(damaged).as("a damage that changes the file").isNotEqualTo(analysis);
            Files.writeString(run.resolve("analysis.json"), damaged);
            Contract.holds(Set.of(0, Faultline.EXIT_BAD_INPUT), "report", run.toString());
        }
    }

    // --- writes that cannot harm -------------------------------------------------------------

    private static final String STALE = "examples/histories/stale-read-at-one.jsonl";

    @Test
    void aDeviceIsNeverReplacedByAReport() {
        var outcome = Contract.holds(REFUSED, "check", "--html", "/dev/full", STALE);
        assertThat(outcome.err()).contains("is a device, FIFO or socket");
        assertThat(Files.isRegularFile(Path.of("/dev/full"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void anEmptyHtmlNameIsRefusedAndWritesNothing() {
        assertThat(Contract.holds(REFUSED, "check", "--html", "", STALE).err()).contains("--html: the output file name is empty");
        assertThat(Path.of(".partial")).doesNotExist();
    }

    @Test
    void aSymlinkIsWrittenThroughAndKept() throws IOException {
        Path target = Files.writeString(dir.resolve("real.html"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.html"), target);
        Contract.holds(Set.of(CheckCommand.EXIT_NOT_LINEARIZABLE), "check", "--html", link.toString(), STALE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).startsWith("<!DOCTYPE html>");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("real.html", "link.html");
        }
    }

    @Test
    void aFailedReportWriteKeepsTheVerdictsExitCode() {
        // /proc exists but takes no new files: the write fails after the verdict
        var outcome = Contract.holds(Set.of(CheckCommand.EXIT_NOT_LINEARIZABLE), "check", "--html", "/proc/faultline.html", STALE);
        assertThat(outcome.err()).contains("warning: --html: cannot write /proc/faultline.html");
    }

    // --- issue 30: nothing written where it must not be --------------------------------------

    @Test
    void aSymlinkedReportInARunFolderIsRefusedAndWhatItPointsAtIsKept() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        Path victim = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.delete(run.resolve("report.html"));
        Files.createSymbolicLink(run.resolve("report.html"), victim);
        var outcome = Contract.holds(REFUSED, "report", run.toString());
        assertThat(outcome.err()).contains("report.html is a symlink").contains("never writes through a link inside a run folder");
        assertThat(Files.readString(victim)).isEqualTo("root:x:0:0:root:/root:/bin/bash\n");
        assertThat(Files.isSymbolicLink(run.resolve("report.html"))).isTrue();
        try (Stream<Path> left = Files.list(run)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aSymlinkToAFolderAsReportIsRefusedToo() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        Files.delete(run.resolve("report.html"));
        Files.createSymbolicLink(run.resolve("report.html"), dir.resolve("nowhere.html"));
        Contract.holds(REFUSED, "report", run.toString());
        assertThat(dir.resolve("nowhere.html")).doesNotExist();
    }

    @Test
    void theHistoryIsNeverItsOwnReport() throws IOException {
        Path history = Files.copy(Path.of(STALE), dir.resolve("h.jsonl"));
        String before = Files.readString(history);
        assertThat(Contract.holds(REFUSED, "check", history.toString(), "--html", history.toString()).err())
                .contains("is the history being checked");
        Path link = Files.createSymbolicLink(dir.resolve("h.html"), history);
        assertThat(Contract.holds(REFUSED, "check", "--html", link.toString(), history.toString()).err())
                .contains("is the history being checked");
        assertThat(Files.readString(history)).isEqualTo(before);
    }

    @Test
    void aRunFolderIsAlwaysNewEvenInTheSameSecond() throws IOException {
        java.time.LocalDateTime now = java.time.LocalDateTime.of(2026, 1, 1, 12, 0);
        Path first = RunCommand.newRunDir(dir.resolve("results"), "s", now);
        Path second = RunCommand.newRunDir(dir.resolve("results"), "s", now);
        assertThat(first.getFileName()).hasToString("s-20260101-120000");
        assertThat(second.getFileName()).hasToString("s-20260101-120000-2");
        Files.createSymbolicLink(dir.resolve("results/s-20260101-120000-3"), dir);
        assertThat(RunCommand.newRunDir(dir.resolve("results"), "s", now).getFileName()).hasToString("s-20260101-120000-4");
    }

    // --- issue 30: no internal fault from data -----------------------------------------------

    @Test
    void aSequenceHistoryWithoutAKeyGetsAVerdict() throws IOException {
        String unkeyed = file("unkeyed.jsonl", """
                {"index":0,"process":1,"type":"invoke","f":"append","key":"a","value":1}
                {"index":1,"process":1,"type":"info","f":"append","key":"a","value":1}
                {"index":2,"process":2,"type":"invoke","f":"read-all","key":null}
                {"index":3,"process":2,"type":"ok","f":"read-all","key":null,"value":null}
                """);
        assertThat(Contract.holds(Set.of(CheckCommand.EXIT_UNKNOWN), "check", unkeyed).out())
                .contains("unknown: no final read of [the writer without a key]").doesNotContain("unknown: unknown");
    }

    @Test
    void benchCountsOutOfRangeAreRefused() {
        assertThat(Contract.holds(REFUSED, "bench", "checker", "--warm-passes", "-1").err())
                .contains("--warm-passes -1 is not between 1 and 1000");
        assertThat(Contract.holds(REFUSED, "bench", "checker", "--only", "shapes", "--info", "1.5").err()).contains("--info 1.5");
    }

    @Test
    void aVersionWithANewlineIsRefusedOnOneLine() {
        assertThat(Contract.holds(REFUSED, "run", "--dry-run", "--cassandra-version", "5.0.6\n", "test-scenarios/kill-node.yaml")
                .err()).contains("'5.0.6\\n' is not a version number");
    }

    @Test
    void aDryRunRefusesTheReleasesARunRefuses() {
        for (String version : List.of("0.0", "3.11.4", "99.0")) {
            assertThat(Contract.holds(REFUSED, "run", "--dry-run", "--cassandra-version", version, "test-scenarios/kill-node.yaml")
                    .err()).as(version).contains("Cassandra " + version + " does not run on the local backend");
            assertThat(Contract.holds(REFUSED, "run", "--dry-run", "--cassandra-version", version,
                    "test-scenarios/lessons/stale-read-at-one.yaml").err()).as(version).contains("does not run");
        }
        Contract.holds(Set.of(0), "run", "--dry-run", "--cassandra-version", "4.1.10", "test-scenarios/kill-node.yaml");
    }

    @Test
    void aHundredThousandNestedBracketsInYamlAreRefusedFastAtTheirLine() throws IOException {
        String deep = file("deep.yaml", "name: s\nworkload: " + "[".repeat(100_000) + "\n");
        var outcome = Contract.holds(REFUSED, "validate", deep);
        assertThat(outcome.err()).contains("deep.yaml:2:51: nested more than 40 deep");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(2));
        String quoted = file("quoted.yaml", SCENARIO + "description: \"" + "[".repeat(1000) + "\" # " + "{".repeat(100) + "\n");
        Contract.holds(Set.of(0), "validate", quoted);
    }

    /** Issue 30: about one run in three printed the copy a parallel stream rethrows, "java.lang.IllegalArgumentException: …". */
    @Test
    void aBadOpInOneOfManyKeysIsOneCleanLineEveryTime() throws IOException {
        StringBuilder history = new StringBuilder();
        for (int key = 0; key < 40; key++) {
            history.append("{\"process\":").append(key).append(",\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k").append(key)
                    .append("\",\"value\":1}\n{\"process\":").append(key).append(",\"type\":\"ok\",\"f\":\"write\",\"key\":\"k")
                    .append(key).append("\",\"value\":1}\n{\"process\":").append(key)
                    .append(",\"type\":\"invoke\",\"f\":\"cas\",\"key\":\"k").append(key).append("\",\"value\":5}\n{\"process\":")
                    .append(key).append(",\"type\":\"ok\",\"f\":\"cas\",\"key\":\"k").append(key).append("\",\"value\":5}\n");
        }
        String bad = file("bad-cas.jsonl", history.toString());
        for (int run = 0; run < 12; run++) {
            assertThat(Contract.holds(REFUSED, "check", "--threads", "4", bad).err())
                    .containsPattern("bad-cas\\.jsonl:\\d+: cas value must be \\[expected new]");
        }
    }

    /** Issue 30: a killed run's folder (histories intact, no analysis.json) was "is this a run folder?". */
    @Test
    void aRunThatDidNotFinishIsDrawnFromItsHistories() throws Exception {
        Path run = TestRuns.writeRun(dir.resolve("run"));
        Files.delete(run.resolve("analysis.json"));
        Files.delete(run.resolve("report.html"));
        Path quorum = run.resolve("QUORUM/history.jsonl");
        String recorded = Files.readString(quorum);
        Files.writeString(quorum, recorded + "{\"index\":99,\"process\":1,\"ty");
        var outcome = Contract.holds(Set.of(0), "report", run.toString());
        assertThat(outcome.err()).contains("skipped a torn last line").contains("the run did not finish");
        String page = Files.readString(run.resolve("report.html"));
        assertThat(page).contains("did not finish").contains("data-level=\"ONE\"").contains("data-level=\"QUORUM\"");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(Contract.holds(REFUSED, "report", empty.toString()).err()).contains("is this a run folder");
        assertThat(empty.resolve("report.html")).doesNotExist();
    }

    // --- issue 30: checkers refuse what they cannot check -------------------------------------

    @Test
    void theCounterModelRefusesAHistoryThatIsNoCounters() {
        assertThat(Contract.holds(REFUSED, "check", "--model", "counter", "examples/histories/quorum-register.jsonl").err())
                .contains("--model counter: this is not a counter's history");
        Contract.holds(Set.of(0, CheckCommand.EXIT_NOT_LINEARIZABLE), "check", "--model", "counter",
                "examples/histories/retried-counter-add.jsonl");
    }

    @Test
    void counterTotalsNeverWrap() throws IOException {
        String max = Long.toString(Long.MAX_VALUE);
        String overflowing = file("overflow.jsonl", """
                {"index":0,"process":1,"type":"invoke","f":"add","key":"c","value":MAX}
                {"index":1,"process":1,"type":"ok","f":"add","key":"c","value":MAX}
                {"index":2,"process":1,"type":"invoke","f":"add","key":"c","value":MAX}
                {"index":3,"process":1,"type":"ok","f":"add","key":"c","value":MAX}
                {"index":4,"process":1,"type":"invoke","f":"read","key":"c"}
                {"index":5,"process":1,"type":"ok","f":"read","key":"c","value":-2}
                """.replace("MAX", max));
        assertThat(Contract.holds(REFUSED, "check", overflowing).err()).contains("sum beyond a 64-bit counter's range");
    }

    @Test
    void aHugeCompleteLastLineIsRefusedNotDroppedAsTorn() throws IOException {
        String huge = file("huge-last.jsonl", jsonl(4) + "{\"index\":4,\"process\":2,\"type\":\"invoke\",\"f\":\"write\","
                + "\"key\":\"a\",\"value\":\"" + "x".repeat(30 << 20) + "\"}\n");
        var outcome = Contract.holds(REFUSED, "check", huge);
        assertThat(outcome.err()).contains("huge-last.jsonl:5: a value past a reading limit").doesNotContain("torn");
    }

    /** Issue 30: about 30 % of refusals named an op number, not the line a person opens the file at. */
    @Test
    void aBadOpFoundAfterReadingIsNamedAtItsLine() throws IOException {
        String orphan = file("orphan-late.jsonl", jsonl(2) + "\n\n{\"index\":2,\"process\":7,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n");
        assertThat(Contract.holds(REFUSED, "check", orphan).err()).contains(orphan + ":5: op 2").contains("completes nothing");
        String counter = file("counter.jsonl", """
                {"index":0,"process":1,"type":"invoke","f":"add","key":"c","value":1}
                {"index":1,"process":1,"type":"ok","f":"add","key":"c","value":1}
                {"index":2,"process":1,"type":"invoke","f":"add","key":"c","value":"one"}
                {"index":3,"process":1,"type":"ok","f":"add","key":"c","value":"one"}
                {"index":4,"process":1,"type":"invoke","f":"read","key":"c"}
                {"index":5,"process":1,"type":"ok","f":"read","key":"c","value":1}
                """);
        // not a counter's (an add of a string), so the set's model reads it, and names the read that returned no set
        assertThat(Contract.holds(REFUSED, "check", counter).err()).contains("counter.jsonl:6: a set read must return a collection");
        String casLine = file("cas.jsonl", jsonl(4) + "{\"index\":4,\"process\":1,\"type\":\"invoke\",\"f\":\"cas\",\"key\":\"a\",\"value\":5}\n"
                + "{\"index\":5,\"process\":1,\"type\":\"ok\",\"f\":\"cas\",\"key\":\"a\",\"value\":5}\n");
        assertThat(Contract.holds(REFUSED, "check", casLine).err()).contains("cas.jsonl:6: cas value must be [expected new], got 5");
        String etcd = file("orphan.log", "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nnoise\nINFO  jepsen.util - 0\t:ok\t:read\tnil\n"
                + "INFO  jepsen.util - 3\t:ok\t:read\t1\n");
        assertThat(Contract.holds(REFUSED, "check", etcd).err()).contains("orphan.log:4: ").contains("completes nothing");
    }
}
