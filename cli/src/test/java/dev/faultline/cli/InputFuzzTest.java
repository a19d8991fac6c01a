package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.faultline.report.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzing suite: one target per reader and one for option values, each a stream of jqwik-drawn
 * hostile inputs run through the real command line, each run held to {@link Contract}. A short
 * fixed budget runs with the unit tests; {@code -Dfaultline.fuzz.tries=N} runs a campaign. An input
 * that breaks the contract is kept in cli/target/fuzz-crashes/ to replay.
 */
class InputFuzzTest {

    /** Executions per target. */
    static final int TRIES = Integer.getInteger("faultline.fuzz.tries", 30);
    /** Porcupine's histories, kept in the repository: real files of every reader's format to mutate. */
    static final Path CORPORA = Path.of("checker/src/test/resources/corpora/porcupine");
    static final Set<Integer> CHECK_EXITS = Set.of(0, 1, 2, 3);
    static final Set<Integer> REFUSED_OR_DONE = Set.of(0, 2);
    private static final long SEED_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private final AtomicInteger file = new AtomicInteger();

    @Test
    void jsonlHistories() {
        fuzz("jsonl", Mutants.of(Mutants.seeds(Path.of("examples/histories"), ".jsonl", SEED_BYTES)),
                input -> new String[] {"check", "--time-limit", "5s", write("history.jsonl", input)}, CHECK_EXITS);
    }

    @Test
    void jepsenEdnHistories() {
        fuzz("edn", Mutants.of(Mutants.seeds(CORPORA.resolve("kv"), ".txt", SEED_BYTES)),
                input -> new String[] {"check", "--time-limit", "5s", write("history.edn", input)}, CHECK_EXITS);
    }

    @Test
    void porcupineLogs() {
        List<byte[]> seeds = new ArrayList<>(Mutants.seeds(CORPORA.resolve("etcd"), ".log", SEED_BYTES));
        fuzz("porcupine-etcd", Mutants.of(seeds),
                input -> new String[] {"check", "--time-limit", "5s", "--format", "porcupine-etcd", write("etcd.log", input)},
                CHECK_EXITS);
        fuzz("porcupine-kv", Mutants.of(Mutants.seeds(CORPORA.resolve("kv"), "-ok.txt", SEED_BYTES)),
                input -> new String[] {"check", "--time-limit", "5s", "--format", "porcupine-kv", write("kv.txt", input)},
                CHECK_EXITS);
    }

    @Test
    void scenarioYaml() {
        fuzz("scenario", Mutants.of(shipped(Path.of("test-scenarios"), 1)),
                input -> new String[] {"validate", write("scenario.yaml", input)}, REFUSED_OR_DONE);
    }

    @Test
    void lessonYaml() {
        fuzz("lesson", Mutants.of(shipped(Path.of("test-scenarios/lessons"), 1)),
                input -> new String[] {"run", "--dry-run", write("lesson.yaml", input)}, REFUSED_OR_DONE);
    }

    @Test
    void runFoldersForReport() throws Exception {
        Path template = TestRuns.writeRun(dir.resolve("template"));
        assertThat(Contract.holds(Set.of(0), "report", template.toString()).exit()).as("the unmutated run folder reports").isZero();
        List<byte[]> analysis = List.of(Files.readAllBytes(template.resolve("analysis.json")));
        fuzz("analysis.json", Mutants.of(analysis),
                input -> new String[] {"report", runFolder(template, "analysis.json", input).toString()}, REFUSED_OR_DONE);
        String history;
        try (Stream<Path> files = Files.walk(template)) {
            history = files.filter(f -> f.toString().endsWith(".jsonl")).map(f -> template.relativize(f).toString())
                    .sorted().findFirst().orElseThrow();
        }
        fuzz("run-folder history", Mutants.of(List.of(Files.readAllBytes(template.resolve(history)))),
                input -> new String[] {"report", runFolder(template, history, input).toString()}, REFUSED_OR_DONE);
    }

