package dev.faultline.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioParserTest {

    private static final Path FILE = Path.of("test-scenarios/example.yaml");

    private static final String VALID = """
            name: one-vs-quorum
            description: a partition, both levels
            cluster:
              nodes: 3
              replication-factor: 2
            workload:
              type: register
              keys: 5
              concurrency: 4
              mix: {read: 2, write: 1}
            compare: [ONE, quorum]
            duration: 1m30s
            seed: 7
            faults:
              - fault: partition
                grouping: isolate-one
                node: n3
                at: 10s
                heal-after: 20s
              - fault: kill
                node: random
                at: 40s
            expect:
              QUORUM:
                linearizable: true
                min-availability-outside-faults: 95%
              ONE:
                linearizable: false
            """;

    @Test
    void readsEveryPartOfAScenario() {
        Scenario s = ScenarioParser.parse(FILE, VALID);

        assertThat(s.name()).isEqualTo("one-vs-quorum");
        assertThat(s.cluster()).isEqualTo(new ClusterSpec(3, 2, 0));
        assertThat(s.workload()).isEqualTo(new WorkloadSpec.Register(5, 4, 200,
                new WorkloadSpec.Mix(2, 1, 0), Consistency.QUORUM, Consistency.QUORUM));
        assertThat(s.levels()).containsExactly(Consistency.ONE, Consistency.QUORUM);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.seed()).isEqualTo(7L);
        assertThat(s.faults()).containsExactly(
                new FaultSpec.Partition(FaultSpec.Grouping.ISOLATE_ONE, "n3", Duration.ofSeconds(10), Duration.ofSeconds(20)),
                new FaultSpec.Kill("random", Duration.ofSeconds(40), null));
        assertThat(s.expect().get(Consistency.QUORUM))
                .isEqualTo(new Expectation(true, new Percent(95), null, null));
        assertThat(s.expect().get(Consistency.ONE).linearizable()).isFalse();
    }

    @Test
    void withoutCompareTheWorkloadsWriteLevelIsTheOnlyRun() {
        Scenario s = ScenarioParser.parse(FILE, """
                name: plain
                workload: {type: set, write-consistency: ONE}
                duration: 10s
                """);
        assertThat(s.levels()).containsExactly(Consistency.ONE);
        assertThat(s.cluster()).isEqualTo(ClusterSpec.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field   | name: x\\nworkload: {type: set}\\nduration: 1s\\nnodez: 3                      | 4 | unknown field 'nodez'; allowed: cluster, compare, description, duration, expect, faults, name, random-faults, seed, workload
            unknown nested field      | name: x\\ncluster:\\n  nodes: 3\\n  rf: 2\\nworkload: {type: set}\\nduration: 1s  | 4 | unknown field 'rf' in cluster; allowed: nodes, printerfacts, replication-factor
            wrong type                | name: x\\ncluster:\\n  nodes: three\\nworkload: {type: set}\\nduration: 1s       | 3 | cluster.nodes: expected a whole number
            unknown consistency level | name: x\\nworkload: {type: register, read-consistency: MOST}\\nduration: 1s       | 2 | 'MOST' is not allowed for workload.read-consistency; allowed: ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, SERIAL, LOCAL_SERIAL
            unknown fault             | name: x\\nworkload: {type: set}\\nduration: 1s\\nfaults:\\n  - fault: meteor    | 5 | unknown fault 'meteor' in faults[0]; allowed: partition, kill, pause, drain, restart, rolling-restart, clock-skew
            unknown workload          | name: x\\nworkload: {type: queue}\\nduration: 1s                              | 2 | unknown type 'queue' in workload; allowed: register, printerfacts, set, sequence, counter
            unknown grouping          | name: x\\nworkload: {type: set}\\nduration: 1s\\nfaults:\\n  - {fault: partition, grouping: thirds} | 5 | 'thirds' is not allowed for faults[0].grouping; allowed: isolate-one, halves, bridge, majorities-ring, clients-from-node
            duration without unit     | name: x\\nworkload: {type: set}\\nduration: 30                               | 3 | duration: expected a duration such as 30s
            bad duration              | name: x\\nworkload: {type: set}\\nduration: 30 sec                           | 3 | duration: '30 sec' is not a duration; write it like 500ms, 30s, 2m or 1m30s
            rf above nodes            | name: x\\ncluster: {nodes: 2, replication-factor: 3}\\nworkload: {type: set}\\nduration: 1s | 2 | replication-factor must be between 1 and nodes (2), got 3
            unknown node              | name: x\\nworkload: {type: set}\\nduration: 1m\\nfaults:\\n  - {fault: kill, node: n9} | 5 | kill node 'n9' is not a node of this cluster; allowed: n1, n2, n3, random
            fault after the run       | name: x\\nworkload: {type: set}\\nduration: 10s\\nfaults:\\n  - {fault: pause, at: 20s} | 5 | fault at 20s must fall inside the run (0 to 10s)
            expectation at unrun level| name: x\\nworkload: {type: set}\\nduration: 10s\\nexpect:\\n  ALL: {linearizable: true} | 5 | expect names ALL but the scenario runs only at [QUORUM]
            unknown checker           | name: x\\nworkload: {type: counter}\\nduration: 10s\\nexpect:\\n  QUORUM: {checks: {countr: valid}} | 5 | checks: 'countr' is not a checker; allowed: linearizability, lost-writes, session-guarantees, counter
            unknown validity          | name: x\\nworkload: {type: counter}\\nduration: 10s\\nexpect:\\n  QUORUM: {checks: {counter: fine}} | 5 | 'fine' is not allowed for expect.QUORUM.checks.counter; allowed: VALID, INVALID, UNKNOWN
            missing workload          | name: x\\nduration: 10s                                                     | 2 | workload is required
            clock-skew of too many    | name: x\\nworkload: {type: set}\\nduration: 10s\\nfaults:\\n  - {fault: clock-skew, offset: 5s, clients: 100000} | 5 | clock-skew clients is 100000; allowed: 1 to 256
            broken yaml               | name: x\\nworkload: {type: set}\\n- oops\\nduration: 10s                | 3 | expected <block end>, but found '-'
            """)
    void badInputIsOneLineNamingTheFileAndLine(String what, String yaml, int line, String expected) {
        assertThatThrownBy(() -> ScenarioParser.parse(FILE, yaml.replace("\\n", "\n")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(FILE + ":" + line + ":")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((ScenarioException) e).line()).isEqualTo(line));
    }

    @Test
    void aCounterScenarioInYamlIsTheOneWrittenInJava() {
        Scenario fromYaml = ScenarioParser.parse(FILE, """
                name: counters
                workload: {type: counter, keys: 2, concurrency: 4, rate: 80, retry-timeouts: true}
                compare: [ONE, QUORUM]
                duration: 20s
                expect:
                  QUORUM: {checks: {counter: valid}}
                """);
        Scenario fromJava = ScenarioBuilder.named("counters")
                .workload(Workloads.counter().keys(2).clients(4).rate(80).retryingTimeouts())
                .compare(Consistency.ONE, Consistency.QUORUM).duration(java.time.Duration.ofSeconds(20))
                .expect(Consistency.QUORUM, Expectations.checkerSays("counter", dev.faultline.checker.Validity.VALID))
                .build();
        assertThat(fromJava).isEqualTo(fromYaml);
        assertThat(fromYaml.workload().at(Consistency.ONE))
                .isEqualTo(new WorkloadSpec.Counter(2, 4, 80, true, Consistency.ALL, Consistency.ONE));
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> ScenarioParser.parse(Path.of("no/such.yaml")))
                .hasMessage("no/such.yaml: no such file; expected a scenario or lesson file");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
        assertThat(List.of(Duration.ofMillis(1500), Duration.ofMinutes(2), Duration.ofSeconds(-5)))
                .extracting(Durations::format).containsExactly("1500ms", "2m", "-5s");
    }
}
