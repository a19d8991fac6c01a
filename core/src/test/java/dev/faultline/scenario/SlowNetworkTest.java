package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** slow-network: from YAML and the Java builder to the capability a backend offers, and refused where it is missing. */
class SlowNetworkTest {

    private static final String YAML = """
            name: slowed
            workload: {type: register, keys: 2}
            duration: 10s
            faults:
              - {fault: slow-network, node: n2, rate-kbit: 64, at: 1s, heal-after: 5s}
            """;

    @Test
    void aScenarioSlowsTheNodeItNamesAtItsRateAndAsksForTheCapability() {
        Scenario scenario = ScenarioParser.parse(Path.of("slowed.yaml"), YAML);
        Fault fault = scenario.schedule(1).faults().get(0).fault();
        assertThat(fault).isEqualTo(new Fault.SlowNetwork("n2", 64));
        assertThat(fault.kind()).isEqualTo(FaultKind.SLOW_NETWORK);
        assertThat(fault.name() + " " + fault.describe()).isEqualTo("slow-network n2 at 64 kbit/s");
        assertThat(fault.nodes()).containsExactly("n2");
        assertThat(scenario.needs()).containsExactly(Capability.SLOW_NETWORK);
        assertThat(Capability.refusal("kube", EnumSet.of(Capability.PAUSE), scenario.needs()))
                .isEqualTo("the 'kube' backend cannot slow what a node sends (a token bucket on its network interface)");
        assertThat(new dev.faultline.cluster.local.LocalBackend().capabilities()).contains(Capability.SLOW_NETWORK);
    }

    @Test
    void itIsPutInPlaceAndUndoneThroughTheClustersShaping() {
        RecordingCluster recording = new RecordingCluster("n1", "n2", "n3");
        Fault fault = Faults.slowNetwork("n3", 128).at(Duration.ZERO).build().fault(List.of("n1", "n2", "n3"), new Random(1));
        Fault.Target target = new Fault.Target(recording.cluster(), List.of());
        fault.inject(target);
        fault.heal(target);
        assertThat(recording.calls()).containsExactly("slowNetwork n3 128", "restoreNetwork n3");
    }

    @Test
    void aRateOutsideItsRangeOrAnUnknownNodeIsRefusedInOneLine() {
        assertThat(new FaultSpec.SlowNetwork(null, null, null, null).rateKbit()).isEqualTo(256);
        assertThatThrownBy(() -> ScenarioParser.parse(Path.of("slowed.yaml"), YAML.replace("rate-kbit: 64", "rate-kbit: 4")))
                .hasMessageContaining("slow-network rate-kbit is 4; allowed: 8 to 1000000");
        assertThatThrownBy(() -> ScenarioParser.parse(Path.of("slowed.yaml"), YAML.replace("node: n2", "node: n9")))
                .hasMessageContaining("slow-network node 'n9' is not a node of this cluster");
    }
}
