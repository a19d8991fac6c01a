package dev.faultline.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.faultline.nemesis.FaultKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario's faults and random faults speak the one vocabulary of {@link FaultKind}, as lessons do (LessonParserTest). */
class FaultVocabularyTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void eachKindIsCalledInYamlWhatTheHistoryCallsIt() throws Exception {
        for (FaultKind kind : FaultKind.values()) {
            assertThat(FaultKind.class.getField(kind.name()).getAnnotation(JsonProperty.class).value()).isEqualTo(kind.id());
            assertThat(FaultKind.named(kind.id())).contains(kind);
        }
        assertThat(FaultKind.named("clients-cut")).isEmpty();
    }

    @Test
    void everyScheduledFaultIsTheKindItsYamlNameSays() {
        Map<String, FaultSpec> specs = Map.of(
                "partition", new FaultSpec.Partition(null, "n1", Duration.ZERO, null),
                "kill", new FaultSpec.Kill("n1", Duration.ZERO, null),
                "pause", new FaultSpec.Pause("n1", Duration.ZERO, null),
                "drain", new FaultSpec.Drain("n1", Duration.ZERO, null),
                "restart", new FaultSpec.Restart("n1", Duration.ZERO),
                "rolling-restart", new FaultSpec.RollingRestart(Duration.ZERO),
                "clock-skew", new FaultSpec.ClockSkew(Duration.ofSeconds(1), 1, Duration.ZERO, null),
                "drain-machine", new FaultSpec.DrainMachine("n1", Duration.ZERO, null),
                "kill-machine", new FaultSpec.KillMachine("n1", Duration.ZERO, null),
                "slow-network", new FaultSpec.SlowNetwork("n1", null, Duration.ZERO, null));
        // a new spec fails here until it is placed in the vocabulary
        assertThat(Arrays.stream(FaultSpec.class.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name))
                .containsExactlyInAnyOrderElementsOf(specs.keySet());
        specs.forEach((name, spec) -> {
            // restart is the scenario's word for a rolling restart of one node
            String kind = name.equals("restart") ? "rolling-restart" : name;
            assertThat(spec.fault(NODES, new Random(1)).kind().id()).as(name).isEqualTo(kind);
        });
        assertThat(new FaultSpec.Partition(FaultSpec.Grouping.CLIENTS_FROM_NODE, "n1", Duration.ZERO, null)
                .fault(NODES, new Random(1)).kind()).isEqualTo(FaultKind.CLIENTS_FROM_NODE);
    }

    /** Issue 25, defect 8: machine faults are fault kinds, each needing the capability only an opted-in backend has. */
    @Test
    void machineFaultsNeedTheirCapabilityWhereverTheyAreNamed() {
        assertThat(new FaultSpec.DrainMachine("n1", Duration.ZERO, null).fault(NODES, new Random(1)).needs())
                .containsExactly(dev.faultline.cluster.Capability.DRAIN_MACHINE);
        assertThat(new FaultSpec.KillMachine(null, Duration.ZERO, null).fault(NODES, new Random(1)).needs())
                .containsExactly(dev.faultline.cluster.Capability.KILL_MACHINE);
        RandomFaults drawn = new RandomFaults(Duration.ofSeconds(10), null, List.of(FaultKind.DRAIN_MACHINE, FaultKind.KILL), null);
        assertThat(drawn.needs(NODES)).containsExactly(dev.faultline.cluster.Capability.DRAIN_MACHINE);
        assertThat(new dev.faultline.cluster.local.LocalBackend().capabilities())
                .doesNotContain(dev.faultline.cluster.Capability.DRAIN_MACHINE, dev.faultline.cluster.Capability.KILL_MACHINE);
    }

    @Test
    void randomFaultsDrawTheKindsTheyNameAndRefuseTheOthersInOneLine() {
        for (FaultKind kind : RandomFaults.DRAWN) {
            RandomFaults faults = new RandomFaults(Duration.ofSeconds(10), null, List.of(kind), null);
            for (int seed = 0; seed < 20; seed++) {
                assertThat(faults.draw(NODES, new Random(seed)).kind()).isEqualTo(kind);
            }
        }
        for (FaultKind kind : EnumSet.complementOf(EnumSet.copyOf(RandomFaults.DRAWN))) {
            assertThatThrownBy(() -> new RandomFaults(Duration.ofSeconds(10), null, List.of(kind), null))
                    .hasMessage("random-faults.faults: " + kind.id() + " is not drawn at random; allowed: "
                            + "partition, clients-from-node, kill, pause, drain, drain-machine, kill-machine");
        }
    }
}
