package dev.faultline.cli;

import dev.faultline.checker.Budget;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.LinearizabilityChecker;
import dev.faultline.checker.PartitionResult;
import dev.faultline.checker.Verdict;
import dev.faultline.history.Echo;
import dev.faultline.history.EdnHistory;
import dev.faultline.history.GeneratedHistory;
import dev.faultline.history.GeneratedKvHistory;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormat;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Operation;
import dev.faultline.history.PorcupineEtcdLog;
import dev.faultline.model.Model;
import dev.faultline.model.Models;
import dev.faultline.model.RegisterModel;
import dev.faultline.scenario.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench checker}: how fast the linearizability checker is on (a) folders of
 * histories, by default the external corpora Porcupine and Knossos are measured on, (b) the hard
 * shape of a hot key with many timed-out ops, generated from a seed, (d) kv shapes of appends, puts
 * and gets over a few dozen keys, generated too, and (c) a generated history of a million ops. The JVM compiles as it goes, so the first (cold) pass is reported apart from the
 * warmed passes after it; each file's time is its min and median over those, parse time apart.
 */
@Command(
        name = "checker",
        mixinStandardHelpOptions = true,
        description = "Times the linearizability checker on folders of histories (default: the Porcupine and "
                + "Knossos corpora), on generated hot-key and kv shapes and on a generated million-op history; run with "
                + "FAULTLINE_JAVA_OPTS=-Xmx2g to hold it to 2 GB.")
