package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.nemesis.Schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of one level, planned and random, on a cluster of a given shape over a run of a given length: checked
 * when made, and turned into a {@link Schedule} from a seed. A scenario's faults and a team's own test's are
 * planned by this one class.
 */
public record FaultPlan(List<FaultSpec> faults, RandomFaults randomFaults, ClusterSpec cluster, Duration duration) {

    public FaultPlan {
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (faults.size() > Scenario.MAX_PLANNED_FAULTS) {
            throw new IllegalArgumentException("faults lists " + faults.size() + " faults; allowed: up to "
                    + Scenario.MAX_PLANNED_FAULTS);
        }
        for (FaultSpec fault : faults) {
            fault.validate(cluster, duration);
        }
        if (randomFaults != null) {
            randomFaults.validate(cluster, duration);
        }
    }

    /** What the backend must be able to do for any schedule this plan can draw, whatever the seed. */
    public Set<Capability> needs() {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        List<String> nodes = cluster.nodeNames();
        faults.forEach(spec -> needs.addAll(spec.fault(nodes, new Random(0)).needs()));
        if (randomFaults != null) {
            needs.addAll(randomFaults.needs(nodes));
        }
        return needs;
    }

    /**
     * The faults as concrete events on the run's clock: random nodes and random shapes are drawn
     * here, once, from the seed, so the same seed gives the same faults.
     */
    public Schedule schedule(long seed) {
        Random random = new Random(seed);
        List<String> nodes = cluster.nodeNames();
        List<Schedule.Planned> planned = new ArrayList<>();
        for (FaultSpec spec : faults) {
            Duration healAt = spec.healAfter() == null ? duration : min(spec.at().plus(spec.healAfter()), duration);
            planned.add(new Schedule.Planned(spec.at(), healAt, spec.fault(nodes, random)));
        }
        if (randomFaults != null) {
            for (Duration at = randomFaults.startAfter(); at.compareTo(duration) < 0; at = at.plus(randomFaults.every())) {
                planned.add(new Schedule.Planned(at, min(at.plus(randomFaults.lasting()), duration),
                        randomFaults.draw(nodes, random)));
            }
        }
        planned.sort(Comparator.comparing(Schedule.Planned::at));
        return new Schedule(List.copyOf(planned));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
