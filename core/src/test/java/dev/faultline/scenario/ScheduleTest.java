package dev.faultline.scenario;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Partitions;
import dev.faultline.nemesis.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    private static Scenario random(long seed) {
        return ScenarioBuilder.named("explore").cluster(5, 2)
                .workload(new WorkloadSpec.Register(null, null, null, null, null, null))
                .duration(ofSeconds(300))
                .randomFaults(new RandomFaults(ofSeconds(10), ofSeconds(4),
                        List.copyOf(RandomFaults.DRAWN), ofSeconds(5)))
                .seed(seed).build();
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        assertThat(random(7).schedule(7)).isEqualTo(random(7).schedule(7));
        assertThat(random(7).schedule(7)).isNotEqualTo(random(8).schedule(8));
    }

    @Test
    void randomFaultsComeEveryPeriodAndLastTheirTimeWithinTheRun() {
        Schedule schedule = random(3).schedule(3);
        assertThat(schedule.faults()).hasSize(30);
        assertThat(schedule.faults()).extracting(Schedule.Planned::at)
                .startsWith(ofSeconds(5), ofSeconds(15)).endsWith(ofSeconds(295));
        assertThat(schedule.faults().get(0).healAt()).isEqualTo(ofSeconds(9));
        assertThat(schedule.faults().get(29).healAt()).isEqualTo(ofSeconds(299));
        Set<String> names = schedule.faults().stream().map(p -> p.fault().name()).collect(Collectors.toSet());
        assertThat(names).contains("partition", "kill", "pause", "drain", "clients-from-node");
    }

    @Test
    void eachFaultSpecBecomesTheFaultItNames() {
        Duration at = ofSeconds(1);
        Scenario scenario = ScenarioBuilder.named("every-fault").cluster(3, 2)
                .workload(new WorkloadSpec.Register(null, null, null, null, null, null))
                .duration(ofSeconds(60)).seed(1L)
                .fault(new FaultSpec.Partition(FaultSpec.Grouping.ISOLATE_ONE, "n3", at, ofSeconds(5)))
                .fault(new FaultSpec.Partition(FaultSpec.Grouping.CLIENTS_FROM_NODE, "n2", ofSeconds(2), null))
                .fault(new FaultSpec.Kill("n1", ofSeconds(3), ofSeconds(5)))
                .fault(new FaultSpec.Pause("n2", ofSeconds(4), ofSeconds(5)))
                .fault(new FaultSpec.Drain("n3", ofSeconds(5), ofSeconds(5)))
                .fault(new FaultSpec.Restart("n1", ofSeconds(6)))
                .fault(new FaultSpec.RollingRestart(ofSeconds(7)))
                .fault(new FaultSpec.ClockSkew(ofSeconds(-5), 2, ofSeconds(8), ofSeconds(5)))
                .build();
        List<Fault> faults = scenario.schedule(1).faults().stream().map(Schedule.Planned::fault).toList();
        assertThat(faults).containsExactly(
                new Fault.Cut("isolate n3", Partitions.isolate(List.of("n1", "n2", "n3"), "n3")),
                new Fault.ClientsCut("n2"),
                new Fault.Kill("n1"),
                new Fault.Pause("n2"),
                new Fault.Drain("n3"),
                new Fault.RollingRestart(List.of("n1")),
                new Fault.RollingRestart(List.of("n1", "n2", "n3")),
                new Fault.ClockSkew(ofSeconds(-5), 2));
        assertThat(scenario.schedule(1).faults().get(1).healAt()).isEqualTo(ofSeconds(60));
    }

    @Test
    void aScaledScenarioPlaysEveryTimeScaledAndTheSameFaults() {
        Scenario scenario = ScenarioBuilder.named("every-fault").cluster(3, 2)
                .workload(new WorkloadSpec.Register(null, null, null, null, null, null))
                .duration(ofSeconds(60)).seed(1L)
                .fault(new FaultSpec.Partition(FaultSpec.Grouping.HALVES, null, ofSeconds(5), ofSeconds(10)))
                .fault(new FaultSpec.Kill("n1", ofSeconds(20), ofSeconds(5)))
                .fault(new FaultSpec.Pause("n2", ofSeconds(30), ofSeconds(5)))
                .fault(new FaultSpec.Drain("n3", ofSeconds(40), null))
                .fault(new FaultSpec.Restart("n1", ofSeconds(45)))
                .fault(new FaultSpec.RollingRestart(ofSeconds(50)))
                .fault(new FaultSpec.ClockSkew(ofSeconds(-5), 2, ofSeconds(55), ofSeconds(3)))
                .randomFaults(new RandomFaults(ofSeconds(10), ofSeconds(4), List.of(FaultKind.KILL), ofSeconds(5)))
                .build();
        Scenario half = scenario.scaled(0.5);

        assertThat(half.duration()).isEqualTo(ofSeconds(30));
        Schedule full = scenario.schedule(1);
        Schedule scaled = half.schedule(1);
        assertThat(scaled.faults()).hasSameSizeAs(full.faults());
        for (int i = 0; i < full.faults().size(); i++) {
            assertThat(scaled.faults().get(i).at()).isEqualTo(full.faults().get(i).at().dividedBy(2));
            assertThat(scaled.faults().get(i).healAt()).isEqualTo(full.faults().get(i).healAt().dividedBy(2));
            assertThat(scaled.faults().get(i).fault()).as("the same nodes and shapes, drawn from the same seed")
                    .isEqualTo(full.faults().get(i).fault());
        }
        assertThat(((FaultSpec.ClockSkew) half.faults().get(6)).offset()).as("a skew is no time of the run").isEqualTo(ofSeconds(-5));
        assertThat(half.randomFaults().every()).isEqualTo(ofSeconds(5));
        assertThatThrownBy(() -> scenario.scaled(0)).hasMessageContaining("allowed: above 0");
        assertThatThrownBy(() -> scenario.scaled(Double.NaN)).hasMessageContaining("allowed: above 0");
    }

    @Test
    void aScaledFaultIsNotMadeShorterThanAskedAndTheLevelKeepsWhatFollowsIt() {
        Scenario scenario = ScenarioBuilder.named("short-faults").cluster(3, 2)
                .workload(new WorkloadSpec.Register(null, null, null, null, null, null))
                .duration(ofSeconds(40)).seed(1L)
                .fault(new FaultSpec.Partition(FaultSpec.Grouping.ISOLATE_ONE, "n3", ofSeconds(5), ofSeconds(30)))
                .fault(new FaultSpec.Kill("n1", ofSeconds(10), ofSeconds(5)))
                .fault(new FaultSpec.Restart("n2", ofSeconds(20)))
                .build();

        Scenario fifth = scenario.scaled(0.2, ofSeconds(8));

        FaultSpec partition = fifth.faults().get(0);
        assertThat(partition.healAfter()).as("30 s at 0.2 would be 6 s").isEqualTo(ofSeconds(8));
        assertThat(partition.at()).isEqualTo(ofMillis(1333));
        assertThat(fifth.faults().get(1).healAfter()).as("written shorter than 8 s: scaled as asked").isEqualTo(ofSeconds(1));
        assertThat(fifth.faults().get(2).at()).isEqualTo(ofSeconds(4));
        // the partition ends at 9.3 s, and the 5 s after it are played at 0.2: 10.3 s, over the 8 s of 40 s at 0.2
        assertThat(fifth.duration()).isEqualTo(ofMillis(10_333));
        assertThat(scenario.scaled(0.2, ofSeconds(1)).faults()).as("no floor reached")
                .isEqualTo(scenario.scaled(0.2).faults());
    }
}
