package dev.faultline.nemesis;

import dev.faultline.scenario.FaultSpec;
import dev.faultline.scenario.RandomFaults;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A scenario's faults as concrete events on the run's clock: random nodes and random shapes are
 * drawn here, once, from the seed, so the same seed gives the same faults.
 */
public record Schedule(List<Planned> faults) {

    /** A fault injected at {@code at} and healed at {@code healAt} (the run's end when it has no heal time). */
    public record Planned(Duration at, Duration healAt, Fault fault) {
    }

    public static Schedule plan(Scenario scenario, long seed) {
        Random random = new Random(seed);
        List<String> nodes = scenario.cluster().nodeNames();
        Duration end = scenario.duration();
        List<Planned> planned = new ArrayList<>();
        for (FaultSpec spec : scenario.faults()) {
            Duration healAt = spec.healAfter() == null ? end : min(spec.at().plus(spec.healAfter()), end);
            planned.add(new Planned(spec.at(), healAt, fault(spec, nodes, random)));
        }
        RandomFaults periodic = scenario.randomFaults();
        if (periodic != null) {
            for (Duration at = periodic.startAfter(); at.compareTo(end) < 0; at = at.plus(periodic.every())) {
                RandomFaults.Kind kind = periodic.faults().get(random.nextInt(periodic.faults().size()));
                planned.add(new Planned(at, min(at.plus(periodic.lasting()), end), fault(kind, nodes, random)));
            }
        }
        planned.sort(Comparator.comparing(Planned::at));
        return new Schedule(List.copyOf(planned));
    }

    private static Fault fault(FaultSpec spec, List<String> nodes, Random random) {
        if (spec instanceof FaultSpec.Partition p) {
            return switch (p.grouping()) {
                case ISOLATE_ONE -> isolate(pick(p.node(), nodes, random), nodes);
                case HALVES -> new Fault.Cut("halves", Partitions.halves(nodes, random));
                case BRIDGE -> new Fault.Cut("bridge", Partitions.bridge(nodes, random));
                case MAJORITIES_RING -> new Fault.Cut("majorities-ring", Partitions.majoritiesRing(nodes, random));
                case CLIENTS_FROM_NODE -> new Fault.ClientsCut(pick(p.node(), nodes, random));
            };
        }
        if (spec instanceof FaultSpec.Kill k) {
            return new Fault.Kill(pick(k.node(), nodes, random));
        }
        if (spec instanceof FaultSpec.Pause p) {
            return new Fault.Pause(pick(p.node(), nodes, random));
        }
        if (spec instanceof FaultSpec.Drain d) {
            return new Fault.Drain(pick(d.node(), nodes, random));
        }
        if (spec instanceof FaultSpec.Restart r) {
            return new Fault.RollingRestart(List.of(pick(r.node(), nodes, random)));
        }
        if (spec instanceof FaultSpec.ClockSkew c) {
            return new Fault.ClockSkew(c.offset(), c.clients());
        }
        return new Fault.RollingRestart(nodes);
    }

    private static Fault fault(RandomFaults.Kind kind, List<String> nodes, Random random) {
        String node = nodes.get(random.nextInt(nodes.size()));
        return switch (kind) {
            case PARTITION -> random.nextBoolean() ? isolate(node, nodes)
                    : new Fault.Cut("halves", Partitions.halves(nodes, random));
            case KILL -> new Fault.Kill(node);
            case PAUSE -> new Fault.Pause(node);
            case DRAIN -> new Fault.Drain(node);
            case CLIENTS_FROM_NODE -> new Fault.ClientsCut(node);
        };
    }

    private static Fault isolate(String node, List<String> nodes) {
        return new Fault.Cut("isolate " + node, Partitions.isolate(nodes, node));
    }

    private static String pick(String node, List<String> nodes, Random random) {
        return node == null || node.equals("random") ? nodes.get(random.nextInt(nodes.size())) : node;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
