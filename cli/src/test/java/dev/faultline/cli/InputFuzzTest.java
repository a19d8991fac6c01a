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
