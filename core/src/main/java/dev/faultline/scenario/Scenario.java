package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.nemesis.Schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One scenario: a cluster, a workload, faults on a schedule, and what must hold afterwards.
 * Built from YAML by {@link ScenarioParser} or in Java by {@link ScenarioBuilder}; invariants that
 * span fields are checked here, so both paths give the same errors.
 */
public record Scenario(
        String name,
        String description,
        ClusterSpec cluster,
        WorkloadSpec workload,
        List<Consistency> compare,
        Duration duration,
        Long seed,
        List<FaultSpec> faults,
        RandomFaults randomFaults,
        Map<Consistency, Expectation> expect) {

    public Scenario {
        Objects.requireNonNull(name, "name is required");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "name '" + name + "' must be lower-case letters, digits and dashes");
        }
        description = description == null ? "" : description;
        cluster = cluster == null ? ClusterSpec.DEFAULT : cluster;
        Objects.requireNonNull(workload, "workload is required");
        compare = compare == null ? List.of() : List.copyOf(compare);
        Objects.requireNonNull(duration, "duration is required");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, got " + Durations.format(duration));
        }
        if (workload instanceof WorkloadSpec.Printerfacts && cluster.printerfacts() < 1) {
            throw new IllegalArgumentException("the printerfacts workload needs cluster.printerfacts of 1 or more (replicas per node)");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration is " + Durations.format(duration)
                    + "; allowed: up to " + Durations.format(MAX_DURATION) + " per level");
        }
        faults = new FaultPlan(faults, randomFaults, cluster, duration).faults();
        expect = expect == null ? Map.of() : Map.copyOf(expect);
        for (Consistency level : expect.keySet()) {
            if (!levels(compare, workload).contains(level)) {
                throw new IllegalArgumentException("expect names " + level
                        + " but the scenario runs only at " + levels(compare, workload));
            }
        }
    }

    /** A run is at most a day per level: longer is a mistyped unit far more often than a plan. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** Faults on one level's schedule, fixed and random together: more cannot be healed and told apart in a report. */
    public static final int MAX_PLANNED_FAULTS = 1000;

    /** The consistency levels this scenario runs at: one run per level. */
    public List<Consistency> levels() {
        return levels(compare, workload);
    }

    private static List<Consistency> levels(List<Consistency> compare, WorkloadSpec workload) {
        return compare.isEmpty() ? List.of(workload.writeConsistency()) : compare;
    }

    /** What the backend must be able to do for any schedule this scenario can draw, whatever the seed. */
    public Set<Capability> needs() {
        return plan().needs();
    }

    /**
     * The faults as concrete events on the run's clock: random nodes and random shapes are drawn
     * here, once, from the seed, so the same seed gives the same faults.
     */
    public Schedule schedule(long seed) {
        return plan().schedule(seed);
    }

    private FaultPlan plan() {
        return new FaultPlan(faults, randomFaults, cluster, duration);
    }

    /**
     * The same scenario played faster or slower: the level's length and every time of its faults (when, for how
     * long, how often) multiplied by {@code factor}, as `faultline run --time-scale` asks; the shipped files keep
     * their lengths, and the integration tests play them scaled.
     */
    public Scenario scaled(double factor) {
        if (!(factor > 0) || factor > 100) {
            throw new IllegalArgumentException("the time scale is " + factor + "; allowed: above 0, up to 100");
        }
        return new Scenario(name, description, cluster, workload, compare, Durations.scaled(duration, factor), seed,
                faults.stream().map(f -> f.scaled(factor)).toList(),
                randomFaults == null ? null : randomFaults.scaled(factor), expect);
    }

    /**
     * As {@link #scaled(double)}, but a fault written at least {@code shortestFault} long is not made shorter than
     * that: a fault under a failure detector's conviction is another fault (timeouts alone, no refusals), so such a
     * fault is scaled less, and the level lengthened to play what followed it at {@code factor}.
     */
    public Scenario scaled(double factor, Duration shortestFault) {
        Scenario scaled = scaled(factor);
        Duration length = scaled.duration();
        List<FaultSpec> kept = new java.util.ArrayList<>();
        for (FaultSpec fault : faults) {
            if (fault.healAfter() == null) {
                kept.add(fault.scaled(factor));
                continue;
            }
            double own = fault.healAfter().compareTo(shortestFault) < 0 ? factor
                    : Math.max(factor, (double) shortestFault.toMillis() / fault.healAfter().toMillis());
            FaultSpec played = fault.scaled(own);
            kept.add(played);
            Duration after = duration.minus(fault.at()).minus(fault.healAfter());
            Duration end = played.at().plus(played.healAfter())
                    .plus(after.isNegative() ? Duration.ZERO : Durations.scaled(after, factor));
            length = end.compareTo(length) > 0 ? end : length;
        }
        return new Scenario(name, description, cluster, workload, compare, length, seed, kept, scaled.randomFaults(), expect);
    }

    /** The same scenario with another seed or duration, as `faultline run --seed/--duration` asks. */
    /** This scenario with its seed, or, where it names none, one drawn now: the one place a run's seed is chosen. */
    public Scenario seeded() {
        return seed != null ? this : with(System.nanoTime(), null);
    }

    public Scenario with(Long newSeed, Duration newDuration) {
        return new Scenario(name, description, cluster, workload, compare,
                newDuration == null ? duration : newDuration, newSeed == null ? seed : newSeed,
                faults, randomFaults, expect);
    }
}