    /**
     * Run folders with links planted where report writes or reads (report.html, analysis.json, a history), or with
     * analysis.json gone as a killed run leaves it: refused or drawn, and whatever a link points at left as it was.
     */
    @Test
    void runFoldersWithLinks() throws Exception {
        Path template = TestRuns.writeRun(dir.resolve("template"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
        Files.createDirectories(dir.resolve("a-folder"));
        Arbitrary<String> planted = Arbitraries.of("report.html", "analysis.json", "QUORUM/history.jsonl", "summary.md",
                "ONE/history.jsonl", "QUORUM", "report.html");
        Arbitrary<Path> target = Arbitraries.of(victim, dir.resolve("dangling"), Path.of("/dev/null"), Path.of("/dev/full"),
                dir.resolve("a-folder"), template.resolve("analysis.json"), template.resolve("QUORUM/history.jsonl"));
        Arbitrary<String[]> folders = Combinators.combine(planted, target, Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((name, to, unfinished, noReport) -> {
                    Path run = runFolder(template, "summary.md", "summary\n".getBytes());
                    try {
                        if (unfinished) {
                            Files.deleteIfExists(run.resolve("analysis.json"));
                        }
                        if (noReport) {
                            Files.deleteIfExists(run.resolve("report.html"));
                        }
                        Path at = run.resolve(name);
                        if (Files.isDirectory(at)) {
                            try (Stream<Path> inside = Files.walk(at)) {
                                for (Path p : inside.sorted(Comparator.reverseOrder()).toList()) {
                                    Files.delete(p);
                                }
                            }
                        } else {
                            Files.deleteIfExists(at);
                        }
                        Files.createSymbolicLink(at, to);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    return new String[] {"report", run.toString()};
                });
        String templateHistory = Files.readString(template.resolve("QUORUM/history.jsonl"));
        fuzz("run folders with links", folders, args -> args, REFUSED_OR_DONE);
        assertThat(Files.readString(victim)).as("what a planted link points at").isEqualTo("keep me\n");
        assertThat(Files.readString(template.resolve("QUORUM/history.jsonl"))).isEqualTo(templateHistory);
        assertThat(Files.exists(dir.resolve("dangling"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    /** Lessons of steps drawn from the steps' vocabulary, well and badly formed, planned by run --dry-run. */
    @Test
    void lessonSteps() {
        Arbitrary<String> node = Arbitraries.of("n1", "n2", "n3", "n9", "n0", "x", "", "[n1]", "null");
        Arbitrary<String> value = Arbitraries.of("0", "1", "-1", "9223372036854775807", "99999999999999999999", "x", "nil",
                "[1, 2]", "{a: 1}", "\"\"", "1.5", "~");
        Arbitrary<String> step = Arbitraries.oneOf(
                Combinators.combine(node, node).as((a, b) -> "partition: [[" + a + "], [" + b + "]]"),
                Combinators.combine(node, node, Arbitraries.of("sees-down", "sees-up", "sees")).as((a, b, how) ->
                        "await: {node: " + a + ", " + how + ": " + b + "}"),
                Combinators.combine(value, node, Arbitraries.of("a", "b", "c", "")).as((v, via, client) ->
                        "write: {key: x, value: " + v + ", via: " + via + ", client: " + client + "}"),
                Combinators.combine(node, Arbitraries.of("ONE", "QUORUM", "ALL", "SERIAL", "ANY", "none"), value).as((via, at, until) ->
                        "read: {key: x, via: " + via + ", client: a, at: " + at + ", until: " + until + ", within: 5s}"),
                Combinators.combine(value, value, node).as((from, to, via) ->
                        "cas: {key: x, from: " + from + ", to: " + to + ", via: " + via + ", client: a}"),
                Combinators.combine(value, node).as((v, via) -> "add: {key: c, value: " + v + ", via: " + via + ", client: a}"),
                Arbitraries.of("heal: partition", "heal: kill", "heal: clock-skew", "heal: pause", "heal: nothing",
                        "sleep: 1s", "sleep: -1s", "sleep: 25h", "sleep: x", "kill: n2", "kill: n9", "pause: n1",
                        "clock-skew: {client: b, offset: -5s}", "clock-skew: {client: b, offset: 9999999h}",
                        "hinted-handoff: {node: n1, enabled: false}", "one-way: {from: [n1], to: [n1]}",
                        "one-way: {from: [n1, n2], to: [n3]}", "expect: {ONE: ok}", "{}", "[]", "nil"));
        Arbitrary<String> lessons = Combinators.combine(step.list().ofMinSize(0).ofMaxSize(8),
                Arbitraries.of("{nodes: 2, replication-factor: 2}", "{nodes: 3, replication-factor: 2}",
                        "{nodes: 1, replication-factor: 3}", "{nodes: 0}"),
                Arbitraries.of("[ONE, QUORUM]", "[ONE]", "[]", "[SERIAL]", "[ONE, ONE]")).as((steps, cluster, levels) -> {
                    StringBuilder yaml = new StringBuilder("name: fuzzed\nquestion: q\nanswer: a\ncluster: " + cluster
                            + "\nlevels: " + levels + "\nsteps:\n");
                    steps.forEach(s -> yaml.append("  - ").append(s).append('\n'));
                    return yaml.toString();
                });
        fuzz("lesson steps", lessons, yaml -> new String[] {"run", "--dry-run", write("lesson.yaml", yaml.getBytes())},
                REFUSED_OR_DONE);
    }

    /** Counter and sequence-writer histories (the counter checker's and lost writes' input), mutated, checked as found and as counters. */
    @Test
    void counterAndSequenceHistories() {
        StringBuilder sequences = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String writer = "w" + (i % 2);
            sequences.append("{\"index\":").append(2 * i).append(",\"process\":").append(i % 2)
                    .append(",\"type\":\"invoke\",\"f\":\"append\",\"key\":\"").append(writer).append("\",\"value\":").append(i / 2 + 1)
                    .append("}\n{\"index\":").append(2 * i + 1).append(",\"process\":").append(i % 2)
                    .append(",\"type\":\"ok\",\"f\":\"append\",\"key\":\"").append(writer).append("\",\"value\":").append(i / 2 + 1)
                    .append("}\n");
        }
        sequences.append("{\"index\":12,\"process\":5,\"type\":\"invoke\",\"f\":\"read-all\",\"key\":\"w0\"}\n")
                .append("{\"index\":13,\"process\":5,\"type\":\"ok\",\"f\":\"read-all\",\"key\":\"w0\",\"value\":[1,2,3]}\n")
                .append("{\"index\":14,\"process\":5,\"type\":\"invoke\",\"f\":\"read-all\",\"key\":\"w1\"}\n")
                .append("{\"index\":15,\"process\":5,\"type\":\"ok\",\"f\":\"read-all\",\"key\":\"w1\",\"value\":[1,3]}\n");
        List<byte[]> seeds = new ArrayList<>(Mutants.seeds(Path.of("examples/histories"), "counter-add.jsonl", SEED_BYTES));
        seeds.add(sequences.toString().getBytes());
        Arbitrary<String[]> checks = Combinators.combine(Mutants.of(seeds), Arbitraries.of("auto", "auto", "counter", "set",
                "register")).as((history, model) -> new String[] {"check", "--time-limit", "5s", "--model", model,
                        write("history.jsonl", history)});
        fuzz("counter and sequence histories", checks, args -> args, CHECK_EXITS);
    }

    /** The options issue 30 found faults in: bench checker's counts, Cassandra versions, a dry run's release. */
    @Test
    void newOptionValues() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-histories"));
        Arbitrary<String> count = Arbitraries.oneOf(Arbitraries.of("-1", "0", "1", "1000", "1001", "2147483647", "-2147483648",
                "x", "", "1e3"), Arbitraries.integers().map(String::valueOf));
        Arbitrary<String[]> bench = Combinators.combine(Arbitraries.of("--warm-passes", "--ops", "--keys", "--processes",
                "--shape-ops", "--shape-processes", "--kv-ops", "--kv-keys", "--info", "--threads"), count)
                .as((name, value) -> new String[] {"bench", "checker", "--only", "corpora", "--dir", empty.toString(), name, value});
        fuzz("bench checker counts", bench, args -> args, REFUSED_OR_DONE);
        Arbitrary<String> version = Arbitraries.oneOf(Arbitraries.of("5.0.6", "4.1.10", "0.0", "3.11.4", "99.0", "5.0.6\n",
                "\n", "5", "5.0.6.1", "-1.0", "5.0.6 ", "../5.0.6", "4.0.0", "6.0"),
                Combinators.combine(Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 30))
                        .as((major, minor) -> major + "." + minor));
        Arbitrary<String[]> dryRuns = Combinators.combine(version, Arbitraries.of("test-scenarios/kill-node.yaml",
                "test-scenarios/lessons/stale-read-at-one.yaml")).as((v, file) ->
                        new String[] {"run", "--dry-run", "--cassandra-version", v, file});
        fuzz("--cassandra-version", dryRuns, args -> args, REFUSED_OR_DONE);
    }

    @Test
    void optionValues() throws Exception {
        Path history = Files.copy(Path.of("examples/histories/quorum-register.jsonl"), dir.resolve("h.jsonl"));
        Path scenario = Files.copy(Path.of("test-scenarios/kill-node.yaml"), dir.resolve("kill-node.yaml"));
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Files.createSymbolicLink(dir.resolve("to-null"), Path.of("/dev/null"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing-here"));
        Files.createSymbolicLink(dir.resolve("to-report"), dir.resolve("report.html"));
        Files.createDirectories(dir.resolve("folder"));
        Arbitrary<String> path = Arbitraries.of("", "/dev/zero", "/dev/full", "/dev/null", dir.toString(), fifo.toString(),
                dir.resolve("to-null").toString(), dir.resolve("dangling").toString(), dir.resolve("to-report").toString(),
                dir.resolve("folder").toString(), dir.resolve("report.html").toString(), dir.resolve("no/such/x.html").toString(),
                dir.resolve("line\nbreak.html").toString());
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "0s", "-5s", "0ms", "1ms", "24h", "25h", "9999999999999h", "99999999999999999999s", "1m30s",
                        "-1", "0", "nil", "\"\"", "[".repeat(5000), "9".repeat(100_000), "\n", "a\nb", "x".repeat(100_000),
                        "auto", "jsonl", "edn", "porcupine-etcd", "register", "set", "cas-register", "--help", "--version"),
                Arbitraries.strings().ofMaxLength(10),
                Combinators.combine(Arbitraries.longs(), Arbitraries.of("ms", "s", "m", "h", "")).as((n, unit) -> n + unit));
        Arbitrary<String[]> check = Combinators.combine(
                Arbitraries.of("--time-limit", "--format", "--model", "--initial", "--html").list().ofMaxSize(4),
                value.list().ofSize(4), path, Arbitraries.of(history.toString(), history.toString(), fifo.toString(),
                        "/dev/zero", dir.toString(), dir.resolve("missing.jsonl").toString()))
                .as((names, values, html, input) -> {
                    List<String> args = new ArrayList<>(List.of("check"));
                    for (int i = 0; i < names.size(); i++) {
                        args.add(names.get(i));
                        args.add(names.get(i).equals("--html") ? html : values.get(i));
                    }
                    args.add(input);
                    return args.toArray(String[]::new);
                });
        fuzz("check options", check, args -> args, CHECK_EXITS);
        Arbitrary<String[]> planned = Combinators.combine(value, value, Arbitraries.of(scenario.toString(), fifo.toString(), "/dev/zero"))
                .as((duration, seed, file) -> new String[] {"run", "--dry-run", "--duration", duration, "--seed", seed, file});
        fuzz("run --dry-run options", planned, args -> args, REFUSED_OR_DONE);
    }

    /** Runs {@code TRIES} inputs from {@code inputs} through the command line {@code command} makes of them. */
    private <T> void fuzz(String target, Arbitrary<T> inputs, Function<T, String[]> command, Set<Integer> exits) {
        long start = System.nanoTime();
        int executions = 0;
        for (T input : (Iterable<T>) inputs.sampleStream().limit(TRIES)::iterator) {
            String[] args = command.apply(input);
            try {
                assertTimeoutPreemptively(Contract.BOUND.plusSeconds(10), () -> Contract.holds(exits, args));
            } catch (AssertionError broken) {
                throw new AssertionError("fuzz target " + target + ": contract broken, input kept in " + keep(target, input)
                        + ": " + broken.getMessage(), broken);
            }
            executions++;
        }
        System.out.printf("fuzz %-22s %6d executions in %5.1f s%n", target, executions, (System.nanoTime() - start) / 1e9);
        assertThat(executions).isEqualTo(TRIES);
    }

    private String write(String name, byte[] input) {
        try {
            Path at = Files.createDirectories(dir.resolve("in-" + file.incrementAndGet())).resolve(name);
            return Files.write(at, input).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path runFolder(Path template, String replaced, byte[] input) {
        try {
            Path run = Files.createDirectories(dir.resolve("run-" + file.incrementAndGet()));
            try (Stream<Path> files = Files.walk(template)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path copy = run.resolve(template.relativize(f).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(f, copy);
                }
            }
            Files.write(run.resolve(replaced), input);
            return run;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> shipped(Path folder, int depth) {
        try (Stream<Path> files = Files.list(folder)) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList()) {
                seeds.add(Files.readAllBytes(f));
            }
            assertThat(seeds).as("seeds in " + folder).isNotEmpty();
            return seeds;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path keep(String target, Object input) {
        try {
            Path crashes = Files.createDirectories(Path.of("cli/target/fuzz-crashes"));
            Path kept = crashes.resolve(target.replaceAll("\\W+", "-") + "-" + System.nanoTime() + ".bin");
            byte[] bytes = input instanceof byte[] b ? b : String.join("\n", (String[]) input).getBytes();
            return Files.write(kept, bytes);
        } catch (IOException e) {
            return Path.of("(could not be kept: " + e.getMessage() + ")");
        }
    }
}
