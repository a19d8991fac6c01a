package dev.faultline.cli;

import dev.faultline.checker.Budget;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.LinearizabilityChecker;
import dev.faultline.checker.Verdict;
import dev.faultline.history.EdnHistory;
import dev.faultline.history.GeneratedHistory;
import dev.faultline.history.History;
import dev.faultline.history.PorcupineEtcdLog;
import dev.faultline.model.Model;
import dev.faultline.model.RegisterModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench checker}: how fast the linearizability checker is on (a) the external
 * corpora Porcupine and Knossos are measured on, and (b) a generated history of a million ops.
 * The JVM compiles as it goes, so the first (cold) pass over the corpora is reported apart from
 * the best of the warmed passes after it.
 */
@Command(
        name = "checker",
        mixinStandardHelpOptions = true,
        description = "Times the linearizability checker on the Porcupine and Knossos corpora and on a "
                + "generated history; run with FAULTLINE_JAVA_OPTS=-Xmx2g to hold it to 2 GB.")
public final class BenchCheckerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "the corpora directory (default: ../shared/corpora beside the repository)")
    Path corpus;

    @Option(names = "--only", paramLabel = "PART",
            description = "corpora or generated: run only that part (default: both)")
    String only;

    @Option(names = "--warm-passes", defaultValue = "5", description = "passes after the cold one (default: ${DEFAULT-VALUE})")
    int warmPasses;

    @Option(names = "--ops", defaultValue = "1000000", description = "ops in the generated history (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--keys", defaultValue = "1000", description = "keys in the generated history (default: ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--processes", defaultValue = "16", description = "client processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the generated history (default: ${DEFAULT-VALUE})")
    long seed;

    private enum Suite {
        ETCD("Porcupine etcd logs", "porcupine/etcd", ".log"),
        KV("Porcupine kv logs", "porcupine/kv", ".txt"),
        MEMSTRESS("Knossos memstress3", "knossos/cas-register/good", ".edn");

        final String title;
        final String directory;
        final String extension;

        Suite(String title, String directory, String extension) {
            this.title = title;
            this.directory = directory;
            this.extension = extension;
        }

        History read(Path file) {
            return this == ETCD ? PorcupineEtcdLog.read(file) : EdnHistory.read(file);
        }

        Model<?> model() {
            return switch (this) {
                case ETCD -> RegisterModel.register();
                case KV -> RegisterModel.kv();
                case MEMSTRESS -> RegisterModel.casRegister();
            };
        }

        boolean includes(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(extension) && !name.equals("VERDICTS.txt")
                    && (this != MEMSTRESS || name.startsWith("memstress3-"));
        }
    }

    private record SuiteRun(int files, double totalMs, double slowestMs, String slowest, int violations, long peakHeapBytes) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("JVM %s, %d cores, max heap %d MB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (only != null && !only.equals("corpora") && !only.equals("generated")) {
            spec.commandLine().getErr().println("faultline bench checker: --only " + only + " is not corpora or generated");
            return Faultline.EXIT_BAD_INPUT;
        }
        if (!"generated".equals(only)) {
            Path root = corpusRoot();
            if (!Files.isDirectory(root)) {
                spec.commandLine().getErr().println("faultline bench checker: no corpora at " + root + " (use --corpus DIR)");
                return Faultline.EXIT_BAD_INPUT;
            }
            benchCorpora(out, root);
        }
        if (!"corpora".equals(only)) {
            benchGenerated(out);
        }
        return 0;
    }

    private Path corpusRoot() {
        if (corpus != null) {
            return corpus.toAbsolutePath().normalize();
        }
        String home = System.getProperty("faultline.home", ".");
        return Path.of(home).resolve("../shared/corpora").toAbsolutePath().normalize();
    }

    private void benchCorpora(PrintWriter out, Path root) {
        out.printf("%n(a) corpora in %s (read + check, one file after another)%n", root);
        out.printf("%-22s %-5s %6s %10s %10s  %-22s %10s %s%n",
                "suite", "pass", "files", "total ms", "slowest", "slowest file", "peak heap", "verdicts");
        Map<Suite, List<Path>> files = new EnumMap<>(Suite.class);
        for (Suite suite : Suite.values()) {
            files.put(suite, list(root.resolve(suite.directory), suite));
        }
        for (int pass = 0; pass <= warmPasses; pass++) {
            for (Suite suite : Suite.values()) {
                SuiteRun run = runSuite(suite, files.get(suite));
                if (pass == 0 || pass == warmPasses) {
                    out.printf("%-22s %-5s %6d %10.1f %10.1f  %-22s %7d MB %d not linearizable%n",
                            suite.title, pass == 0 ? "cold" : "warm", run.files(), run.totalMs(), run.slowestMs(),
                            run.slowest(), run.peakHeapBytes() >> 20, run.violations());
                }
            }
        }
    }

    private static List<Path> list(Path directory, Suite suite) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(suite::includes).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": " + e.getMessage(), e);
        }
    }

    private static SuiteRun runSuite(Suite suite, List<Path> files) {
        resetPeakHeap();
        double total = 0;
        double slowest = 0;
        String slowestFile = "";
        int violations = 0;
        for (Path file : files) {
            long start = System.nanoTime();
            CheckResult result = LinearizabilityChecker.check(suite.read(file), suite.model(), Budget.defaults());
            double ms = (System.nanoTime() - start) / 1e6;
            total += ms;
            if (ms > slowest) {
                slowest = ms;
                slowestFile = file.getFileName().toString();
            }
            violations += result.verdict() == Verdict.NOT_LINEARIZABLE ? 1 : 0;
        }
        return new SuiteRun(files.size(), total, slowest, slowestFile, violations, peakHeap());
    }

    private void benchGenerated(PrintWriter out) {
        out.printf("%n(b) generated kv history: %,d ops over %,d keys, %d processes, seed %d%n", ops, keys, processes, seed);
        for (boolean staleRead : new boolean[] {false, true}) {
            System.gc();
            resetPeakHeap();
            long start = System.nanoTime();
            History history = GeneratedHistory.kvRegisters(seed, ops, keys, processes, staleRead);
            double generateMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            CheckResult result = LinearizabilityChecker.check(history, RegisterModel.register(), Budget.defaults());
            double checkMs = (System.nanoTime() - start) / 1e6;
            out.printf("%-28s generated in %,8.0f ms, checked in %,8.0f ms (%,.0f ops/s), peak heap %,d MB: %s%n",
                    staleRead ? "with one stale read" : "linearizable by construction", generateMs, checkMs,
                    ops / (checkMs / 1000), peakHeap() >> 20, result.verdict());
        }
    }

    private static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** An upper bound: each heap pool's peak, summed (they need not peak at the same moment). */
    private static long peakHeap() {
        return heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
    }
}
