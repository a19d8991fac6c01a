package dev.faultline.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioBuilderTest {

    @Test
    void buildsTheSameScenarioAsItsYaml() {
        Scenario fromYaml = ScenarioParser.parse(Path.of("inline.yaml"), """
                name: isolate-n3
                cluster: {nodes: 3, replication-factor: 2}
                workload: {type: register, keys: 6, concurrency: 6, rate: 150}
                compare: [ONE, QUORUM]
                duration: 20s
                seed: 11
                faults:
                  - {fault: partition, grouping: isolate-one, node: n3, at: 4s, heal-after: 10s}
                expect:
                  QUORUM: {linearizable: true}
                """);

        Scenario fromJava = ScenarioBuilder.named("isolate-n3")
                .cluster(3, 2)
                .workload(new WorkloadSpec.Register(6, 6, 150, null, null, null))
                .compare(Consistency.ONE, Consistency.QUORUM)
                .duration(Duration.ofSeconds(20)).seed(11)
                .fault(new FaultSpec.Partition(FaultSpec.Grouping.ISOLATE_ONE, "n3", Duration.ofSeconds(4), Duration.ofSeconds(10)))
                .expect(Consistency.QUORUM, Expectations.linearizable())
                .build();

        assertThat(fromJava).isEqualTo(fromYaml);
    }

    @Test
    void checksWhatYamlChecks() {
        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(2, 3)).hasMessageContaining("replication-factor");
        assertThatThrownBy(() -> ScenarioBuilder.named("x").workload(new WorkloadSpec.Set(null, null, null, null))
                .duration(Duration.ofSeconds(10)).fault(new FaultSpec.Kill("n7", null, null)).build())
                .hasMessage("kill node 'n7' is not a node of this cluster; allowed: n1, n2, n3, random");
    }
}
