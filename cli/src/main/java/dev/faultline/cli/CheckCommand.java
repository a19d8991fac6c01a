package dev.faultline.cli;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.CounterChecker;
import dev.faultline.checker.LinearizabilityChecker;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.LostWrites;
import dev.faultline.checker.PartitionResult;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormat;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.InputFile;
import dev.faultline.history.OpException;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import dev.faultline.model.Model;
import dev.faultline.model.Models;
import dev.faultline.scenario.Durations;
import dev.faultline.report.LevelReport;
import dev.faultline.report.Naming;
import dev.faultline.report.OutputFile;
import dev.faultline.report.ReportHtml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline check FILE...}: is each of these histories linearizable? */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks histories for linearizability and prints the verdict per key and in total, file by file.",
            "Each violation is explained: its anomaly, the longest linearizable prefix found, the op that cannot "
                    + "follow it, the ops concurrent with it, and why no order helps.",
            "A counter's history (adds of integers, reads of totals) gets the counter checker instead, as its run did: "
                    + "each total read must lie within the increments that may have happened; a set's (add, read of "
                    + "a collection) and the sequence writers' (append, read-all) get the lost-writes checker: every "
                    + "acknowledged write in the final read (--model set checks a set for linearizability).",
            "Exit codes: 0 linearizable (or valid), 1 not linearizable (or invalid), 3 unknown (budget ran out), 2 bad input, "
                    + "5 internal fault (its trace in a file the message names); for several files the worst of theirs, "
                    + "in the order 1, 2, 3, 0."
        })
public final class CheckCommand implements Callable<Integer> {

