package dev.faultline.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioBuilderTest {

    @Test
    void expectingTwiceAtOneLevelAddsUpInsteadOfDroppingTheFirst() {
        Scenario scenario = ScenarioBuilder.named("twice")
                .workload(Workloads.set()).duration(Duration.ofSeconds(10))
                .expect(Consistency.QUORUM, Expectations.noLostWrites())
                .expect(Consistency.QUORUM, Expectations.availableOutsideFaults(90))
                .expect(Consistency.QUORUM, Expectations.checkerSays("lost-writes", dev.faultline.checker.Validity.VALID))
                .build();
        assertThat(scenario.expect().get(Consistency.QUORUM)).isEqualTo(new Expectation(null, new Percent(90), null, false,
                java.util.Map.of("lost-writes", dev.faultline.checker.Validity.VALID)));
        // a later expectation of the same field replaces it; checks of other checkers stay
        Expectation both = Expectations.checkerSays("counter", dev.faultline.checker.Validity.VALID)
                .and(Expectations.checkerSays("lost-writes", dev.faultline.checker.Validity.INVALID))
                .and(Expectations.linearizable()).and(Expectations.anomaly());
        assertThat(both.linearizable()).isFalse();
        assertThat(both.checks()).containsOnlyKeys("counter", "lost-writes");
    }

    @Test
    void printerfactsPerNodeIsTheClustersAndASeedIsChosenOnce() {
        Scenario scenario = ScenarioBuilder.named("app").cluster(3, 3).printerfactsPerNode(2)
                .workload(Workloads.register()).duration(Duration.ofSeconds(10)).build();
        assertThat(scenario.cluster()).isEqualTo(new ClusterSpec(3, 3, 2));
        Scenario seeded = scenario.seeded();
        assertThat(scenario.seed()).isNull();
        assertThat(seeded.seed()).isNotNull();
        assertThat(seeded.seeded()).isSameAs(seeded);
    }

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
                .workload(Workloads.register().keys(6).clients(6).rate(150))
                .compare(Consistency.ONE, Consistency.QUORUM)
                .duration(Duration.ofSeconds(20)).seed(11)
                .fault(Faults.isolate("n3").at(Duration.ofSeconds(4)).healAfter(Duration.ofSeconds(10)))
                .expect(Consistency.QUORUM, Expectations.linearizable())
                .build();

        assertThat(fromJava).isEqualTo(fromYaml);
    }

    @Test
    void theFluentFormReadsAsASentenceAndEqualsTheYaml() {
        Scenario fromYaml = ScenarioParser.parse(Path.of("inline.yaml"), """
                name: every-fault
                cluster: {nodes: 3, replication-factor: 2}
                workload: {type: register, keys: 4, concurrency: 5, rate: 90, mix: {read: 2, write: 1, cas: 0},
                           read-consistency: ONE, write-consistency: QUORUM}
                duration: 60s
                faults:
                  - {fault: partition, grouping: isolate-one, node: n3, at: 4s, heal-after: 10s}
                  - {fault: partition, grouping: halves, at: 15s, heal-after: 5s}
                  - {fault: partition, grouping: clients-from-node, node: n2, at: 21s, heal-after: 2s}
                  - {fault: kill, node: n1, at: 24s, heal-after: 3s}
                  - {fault: pause, node: random, at: 28s, heal-after: 2s}
                  - {fault: drain, node: n2, at: 31s, heal-after: 4s}
                  - {fault: restart, node: n3, at: 36s}
                  - {fault: rolling-restart, at: 40s}
                  - {fault: clock-skew, offset: -5s, clients: 2, at: 50s}
                """);

        Scenario fromJava = ScenarioBuilder.named("every-fault").cluster(3, 2)
                .workload(Workloads.register().keys(4).clients(5).rate(90).mix(2, 1, 0)
                        .readAt(Consistency.ONE).writeAt(Consistency.QUORUM))
                .duration(Duration.ofSeconds(60))
                .fault(Faults.isolate("n3").at(Duration.ofSeconds(4)).healAfter(Duration.ofSeconds(10)))
                .fault(Faults.partition(FaultSpec.Grouping.HALVES).at(Duration.ofSeconds(15)).healAfter(Duration.ofSeconds(5)))
                .fault(Faults.clientsCutFrom("n2").at(Duration.ofSeconds(21)).healAfter(Duration.ofSeconds(2)))
                .fault(Faults.kill("n1").at(Duration.ofSeconds(24)).healAfter(Duration.ofSeconds(3)))
                .fault(Faults.pause("random").at(Duration.ofSeconds(28)).healAfter(Duration.ofSeconds(2)))
                .fault(Faults.drain("n2").at(Duration.ofSeconds(31)).healAfter(Duration.ofSeconds(4)))
                .fault(Faults.restart("n3").at(Duration.ofSeconds(36)))
                .fault(Faults.rollingRestart().at(Duration.ofSeconds(40)))
                .fault(Faults.clockSkew(Duration.ofSeconds(-5), 2).at(Duration.ofSeconds(50)))
                .build();

        assertThat(fromJava).isEqualTo(fromYaml);
        assertThat(ScenarioBuilder.named("s").workload(Workloads.set().clients(3).rate(40).writeAt(Consistency.ONE))
                .duration(Duration.ofSeconds(5)).build().workload())
                .isEqualTo(new WorkloadSpec.Set(3, 40, null, Consistency.ONE));
        assertThat(Workloads.sequence().writers(2).rate(10).build()).isEqualTo(new WorkloadSpec.Sequence(2, 10, null, null));
        assertThat(Workloads.printerfacts().keys(3).build()).isEqualTo(new WorkloadSpec.Printerfacts(3, null, null, null, null, null));
    }

    @Test
    void checksWhatYamlChecks() {
        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(2, 3)).hasMessageContaining("replication-factor");
        assertThatThrownBy(() -> ScenarioBuilder.named("x").workload(new WorkloadSpec.Set(null, null, null, null))
                .duration(Duration.ofSeconds(10)).fault(new FaultSpec.Kill("n7", null, null)).build())
                .hasMessage("kill node 'n7' is not a node of this cluster; allowed: n1, n2, n3, random");
    }
}
