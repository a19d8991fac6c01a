package dev.faultline.cli;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import dev.faultline.history.Echo;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.LessonRunner;
import dev.faultline.report.LessonView;
import dev.faultline.report.Platform;
import dev.faultline.report.RunFiles;
import dev.faultline.report.Summary;
import dev.faultline.scenario.ClusterSpec;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.ScenarioException;
import dev.faultline.scenario.ScenarioParser;
import dev.faultline.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code faultline run SCENARIO}: boots the local cluster, runs, records, checks, and says whether the expectations held. */
@Command(name = "run", mixinStandardHelpOptions = true,
        // one sentence an element: the command list shows the first element alone, picocli wraps each
        description = {"Runs a scenario on a local Cassandra cluster: clients and faults on one clock, every op "
                + "recorded in results/<scenario>-<time>/, the history checked, each consistency level compared.",
                "Exit 0: every expectation held; 1: one did not; 2: bad input; 4: the run could not complete."})
final class RunCommand implements Callable<Integer> {

    static final int EXIT_EXPECTATION_FAILED = 1;
    static final int EXIT_RUN_FAILED = 4;
    /** Runs of one name started in one second, far more than one machine starts. */
    private static final int MAX_SAME_NAME = 100;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "a scenario or lesson file, such as test-scenarios/partition-one-vs-quorum.yaml "
                    + "or test-scenarios/lessons/stale-read-at-one.yaml")
    private Path file;

    @Option(names = "--seed", description = "replaces the scenario's seed (faults and ops are drawn from it)")
    private Long seed;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "replaces the scenario's duration per level, such as 30s")
    private Duration duration;

    @Option(names = "--results", defaultValue = "results", description = "where run folders go (default: ${DEFAULT-VALUE})")
    private Path results;

    @Option(names = "--backend", defaultValue = "local", paramLabel = "local|k3s|kube",
            description = "where the cluster runs: local namespaces (default), k3s in Docker, or the cluster of a kubeconfig")
    private String backend;

    @Mixin
    private KubernetesOptions kubernetes;

    @Option(names = "--cassandra-version", paramLabel = "VERSION", defaultValue = Topology.DEFAULT_CASSANDRA_VERSION,
            description = "the Cassandra release the nodes run, resolved from your Maven repositories on first use"
                    + " (default: ${DEFAULT-VALUE})")
    private String cassandraVersion;

    @Option(names = "--dry-run",
            description = "parse, cross-check and plan the run, print the plan, and start nothing")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        ClusterBackend clusters;
        try {
            Topology.checkVersion(cassandraVersion);
        } catch (IllegalArgumentException e) {
            err.println(Echo.line("faultline: --cassandra-version: " + e.getMessage()));
            return Faultline.EXIT_BAD_INPUT;
        }
        try {
            clusters = ClusterBackends.byName(backend, kubernetes);
        } catch (IllegalArgumentException e) {
            err.println("faultline: " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        }
        try {
            String text = ScenarioParser.text(file);
            if (LessonParser.isLesson(text) && (seed != null || duration != null)) {
                throw new IllegalArgumentException("a lesson has no seed or duration: its steps run in order, the same every time");
            }
            if (dryRun) {
                DryRun.plan(file, seed, duration, backend.equals("local"), cluster -> clusters.check(topology(cluster)), out);
                return 0;
            }
            if (LessonParser.isLesson(text)) {
                Lesson lesson = LessonParser.parse(file, text);
                DryRun.requireRoom(file, text, lesson.cluster(), backend.equals("local"));
                requireCapabilities(clusters, lesson.needs());
                Topology topology = topology(lesson.cluster());
                clusters.check(topology);
                return runLesson(lesson, clusters, topology, out, err);
            }
            scenario = ScenarioParser.parse(file, text).with(seed, duration);
            DryRun.requireRoom(file, text, scenario.cluster(), backend.equals("local"));
            requireCapabilities(clusters, scenario.needs());
            clusters.check(topology(scenario.cluster()));
        } catch (ScenarioException e) {
            err.println("faultline: " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("faultline: " + file + ": " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        }
        scenario = scenario.seeded();
        long runSeed = scenario.seed();
        Path runDir = runDir(scenario.name(), err);
        if (runDir == null) {
            return Faultline.EXIT_BAD_INPUT;
        }
        announce(out, scenario.cluster(), clusters, runDir);
        List<LevelResult> levels;
        Platform platform;
        try (Cluster cluster = clusters.start(topology(scenario.cluster()), startOptions(runDir, out));
             PrinterfactsReplicas app = scenario.cluster().printerfacts() > 0
                     ? cluster.printerfacts(scenario.cluster().printerfacts()) : PrinterfactsReplicas.none()) {
            platform = Platform.of(cluster);
            levels = new ScenarioRunner(cluster, app.urls(), printing(out)).run(scenario, runDir);
            printing(out).accept("stopping the cluster");
        } catch (RuntimeException e) {
            err.println("faultline: the run did not complete: " + e.getMessage());
            return EXIT_RUN_FAILED;
        }
        Scenario ran = scenario;
        printing(out).accept("writing analysis.json, summary.md and report.html");
        writeRunFiles(err, () -> RunFiles.write(runDir, ran, runSeed, platform, levels));
        out.println();
        out.print(Summary.table(levels));
        return verdict(out, runDir, levels);
    }

    /** A fault the backend cannot put in place is refused before its cluster starts, not when the fault comes due. */
    private static void requireCapabilities(ClusterBackend clusters, Set<Capability> needs) {
        String refusal = Capability.refusal(clusters.name(), clusters.capabilities(), needs);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + "; run it on a backend that can ("
                    + Capability.whereMissing(clusters.capabilities(), needs) + ") or leave that fault out");
        }
    }

    /** The cluster a scenario or lesson asks for, on the release --cassandra-version names. */
    private Topology topology(ClusterSpec cluster) {
        return new Topology(cluster.nodes(), cluster.replicationFactor(), cassandraVersion);
    }

    private int runLesson(Lesson lesson, ClusterBackend clusters, Topology topology, PrintWriter out, PrintWriter err) {
        Path runDir = runDir(lesson.name(), err);
        if (runDir == null) {
            return Faultline.EXIT_BAD_INPUT;
        }
        announce(out, lesson.cluster(), clusters, runDir);
        List<LessonLevel> levels;
        Platform platform;
        try (Cluster cluster = clusters.start(topology, startOptions(runDir, out))) {
            platform = Platform.of(cluster);
            levels = new LessonRunner(cluster, printing(out)).run(lesson, runDir);
            printing(out).accept("stopping the cluster");
        } catch (RuntimeException e) {
            err.println("faultline: the lesson did not complete: " + e.getMessage());
            return EXIT_RUN_FAILED;
        }
        printing(out).accept("writing analysis.json, summary.md and report.html");
        writeRunFiles(err, () -> RunFiles.write(runDir, lesson, platform, levels));
        LessonView view = LessonView.of(lesson, levels);
        out.println();
        out.println("Question: " + view.question());
        out.println();
        out.print(view.markdown());
        out.println();
        out.println("Answer: " + view.answer());
        out.println();
        List<LevelResult> results = levels.stream().map(LessonLevel::result).toList();
        out.print(Summary.table(results));
        return verdict(out, runDir, results);
    }

    /** The verdict is the run's, not the disk's: a failed write of its files is a warning, never another exit code. */
    private static void writeRunFiles(PrintWriter err, Runnable write) {
        try {
            write.run();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println(Echo.line("faultline: warning: the run's report files were not all written: " + e.getMessage()));
        }
    }

    /** The new run folder, or null once a line says why --results takes none. */
    private Path runDir(String name, PrintWriter err) {
        try {
            return newRunDir(results, name, LocalDateTime.now());
        } catch (UncheckedIOException e) {
            err.println(Echo.line("faultline: --results: " + e.getMessage()));
            return null;
        }
    }

    /**
     * A run folder made new, so that nothing in it (a planted symlink above all) was put there by anyone else: a folder
     * of the same name (a run started in the same second) gets a number after its time.
     */
    static Path newRunDir(Path results, String name, LocalDateTime now) {
        String stamped = name + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(results);
            for (int n = 1; ; n++) {
                try {
                    return Files.createDirectory(results.resolve(n == 1 ? stamped : stamped + "-" + n));
                } catch (FileAlreadyExistsException taken) {
                    if (n == MAX_SAME_NAME) {
                        throw taken;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + results + ": " + e.getMessage(), e);
        }
    }

    private static void announce(PrintWriter out, ClusterSpec cluster, ClusterBackend clusters, Path runDir) {
        String driverLog = DriverLog.into(runDir);
        out.println("faultline: starting " + cluster.nodes() + " Cassandra nodes (RF " + cluster.replicationFactor()
                + ") on the " + clusters.name() + " backend; run folder " + runDir + " (driver log: " + driverLog + ")");
        out.flush();
    }

    /** Node logs into the run folder, and every long phase of the start on the console. */
    private static StartOptions startOptions(Path runDir, PrintWriter out) {
        return StartOptions.DEFAULTS.inRunDirectory(runDir).reportingTo(printing(out));
    }

    private static Consumer<String> printing(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    private static int verdict(PrintWriter out, Path runDir, List<LevelResult> levels) {
        out.println();
        out.println("history, analysis.json, summary.md and report.html in " + runDir);
        boolean held = levels.stream().allMatch(LevelResult::expectationsHeld);
        out.println(held ? "every expectation held" : "some expectations did NOT hold (see the table)");
        return held ? 0 : EXIT_EXPECTATION_FAILED;
    }
}