    static final int EXIT_LINEARIZABLE = 0;
    static final int EXIT_NOT_LINEARIZABLE = 1;
    static final int EXIT_UNKNOWN = 3;
    private static final int MAX_KEY_ROWS = 20;
    /** An initial register value is short; the bound also keeps the EDN parser's recursion shallow. */
    private static final int MAX_INITIAL_CHARS = 200;
    /**
     * Up to this many ops every key is searched to its own verdict, as a run checks its history, so the count of
     * keys not linearizable is the run's; past it the check stops at the first violation unless --all-keys.
     */
    static final int EVERY_KEY_UP_TO_OPS = 20_000;
    /** More threads than this only add helpers that wait for a core. */
    static final int MAX_THREADS = 256;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "the histories: JSONL, Jepsen EDN, or Porcupine logs, each checked on its own")
    List<Path> files;

    /** The file being checked. */
    private Path file;
    /** Its format, once read: it tells the line of an event a checker finds at fault. */
    private HistoryFormat readAs;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, jsonl, edn, porcupine-etcd or porcupine-kv (default: ${DEFAULT-VALUE}, "
                    + "from the extension, then the content)")
    String format;

    @Option(names = "--model", defaultValue = "auto", paramLabel = "MODEL",
            description = "auto, " + Models.NAMES + ", or " + CounterChecker.NAME + " (the counter checker) "
                    + "(default: ${DEFAULT-VALUE}, from the format and the ops)")
    String model;

    @Option(names = "--initial", paramLabel = "EDN",
            description = "the initial value of each register, as EDN (e.g. 0, nil, '\"\"')")
    String initial;

    @Option(names = "--time-limit", defaultValue = "60s", paramLabel = "DURATION", converter = TimeLimitConverter.class,
            description = "give up with verdict unknown after this long, reading included; 1ms to 24h, e.g. 500ms, 30s, 5m "
                    + "(default: ${DEFAULT-VALUE})")
    Duration timeLimit;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to check with: keys side by side, and idle ones helping a long search of one key "
                    + "(default: every core)")
    Integer threads;

    @Option(names = "--all-keys",
            description = "search every key to its own verdict, even once one key is found not linearizable (always "
                    + "done for a history of up to 20000 ops)")
    boolean allKeys;

    @Option(names = "--html", paramLabel = "OUT",
            description = "also draw the history and its verdict into this self-contained HTML file, replaced whole; "
                    + "a symlink named here is written through to its file, as a shell's > would; never the history itself")
    Path html;

    /** Exit codes from best to worst: a violation outranks a file that could not be read. */
    private static final List<Integer> EXIT_RANK =
            List.of(EXIT_LINEARIZABLE, EXIT_UNKNOWN, Faultline.EXIT_BAD_INPUT, EXIT_NOT_LINEARIZABLE);

    @Override
    public Integer call() {
        if (html != null && files.size() > 1) {
            spec.commandLine().getErr().println("faultline check: --html draws one history; give one FILE with it, not "
                    + files.size());
            return Faultline.EXIT_BAD_INPUT;
        }
        List<String> models = new ArrayList<>(List.of("auto"));
        models.addAll(List.of(Models.NAMES.split(", ")));
        models.add(CounterChecker.NAME);
        if (!models.contains(model)) {
            spec.commandLine().getErr().println("faultline check: --model " + Echo.of(model) + " is not one of "
                    + String.join(", ", models));
            return Faultline.EXIT_BAD_INPUT;
        }
        if (threads != null && (threads < 1 || threads > MAX_THREADS)) {
            spec.commandLine().getErr().println("faultline check: --threads " + threads + " is not between 1 and " + MAX_THREADS);
            return Faultline.EXIT_BAD_INPUT;
        }
        int worst = EXIT_LINEARIZABLE;
        int[] count = new int[4];
        for (Path each : files) {
            if (files.size() > 1 && each != files.get(0)) {
                spec.commandLine().getOut().println();
            }
            file = each;
            readAs = null;
            int exit = checkFile();
            count[EXIT_RANK.indexOf(exit)]++;
            worst = EXIT_RANK.indexOf(exit) > EXIT_RANK.indexOf(worst) ? exit : worst;
        }
        if (files.size() > 1) {
            spec.commandLine().getOut().printf("%n%d files: %d linearizable, %d NOT LINEARIZABLE, %d unknown, %d bad input%n",
                    files.size(), count[0], count[3], count[1], count[2]);
        }
        return worst;
    }

    private int checkFile() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Deadline deadline = Deadline.after(timeLimit);
        try {
            InputFile.requireRegular(file, "a history file");
            if (html != null) {
                requireOutput(html, file);
            }
            if (initial != null && initial.length() > MAX_INITIAL_CHARS) {
                throw new HistoryFormatException("--initial", 0, "is " + initial.length()
                        + " characters; allowed: an EDN value of up to " + MAX_INITIAL_CHARS + ", such as 0, nil or '\"\"'");
            }
            Optional<Read> read = deadline.run(() -> {
                HistoryFormat detected = format.equals("auto") ? HistoryFormat.detect(file) : parseFormat(format);
                return new Read(detected, detected.read(file, warning -> err.println("faultline check: warning: " + warning)));
            });
            if (read.isEmpty()) {
                err.println("faultline check: " + file + ": the time limit (" + Durations.format(timeLimit)
                        + ") ran out while reading the history; verdict unknown");
                return EXIT_UNKNOWN;
            }
            HistoryFormat historyFormat = read.get().format();
            readAs = historyFormat;
            // an empty history is linearizable (and valid), as Porcupine takes its empty etcd_095.log
            History history = read.get().history();
            boolean untimed = LevelReport.untimed(history);
            // Jepsen's and Porcupine's logs carry no times: the event index becomes the clock.
            history = LevelReport.timed(history);
            List<Operation> operations = history.operations();
            Naming naming = Naming.ofHistoryFile(file, history, warning -> err.println("faultline check: warning: " + warning));
            CheckerResult other = otherChecker(operations, history);
            if (other != null) {
                return report(out, historyFormat, history, untimed, other, naming);
            }
            Model<?> chosen = Models.choose(model, historyFormat, operations, initial);
            Budget budget = Budget.defaults().withTimeLimit(deadline.remaining());
            if (threads != null) {
                budget = budget.withThreads(threads);
            }
            boolean everyKey = allKeys || operations.size() <= EVERY_KEY_UP_TO_OPS;
            CheckResult result = LinearizabilityChecker.check(
                    operations, chosen, everyKey ? budget.checkingEveryPartition() : budget);
            print(out, historyFormat, history, operations, untimed, result, naming);
            writeHtml(out, history, untimed, LinearizabilityResult.of(result, history), naming);
            return switch (result.verdict()) {
                case LINEARIZABLE -> EXIT_LINEARIZABLE;
                case NOT_LINEARIZABLE -> EXIT_NOT_LINEARIZABLE;
                case UNKNOWN -> EXIT_UNKNOWN;
            };
        } catch (HistoryFormatException e) {
            err.println("faultline check: " + e.getMessage());
        } catch (OpException e) {
            long line = readAs == null ? 0 : readAs.lineOf(file, e.position());
            err.println("faultline check: " + new HistoryFormatException(file.toString(), line, e.getMessage()).getMessage());
        } catch (IllegalArgumentException e) {
            err.println(Echo.line("faultline check: " + file + ": " + e.getMessage()));
        } catch (UncheckedIOException e) {
            err.println(Echo.line("faultline check: " + e.getMessage()));
        }
        return Faultline.EXIT_BAD_INPUT;
    }

    private record Read(HistoryFormat format, History history) {}

    /**
     * The checker the run that wrote such a history used, where it is not linearizability: the counter checker
     * for counters, lost writes for a set's adds against its final read (as Jepsen's set checker; {@code --model
     * set} checks linearizability instead) and for the sequence writers' appends. Null: check linearizability.
     */
    private CheckerResult otherChecker(List<Operation> operations, History history) {
        boolean auto = model.equals("auto");
        // an empty history is every model's: a counter asked for by name over no ops is valid
        if (model.equals(CounterChecker.NAME) && !operations.isEmpty() && !CounterChecker.fits(operations)) {
            throw new IllegalArgumentException("--model " + CounterChecker.NAME + ": this is not a counter's history; allowed: "
                    + "adds of integer deltas and reads of integer totals, nothing else");
        }
        if (model.equals(CounterChecker.NAME) || auto && CounterChecker.fits(operations)) {
            requireNoInitial(CounterChecker.NAME, "a counter starts at 0");
            return CounterChecker.check(history);
        }
        if (auto && LostWrites.fitsSet(operations)) {
            requireNoInitial(LostWrites.NAME, "a set starts empty");
            return LostWrites.ofSet(history);
        }
        if (auto && LostWrites.fitsSequences(operations)) {
            requireNoInitial(LostWrites.NAME, "a writer's numbers start at 1");
            return LostWrites.ofSequences(history);
        }
        return null;
    }

    private void requireNoInitial(String checker, String why) {
        if (initial != null) {
            throw new IllegalArgumentException("the " + checker + " checker takes no --initial value: " + why);
        }
    }

    /** Another checker's verdict, as a run reports it: its findings (for counters, every counter's bounds) and summary. */
    private int report(PrintWriter out, HistoryFormat historyFormat, History history, boolean untimed, CheckerResult result,
            Naming naming) {
        header(out, historyFormat, history, "checker " + result.checker());
        if (result instanceof CounterChecker.Counters counters) {
            String row = "%-12s  %12s  %13s  %s%n";
            out.printf(row, "key", "acknowledged", "indeterminate", "final total");
            for (CounterChecker.Result key : counters.keys()) {
                out.printf(row, Values.show(key.key()), key.acknowledged(), key.indeterminate(),
                        key.last() == null ? "never read" : key.last().sentence());
            }
            out.println();
        } else if (!result.findings().isEmpty()) {
            result.findings().forEach(f -> out.println(f.title() + ": " + naming.inSentence(f.sentence())));
            out.println();
        }
        out.printf("%s: %s%n", result.validity() == Validity.INVALID ? "INVALID" : result.validity().name().toLowerCase(Locale.ROOT),
                result.summary());
        writeHtml(out, history, untimed, result, naming);
        return switch (result.validity()) {
            case VALID -> EXIT_LINEARIZABLE;
            case INVALID -> EXIT_NOT_LINEARIZABLE;
            case UNKNOWN -> EXIT_UNKNOWN;
        };
    }

    /** The file, its size and format, and what checks it: {@code model register}, {@code checker counter}. */
    private void header(PrintWriter out, HistoryFormat historyFormat, History history, String checkedBy) {
        out.printf("%s: %d event%s, %s format, %s%n%n", file, history.size(), history.size() == 1 ? "" : "s",
                historyFormat.label(), checkedBy);
    }

    /** With --html, the history and the result drawn; the verdict stands whatever happens to the report: a failed write is a warning. */
    private void writeHtml(PrintWriter out, History history, boolean untimed, CheckerResult result, Naming naming) {
        if (html == null) {
            return;
        }
        try {
            ReportHtml.write(html, file.getFileName().toString(), new LevelReport(
                    file.getFileName().toString(), history, untimed, Availability.of(history), List.of(result), null), naming);
            out.printf("%nwrote %s%n", html);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("faultline check: warning: --html: " + Echo.line(e.getMessage()));
        }
    }

    /** A bad --html, or one that would replace the history it draws, is refused before the check spends any time. */
    private static void requireOutput(Path html, Path history) {
        try {
            OutputFile.target(html);
            if (Files.exists(html) && Files.isSameFile(html, history)) {
                throw new IllegalArgumentException(html + " is the history being checked; give another file for the report");
            }
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("--html", 0, e.getMessage());
        } catch (IOException e) {
            throw new HistoryFormatException("--html", 0, html + ": " + e.getMessage());
        }
    }

    private static HistoryFormat parseFormat(String name) {
        for (HistoryFormat candidate : HistoryFormat.values()) {
            if (candidate.label().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--format " + Echo.of(name) + " is not one of auto, jsonl, edn, porcupine-etcd, porcupine-kv");
    }

    private void print(PrintWriter out, HistoryFormat historyFormat, History history, List<Operation> operations, boolean untimed,
            CheckResult result, Naming naming) {
        header(out, historyFormat, history, "model " + result.model());
        List<PartitionResult> partitions = result.partitions();
        List<String[]> rows = new ArrayList<>();
        int shown = 0;
        for (PartitionResult partition : partitions) {
            boolean interesting = partition.verdict() != Verdict.LINEARIZABLE && !partition.stopped();
            boolean fewKeys = partitions.size() <= MAX_KEY_ROWS;
            boolean firstLinearizable = partition.verdict() == Verdict.LINEARIZABLE && shown < MAX_KEY_ROWS / 2;
            if (interesting || !partition.stopped() && (fewKeys || firstLinearizable)) {
                rows.add(new String[] {keyName(partition), Integer.toString(partition.operations()), describe(partition)});
                shown++;
            }
        }
        // the keys not listed one by one get a row each kind, so the ops column adds up to TOTAL
        List<PartitionResult> stopped = partitions.stream().filter(PartitionResult::stopped).toList();
        if (!stopped.isEmpty()) {
            rows.add(new String[] {"(" + more(stopped.size()) + ")", Integer.toString(ops(stopped)),
                    "not finished once a violation was found; --all-keys checks " + (stopped.size() == 1 ? "it" : "them")});
        }
        int hidden = partitions.size() - shown - stopped.size();
        if (hidden > 0) {
            int listedOps = rows.stream().mapToInt(row -> Integer.parseInt(row[1])).sum();
            rows.add(new String[] {"(" + more(hidden) + ")", Integer.toString(ops(partitions) - listedOps),
                    hidden == 1 ? "linearizable" : "all linearizable"});
        }
        boolean keyed = partitions.size() > 1 || !partitions.isEmpty() && partitions.get(0).key() != null;
        rows.add(new String[] {"TOTAL", Integer.toString(ops(partitions)),
                label(result.verdict()) + "   (" + (keyed ? keys(partitions.size()) + ", " : "") + result.elapsed().toMillis() + " ms)"});
        int keyWidth = Math.max(5, rows.stream().mapToInt(row -> row[0].length()).max().orElse(5));
        String row = "%-" + keyWidth + "s  %7s  %s%n";
        out.printf(row, "key", "ops", "verdict");
        rows.forEach(cells -> out.printf(row, (Object[]) cells));
        List<PartitionResult> violations = result.violations();
        if (!violations.isEmpty()) {
            ViolationText text = ViolationText.of(history, untimed, naming);
            boolean clocksSkewed = Availability.of(history).clocksSkewed();
            for (PartitionResult partition : violations) {
                out.println();
                text.lines(partition, Anomaly.of(partition.counterexample(), operations, clocksSkewed))
                        .forEach(out::println);
            }
        }
    }

    private static int ops(List<PartitionResult> partitions) {
        return partitions.stream().mapToInt(PartitionResult::operations).sum();
    }

    private static String more(int n) {
        return n + (n == 1 ? " more key" : " more keys");
    }

    private static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    private static String describe(PartitionResult partition) {
        return partition.verdict() == Verdict.UNKNOWN
                ? label(partition.verdict()) + " (" + partition.unknownReason() + ")"
                : label(partition.verdict());
    }

    private static String label(Verdict verdict) {
        return verdict == Verdict.NOT_LINEARIZABLE ? "NOT LINEARIZABLE" : verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String keyName(PartitionResult partition) {
        return partition.key() == null ? "(all)" : Values.show(partition.key());
    }
}