public final class BenchCheckerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "the corpora directory (default: ../shared/corpora beside the repository)")
    Path corpus;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "a folder of Jepsen EDN, Porcupine or JSONL histories to time instead of the corpora "
                    + "(format and model told from each file, as check does); may be repeated")
    List<Path> dirs;

    @Option(names = "--only", paramLabel = "PART",
            description = "corpora, shapes, kv or generated: run only that part (default: all)")
    String only;

    @Option(names = "--per-file", description = "also print every file's min and median check time")
    boolean perFile;

    @Option(names = "--warm-passes", defaultValue = "5", description = "passes after the cold one (default: ${DEFAULT-VALUE})")
    int warmPasses;

    @Option(names = "--ops", defaultValue = "1000000", description = "ops in the generated history (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--keys", defaultValue = "1000", description = "keys in the generated history (default: ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--processes", defaultValue = "16", description = "client processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the generated histories (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--shape-ops", defaultValue = "5000", description = "ops in each hot-key shape (default: ${DEFAULT-VALUE})")
    int shapeOps;

    @Option(names = "--shape-processes", defaultValue = "50",
            description = "processes in each hot-key shape (default: ${DEFAULT-VALUE})")
    int shapeProcesses;

    @Option(names = "--kv-ops", defaultValue = "1100", description = "ops in each generated kv shape (default: ${DEFAULT-VALUE})")
    int kvOps;

    @Option(names = "--kv-keys", defaultValue = "50",
            description = "keys in each generated kv shape, so about 22 ops a key by default (default: ${DEFAULT-VALUE})")
    int kvKeys;

    @Option(names = "--shape-time-limit", defaultValue = "10s", paramLabel = "DURATION", converter = TimeLimitConverter.class,
            description = "the time limit of each check of a generated shape, past which it is unknown (default: ${DEFAULT-VALUE})")
    Duration shapeTimeLimit;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads each check may use, as check --threads (default: every core)")
    Integer threads;

    @Option(names = "--info", defaultValue = "0.15,0.25", split = ",", paramLabel = "SHARE",
            description = "shares of timed-out (info) ops of the hot-key shapes (default: ${DEFAULT-VALUE})")
    double[] infoShares;

    private static final List<String> PARTS = List.of("corpora", "shapes", "kv", "generated");

    /** A folder of histories, read and modelled as its source does, or told file by file. */
    private record Folder(String title, Path directory, String extension, String namePrefix, Model<?> model) {

        boolean includes(Path file) {
            String name = file.getFileName().toString();
            return Files.isRegularFile(file) && name.endsWith(extension) && name.startsWith(namePrefix)
                    && !name.equals("VERDICTS.txt") && !name.equals("README.md");
        }

        History read(Path file) {
            if (model == null) {
                return HistoryFormat.detect(file).read(file, warning -> { });
            }
            return extension.equals(".log") ? PorcupineEtcdLog.read(file) : EdnHistory.read(file);
        }

        Model<?> modelFor(Path file, List<Operation> operations) {
            return model != null ? model : Models.choose("auto", HistoryFormat.detect(file), operations, null);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("JVM %s, %d cores, max heap %d MB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (threads != null && (threads < 1 || threads > CheckCommand.MAX_THREADS)) {
            spec.commandLine().getErr().println("faultline bench checker: --threads " + threads + " is not between 1 and "
                    + CheckCommand.MAX_THREADS);
            return Faultline.EXIT_BAD_INPUT;
        }
        String outOfRange = outOfRange();
        if (outOfRange != null) {
            spec.commandLine().getErr().println("faultline bench checker: " + outOfRange);
            return Faultline.EXIT_BAD_INPUT;
        }
        if (only != null && !PARTS.contains(only)) {
            spec.commandLine().getErr().println("faultline bench checker: --only " + only + " is not one of " + String.join(", ", PARTS));
            return Faultline.EXIT_BAD_INPUT;
        }
        try {
            if (only == null || only.equals("corpora")) {
                List<Folder> folders = folders();
                if (folders == null) {
                    return Faultline.EXIT_BAD_INPUT;
                }
                benchFolders(out, folders);
            }
            if (only == null || only.equals("shapes")) {
                benchShapes(out);
            }
            if (only == null || only.equals("kv")) {
                benchKv(out);
            }
            if (only == null || only.equals("generated")) {
                benchGenerated(out);
            }
        } catch (HistoryFormatException | IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println("faultline bench checker: " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** The first count or share out of its range, said with the range; null when all are in theirs. */
    private String outOfRange() {
        int[][] counts = {{warmPasses, 1, 1000}, {ops, 1, 100_000_000}, {keys, 1, 10_000_000}, {processes, 1, 10_000},
            {shapeOps, 1, 10_000_000}, {shapeProcesses, 1, 10_000}, {kvOps, 1, 10_000_000}, {kvKeys, 1, 1_000_000}};
        String[] names = {"--warm-passes", "--ops", "--keys", "--processes", "--shape-ops", "--shape-processes", "--kv-ops",
            "--kv-keys"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i][0] < counts[i][1] || counts[i][0] > counts[i][2]) {
                return names[i] + " " + counts[i][0] + " is not between " + counts[i][1] + " and " + counts[i][2];
            }
        }
        for (double share : infoShares) {
            if (!(share >= 0 && share < 1)) {
                return "--info " + share + " is not a share from 0 up to (not including) 1";
            }
        }
        return null;
    }

    private List<Folder> folders() {
        if (dirs != null) {
            List<Folder> given = new ArrayList<>();
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    spec.commandLine().getErr().println("faultline bench checker: --dir " + dir + " is not a directory");
                    return null;
                }
                given.add(new Folder(dir.getFileName().toString(), dir, "", "", null));
            }
            return given;
        }
        Path root = corpusRoot();
        if (!Files.isDirectory(root)) {
            spec.commandLine().getErr().println("faultline bench checker: no corpora at " + root + " (use --corpus DIR or --dir DIR)");
            return null;
        }
        return List.of(
                new Folder("Porcupine etcd logs", root.resolve("porcupine/etcd"), ".log", "", RegisterModel.register()),
                new Folder("Porcupine kv logs", root.resolve("porcupine/kv"), ".txt", "", RegisterModel.kv()),
                new Folder("Knossos memstress3", root.resolve("knossos/cas-register/good"), ".edn", "memstress3-",
                        RegisterModel.casRegister()));
    }

    private Path corpusRoot() {
        if (corpus != null) {
            return corpus.toAbsolutePath().normalize();
        }
        String home = System.getProperty("faultline.home", ".");
        return Path.of(home).resolve("../shared/corpora").toAbsolutePath().normalize();
    }

    private void benchFolders(PrintWriter out, List<Folder> folders) {
        out.printf("%n(a) folders of histories: one cold pass, then %d warmed; check times per file, parse apart%n", warmPasses);
        out.printf("%-22s %6s %10s %12s %12s %10s  %-22s %10s %10s %s%n", "suite", "files", "cold ms",
                "warm min ms", "warm med ms", "slowest", "slowest file (median)", "parse ms", "peak heap", "verdicts");
        List<List<Path>> files = new ArrayList<>();
        for (Folder folder : folders) {
            files.add(list(folder));
        }
        double[][][] checkMs = new double[folders.size()][][];
        double[][][] parseMs = new double[folders.size()][][];
        int[] violations = new int[folders.size()];
        long[] peak = new long[folders.size()];
        // per folder, the files that cannot be checked, with why: each is told once and timed no more
        List<Map<Path, String>> unreadable = new ArrayList<>();
        for (int f = 0; f < folders.size(); f++) {
            checkMs[f] = new double[files.get(f).size()][warmPasses + 1];
            parseMs[f] = new double[files.get(f).size()][warmPasses + 1];
            unreadable.add(new LinkedHashMap<>());
        }
        // passes interleave the folders, so each folder's warm passes see the same warmed JVM
        for (int pass = 0; pass <= warmPasses; pass++) {
            for (int f = 0; f < folders.size(); f++) {
                resetPeakHeap();
                violations[f] = runFolder(folders.get(f), files.get(f), pass, checkMs[f], parseMs[f], unreadable.get(f));
                peak[f] = Math.max(peak[f], peakHeap());
            }
        }
        unreadable.forEach(skipped -> skipped.values().forEach(why -> out.println("skipped " + why)));
        for (int f = 0; f < folders.size(); f++) {
            double cold = 0;
            double min = 0;
            double median = 0;
            double parse = 0;
            double slowest = -1;
            String slowestFile = "-";
            for (int i = 0; i < files.get(f).size(); i++) {
                if (unreadable.get(f).containsKey(files.get(f).get(i))) {
                    continue;
                }
                double[] warm = warm(checkMs[f][i]);
                cold += checkMs[f][i][0];
                min += warm[0];
                median += median(warm);
                parse += median(warm(parseMs[f][i]));
                if (median(warm) > slowest) {
                    slowest = median(warm);
                    slowestFile = files.get(f).get(i).getFileName().toString();
                }
            }
            out.printf("%-22s %6d %10.1f %12.1f %12.1f %10.2f  %-22s %10.1f %7d MB %d not linearizable%n",
                    folders.get(f).title(), files.get(f).size() - unreadable.get(f).size(), cold, min, median, slowest, slowestFile, parse,
                    peak[f] >> 20, violations[f]);
        }
        if (perFile) {
            out.printf("%n%-22s %-28s %10s %10s %10s%n", "suite", "file", "cold ms", "min ms", "median ms");
            for (int f = 0; f < folders.size(); f++) {
                for (int i = 0; i < files.get(f).size(); i++) {
                    if (unreadable.get(f).containsKey(files.get(f).get(i))) {
                        continue;
                    }
                    double[] warm = warm(checkMs[f][i]);
                    out.printf("%-22s %-28s %10.2f %10.2f %10.2f%n", folders.get(f).title(),
                            files.get(f).get(i).getFileName(), checkMs[f][i][0], warm[0], median(warm));
                }
            }
        }
    }

    /** The warmed passes' times, sorted; the cold one alone when there are none. */
    private static double[] warm(double[] passes) {
        double[] warm = passes.length > 1 ? Arrays.copyOfRange(passes, 1, passes.length) : passes.clone();
        Arrays.sort(warm);
        return warm;
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static List<Path> list(Folder folder) {
        try (Stream<Path> entries = Files.list(folder.directory())) {
            List<Path> found = entries.filter(folder::includes).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(folder.directory() + " holds no histories");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(folder.directory() + ": " + e.getMessage(), e);
        }
    }

    /** Times each file; one that cannot be read or checked goes into {@code unreadable}, with why, and is left out. */
    private int runFolder(Folder folder, List<Path> files, int pass, double[][] checkMs, double[][] parseMs,
            Map<Path, String> unreadable) {
        int violations = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (unreadable.containsKey(file)) {
                continue;
            }
            try {
                long start = System.nanoTime();
                List<Operation> operations = folder.read(file).operations();
                Model<?> model = folder.modelFor(file, operations);
                long parsed = System.nanoTime();
                CheckResult result = LinearizabilityChecker.check(operations, model, budget());
                checkMs[i][pass] = (System.nanoTime() - parsed) / 1e6;
                parseMs[i][pass] = (parsed - start) / 1e6;
                violations += result.verdict() == Verdict.NOT_LINEARIZABLE ? 1 : 0;
            } catch (HistoryFormatException | UncheckedIOException e) {
                unreadable.put(file, Echo.line(e.getMessage()));
            } catch (IllegalArgumentException e) {
                unreadable.put(file, Echo.line(file + ": " + e.getMessage()));
            }
        }
        return violations;
    }

    private void benchShapes(PrintWriter out) {
        out.printf("%n(b) hot key: one register, %,d ops, %d processes, seed %d (GeneratedHistory.singleRegister), a failed "
                + "cas as JSONL means it (it did not happen) and as Porcupine's etcd logs do (it ran and saw another value); "
                + "check ms cold, then min and median of %d more%n", shapeOps, shapeProcesses, seed, warmPasses);
        out.printf("%-6s %-16s %-15s %10s %10s %10s %10s  %s%n", "info", "impossible read", "failed cas", "info ops",
                "cold ms", "min ms", "median ms", "verdict");
        for (double share : infoShares) {
            for (GeneratedHistory.ImpossibleRead read : GeneratedHistory.ImpossibleRead.values()) {
                History generated = GeneratedHistory.singleRegister(seed, shapeOps, shapeProcesses, share, read);
                for (boolean casRan : new boolean[] {false, true}) {
                    List<Operation> operations = (casRan ? PorcupineEtcdLog.withFailedCasRun(generated) : generated).operations();
                    long info = operations.stream().filter(Operation::isIndeterminate).count();
                    double[] ms = new double[warmPasses + 1];
                    Verdict verdict = null;
                    for (int pass = 0; pass <= warmPasses; pass++) {
                        long start = System.nanoTime();
                        verdict = LinearizabilityChecker.check(operations, RegisterModel.register(), shapeBudget()).verdict();
                        ms[pass] = (System.nanoTime() - start) / 1e6;
                    }
                    double[] warm = warm(ms);
                    out.printf("%-6.2f %-16s %-15s %10d %10.1f %10.1f %10.1f  %s%n", share, read.name().toLowerCase(Locale.ROOT),
                            casRan ? "ran" : "did not happen", info, ms[0], warm[0], median(warm), verdict);
                }
            }
        }
    }

    private void benchKv(PrintWriter out) {
        out.printf("%n(d) kv: get, put and append on strings, %,d ops over %d keys, %d processes, seed %d "
                + "(GeneratedKvHistory); check ms cold, then min and median of %d more, each within %s%n", kvOps, kvKeys,
                shapeProcesses, seed, warmPasses, Durations.format(shapeTimeLimit));
        out.printf("%-6s %-16s %10s %10s %10s %10s %12s  %s%n", "info", "impossible read", "info ops", "cold ms", "min ms",
                "median ms", "max memo", "verdict");
        for (double share : infoShares) {
            for (GeneratedHistory.ImpossibleRead read : GeneratedHistory.ImpossibleRead.values()) {
                List<Operation> operations =
                        GeneratedKvHistory.generate(seed, kvOps, kvKeys, shapeProcesses, share, read).operations();
                long info = operations.stream().filter(Operation::isIndeterminate).count();
                double[] ms = new double[warmPasses + 1];
                CheckResult result = null;
                for (int pass = 0; pass <= warmPasses; pass++) {
                    long start = System.nanoTime();
                    result = LinearizabilityChecker.check(operations, RegisterModel.kv(), shapeBudget().checkingEveryPartition());
                    ms[pass] = (System.nanoTime() - start) / 1e6;
                }
                double[] warm = warm(ms);
                long memo = result.partitions().stream().mapToLong(PartitionResult::memoEntries).max().orElse(0);
                out.printf("%-6.2f %-16s %10d %10.1f %10.1f %10.1f %,12d  %s%n", share, read.name().toLowerCase(Locale.ROOT),
                        info, ms[0], warm[0], median(warm), memo, verdicts(result));
            }
        }
    }

    /** The total verdict, with how many keys were not linearizable or unknown. */
    private static String verdicts(CheckResult result) {
        long bad = result.violations().size();
        long unknown = result.partitions().stream().filter(p -> p.verdict() == Verdict.UNKNOWN).count();
        return result.verdict() + (bad + unknown == 0 ? "" : " (keys: " + bad + " not linearizable, " + unknown + " unknown)");
    }

    private Budget shapeBudget() {
        return budget().withTimeLimit(shapeTimeLimit);
    }

    private void benchGenerated(PrintWriter out) {
        out.printf("%n(c) generated kv history: %,d ops over %,d keys, %d processes, seed %d%n", ops, keys, processes, seed);
        for (boolean staleRead : new boolean[] {false, true}) {
            System.gc();
            resetPeakHeap();
            long start = System.nanoTime();
            History history = GeneratedHistory.kvRegisters(seed, ops, keys, processes, staleRead);
            double generateMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            CheckResult result = LinearizabilityChecker.check(history, RegisterModel.register(), budget());
            double checkMs = (System.nanoTime() - start) / 1e6;
            out.printf("%-28s generated in %,8.0f ms, checked in %,8.0f ms (%,.0f ops/s), peak heap %,d MB: %s%n",
                    staleRead ? "with one stale read" : "linearizable by construction", generateMs, checkMs,
                    ops / (checkMs / 1000), peakHeap() >> 20, result.verdict());
        }
    }

    private Budget budget() {
        return threads == null ? Budget.defaults() : Budget.defaults().withThreads(threads);
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
