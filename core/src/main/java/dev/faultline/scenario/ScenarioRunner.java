package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.workload.Workload;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a scenario on a started cluster, once per consistency level: clients and nemesis on one
 * clock, every op recorded as it happens, then everything healed and the history checked.
 */
public final class ScenarioRunner {

    private final Cluster cluster;
    private final List<URI> printerfacts;
    private final Consumer<String> progress;
    private final LevelRunner levels;

    /**
     * @param printerfacts the app's replica URLs, for the printerfacts workload (empty when none run)
     */
    public ScenarioRunner(Cluster cluster, List<URI> printerfacts, Consumer<String> progress) {
        this.cluster = cluster;
        this.printerfacts = List.copyOf(printerfacts);
        this.progress = progress;
        this.levels = new LevelRunner(cluster, progress);
    }

    /** Runs every level of {@code scenario}, writing each level's history under {@code runDir/<level>/}. */
    public List<LevelResult> run(Scenario scenario, Path runDir) {
        String refusal = Capability.refusal(cluster.backendName(), cluster.capabilities(), scenario.needs());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + ", which scenario " + scenario.name() + " needs");
        }
        long seed = scenario.seeded().seed();
        progress.accept("scenario " + scenario.name() + ", seed " + seed);
        List<LevelResult> results = new ArrayList<>();
        for (Consistency level : scenario.levels()) {
            results.add(runLevel(scenario, level, seed, runDir.resolve(level.name())));
        }
        return results;
    }

    private LevelResult runLevel(Scenario scenario, Consistency level, long seed, Path dir) {
        // compare: runs every level for reads and writes alike; otherwise the workload's own levels stand
        WorkloadSpec spec = scenario.compare().isEmpty() ? scenario.workload() : scenario.workload().at(level);
        String run = (dir.getParent() == null ? dir : dir.getParent()).getFileName() + "-" + level + "-" + seed;
        return levels.run(level, dir, "session, schema, the workload's first values", scenario.expect().get(level), stage -> {
            long setupStart = System.nanoTime();
            Workload workload = spec.workload(stage.session(), run, printerfacts);
            progress.accept("level " + level + ": workload ready in " + Durations.seconds(System.nanoTime() - setupStart) + "; "
                    + spec.concurrency() + " clients for " + Durations.format(scenario.duration()) + ", history in "
                    + stage.historyFile());
            return ClientsUnderFaults.play(cluster, stage, level, workload,
                    new ClientsUnderFaults.Load(spec.concurrency(), spec.rate(), scenario.duration(), null),
                    scenario.schedule(seed), seed, progress, "run of " + scenario.name() + " at " + level);
        });
    }
}
