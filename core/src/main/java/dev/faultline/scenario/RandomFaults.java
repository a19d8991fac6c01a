package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Partitions;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Jepsen-style exploration: every {@code every}, one fault drawn from {@code faults} with the
 * scenario's seed, on a random node, lasting {@code lasting}; then a quiet gap until the next.
 */
public record RandomFaults(Duration every, Duration lasting, List<FaultKind> faults, Duration startAfter) {

    /** The kinds of the vocabulary a random fault can be drawn from: one node picked, nothing else to say. */
    public static final Set<FaultKind> DRAWN = FaultKind.drawnAtRandom();

    static final Duration MIN_EVERY = Duration.ofSeconds(1);

    public RandomFaults {
        if (every == null || every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("random-faults.every must be a positive duration such as 20s");
        }
        if (every.compareTo(MIN_EVERY) < 0) {
            throw new IllegalArgumentException("random-faults.every is " + Durations.format(every)
                    + "; allowed: 1s or more (a fault needs time to take hold and heal)");
        }
        lasting = lasting == null ? every.dividedBy(2) : lasting;
        if (lasting.isZero() || lasting.isNegative()) {
            throw new IllegalArgumentException("random-faults.lasting must be positive, got " + Durations.format(lasting));
        }
        if (lasting.compareTo(every) >= 0) {
            throw new IllegalArgumentException("random-faults.lasting (" + Durations.format(lasting)
                    + ") must be shorter than every (" + Durations.format(every) + "), to leave a quiet gap");
        }
        if (faults == null || faults.isEmpty()) {
            throw new IllegalArgumentException("random-faults.faults must name at least one of " + FaultKind.ids(DRAWN));
        }
        for (FaultKind kind : faults) {
            if (!DRAWN.contains(kind)) {
                throw new IllegalArgumentException("random-faults.faults: " + kind.id() + " is not drawn at random; allowed: "
                        + FaultKind.ids(DRAWN));
            }
        }
        faults = List.copyOf(faults);
        startAfter = startAfter == null ? Duration.ZERO : startAfter;
    }

    /** The same random faults with their times multiplied by {@code factor}. */
    RandomFaults scaled(double factor) {
        return new RandomFaults(Durations.scaled(every, factor), Durations.scaled(lasting, factor), faults,
                Durations.scaled(startAfter, factor));
    }

    void validate(ClusterSpec cluster, Duration runLength) {
        if (cluster.nodes() < 2) {
            throw new IllegalArgumentException("random-faults needs at least 2 nodes");
        }
        if (startAfter.isNegative() || startAfter.compareTo(runLength) >= 0) {
            throw new IllegalArgumentException("random-faults.start-after (" + Durations.format(startAfter)
                    + ") must fall inside the run (0 to " + Durations.format(runLength) + ")");
        }
        long planned = runLength.minus(startAfter).toNanos() / every.toNanos() + 1;
        if (planned > Scenario.MAX_PLANNED_FAULTS) {
            throw new IllegalArgumentException("random-faults.every " + Durations.format(every) + " plans " + planned
                    + " faults in " + Durations.format(runLength) + "; allowed: up to " + Scenario.MAX_PLANNED_FAULTS);
        }
    }

    /** One fault of a kind drawn from {@link #faults}, on a node (and a shape) drawn from {@code random}. */
    Fault draw(List<String> nodes, Random random) {
        FaultKind kind = faults.get(random.nextInt(faults.size()));
        String node = nodes.get(random.nextInt(nodes.size()));
        return fault(kind, node, nodes, random);
    }

    /** What the backend must be able to do for any fault these kinds can draw. */
    Set<Capability> needs(List<String> nodes) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        faults.forEach(kind -> needs.addAll(fault(kind, nodes.get(0), nodes, new Random(0)).needs()));
        return needs;
    }

    private static Fault fault(FaultKind kind, String node, List<String> nodes, Random random) {
        return switch (kind) {
            case PARTITION -> random.nextBoolean() ? FaultSpec.isolate(node, nodes)
                    : new Fault.Cut("halves", Partitions.halves(nodes, random));
            case KILL -> new Fault.Kill(node);
            case PAUSE -> new Fault.Pause(node);
            case DRAIN -> new Fault.Drain(node);
            case CLIENTS_FROM_NODE -> new Fault.ClientsCut(node);
            case DRAIN_MACHINE -> new Fault.DrainMachine(node);
            case KILL_MACHINE -> new Fault.KillMachine(node);
            default -> throw new IllegalStateException(kind.id() + " is not drawn at random");
        };
    }
}
