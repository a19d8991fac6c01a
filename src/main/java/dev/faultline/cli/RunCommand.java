package dev.faultline.cli;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.ClusterBackends;
import dev.faultline.cluster.Topology;
import dev.faultline.cluster.k8s.KubernetesCluster;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.printerfacts.LocalReplicas;
import dev.faultline.report.RunFiles;
import dev.faultline.report.Summary;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.ScenarioException;
import dev.faultline.scenario.ScenarioParser;
import dev.faultline.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code faultline run SCENARIO}: boots the local cluster, runs, records, checks, and says whether the expectations held. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario on a local Cassandra cluster: clients and faults on one clock, every op",
                "recorded in results/<scenario>-<time>/, the history checked, each consistency level compared.",
                "Exit 0: every expectation held; 1: one did not; 2: bad input; 4: the run could not complete."})
final class RunCommand implements Callable<Integer> {

    static final int EXIT_EXPECTATION_FAILED = 1;
    static final int EXIT_RUN_FAILED = 4;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "a scenario file, such as test-scenarios/partition-one-vs-quorum.yaml")
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

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "kubeconfig for --backend kube")
    private Optional<Path> kubeconfig;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        ClusterBackend clusters;
        try {
            clusters = ClusterBackends.byName(backend, kubeconfig);
            scenario = ScenarioParser.parse(file).with(seed, duration);
        } catch (ScenarioException e) {
            err.println("faultline: " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("faultline: " + file + ": " + e.getMessage());
            return Faultline.EXIT_BAD_INPUT;
        }
        long runSeed = scenario.seed() == null ? System.nanoTime() : scenario.seed();
        scenario = scenario.with(runSeed, null);
        Path runDir = results.resolve(scenario.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        out.println("faultline: starting " + scenario.cluster().nodes() + " Cassandra nodes (RF "
                + scenario.cluster().replicationFactor() + ") on the " + clusters.name() + " backend; run folder " + runDir);
        out.flush();
        List<LevelResult> levels;
        String backendDescription;
        try (Cluster cluster = clusters.start(new Topology(scenario.cluster().nodes(), scenario.cluster().replicationFactor()));
             LocalReplicas app = cluster instanceof LocalCluster local && scenario.cluster().printerfacts() > 0
                     ? LocalReplicas.on(local).perNode(scenario.cluster().printerfacts()).start() : null) {
            backendDescription = cluster.backendName() + " " + cluster.backendVersion();
            // on Kubernetes the fixtures deploy printerfacts behind its Service
            List<URI> printerfacts = app != null ? app.urls()
                    : cluster instanceof KubernetesCluster k8s ? List.of(k8s.printerfactsUri()) : List.of();
            levels = new ScenarioRunner(cluster, printerfacts, line -> {
                out.println(line);
                out.flush();
            }).run(scenario, runDir);
        } catch (RuntimeException e) {
            err.println("faultline: the run did not complete: " + e.getMessage());
            return EXIT_RUN_FAILED;
        }
        RunFiles.write(runDir, scenario, runSeed, backendDescription, levels);
        out.println();
        out.print(Summary.table(levels));
        out.println();
        out.println("history, analysis.json and summary.md in " + runDir);
        boolean held = levels.stream().allMatch(LevelResult::expectationsHeld);
        out.println(held ? "every expectation held" : "some expectations did NOT hold (see the table)");
        return held ? 0 : EXIT_EXPECTATION_FAILED;
    }
}
