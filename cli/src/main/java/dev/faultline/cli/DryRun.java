package dev.faultline.cli;

import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.Step;
import dev.faultline.nemesis.Schedule;
import dev.faultline.scenario.ClusterSpec;
import dev.faultline.scenario.Durations;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.ScenarioException;
import dev.faultline.scenario.ScenarioParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a run of a scenario or lesson file would do, found without a cluster: the file parsed and
 * cross-checked, the nodes weighed against this machine, the fault schedule drawn from the seed.
 */
final class DryRun {

    /** The seed a plan is drawn with when neither the file nor --seed gives one (a real run draws its own). */
    static final long PLAN_SEED = 1;

    private DryRun() {
    }

    /**
     * Prints the plan of {@code file} to {@code out}; a lesson has no seed (its steps are the plan).
     *
     * @param backendCheck refuses, as a real run's backend would, a cluster it cannot start (a release its JDK
     *                     does not run)
     * @throws ScenarioException when the file cannot run, naming the line
     * @throws IllegalArgumentException when the backend would refuse the cluster
     */
    static void plan(Path file, Long seed, Duration duration, boolean localBackend, Consumer<ClusterSpec> backendCheck,
                     PrintWriter out) {
        String text = ScenarioParser.text(file);
        if (LessonParser.isLesson(text)) {
            if (duration != null) {
                throw new ScenarioException(file, 0, 0, "a lesson has no duration: its steps run in order, the same every time");
            }
            Lesson lesson = LessonParser.parse(file, text);
            requireRoom(file, text, lesson.cluster(), localBackend);
            backendCheck.accept(lesson.cluster());
            out.printf("%s: lesson %s, %s, levels %s, %d steps%n", file, lesson.name(), cluster(lesson.cluster()),
                    lesson.levels(), lesson.steps().size());
            List<Step> steps = lesson.steps();
            for (int i = 0; i < steps.size(); i++) {
                out.printf("  %3d. %s%n", i + 1, steps.get(i).describe());
            }
            return;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file, text).with(seed, duration);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(file, 0, 0, "--duration: " + e.getMessage());
        }
        requireRoom(file, text, scenario.cluster(), localBackend);
        backendCheck.accept(scenario.cluster());
        long planSeed = scenario.seed() == null ? PLAN_SEED : scenario.seed();
        Schedule schedule = scenario.schedule(planSeed);
        out.printf("%s: scenario %s, %s, workload %s (%d clients, %s), levels %s, %s each%n", file, scenario.name(),
                cluster(scenario.cluster()), scenario.workload().getClass().getSimpleName().toLowerCase(Locale.ROOT),
                scenario.workload().concurrency(), rate(scenario.workload().rate()), scenario.levels(),
                Durations.format(scenario.duration()));
        int faults = schedule.faults().size();
        out.printf("  fault schedule, seed %d%s: %d fault%s%n", planSeed,
                scenario.seed() == null ? " (the file names none: a real run draws its own)" : "", faults, faults == 1 ? "" : "s");
        for (Schedule.Planned planned : schedule.faults()) {
            out.printf("  %8s to %-8s %s%n", Durations.format(planned.at()), Durations.format(planned.healAt()),
                    planned.fault().name() + " " + planned.fault().describe());
        }
    }

    /** Refuses, at the line of {@code nodes:}, more local nodes than this machine can host. */
    static void requireRoom(Path file, String text, ClusterSpec cluster, boolean localBackend) {
        String problem = localBackend ? MachineCapacity.problem(cluster.nodes()) : null;
        if (problem != null) {
            throw new ScenarioException(file, ScenarioParser.lineOf(text, "cluster", "nodes"), 0, "cluster." + problem);
        }
    }

    private static String cluster(ClusterSpec cluster) {
        return cluster.nodes() + " nodes (RF " + cluster.replicationFactor() + ")";
    }

    private static String rate(int rate) {
        return rate == 0 ? "as fast as they can" : rate + " ops/s";
    }
}
