package dev.faultline.scenario;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Partitions;
import dev.faultline.nemesis.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

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
}
