package dev.faultline.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios written in Java, for users' own tests: the same checks as a YAML file, read as a sentence.
 * <pre>{@code
 * Scenario s = ScenarioBuilder.named("isolate-n3")
 *         .cluster(3, 2)
 *         .workload(Workloads.register().keys(6).clients(6).rate(150))
 *         .compare(Consistency.ONE, Consistency.QUORUM)
 *         .duration(Duration.ofSeconds(20)).seed(11)
 *         .fault(Faults.isolate("n3").at(Duration.ofSeconds(4)).healAfter(Duration.ofSeconds(10)))
 *         .expect(Consistency.QUORUM, Expectations.linearizable())
 *         .build();
 * }</pre>
 */
public final class ScenarioBuilder {

    private final String name;
    private String description = "";
    private ClusterSpec cluster = ClusterSpec.DEFAULT;
    private WorkloadSpec workload;
    private final List<Consistency> compare = new ArrayList<>();
    private Duration duration;
    private Long seed;
    private final List<FaultSpec> faults = new ArrayList<>();
    private RandomFaults randomFaults;
    private final Map<Consistency, Expectation> expect = new EnumMap<>(Consistency.class);

    private ScenarioBuilder(String name) {
        this.name = name;
    }

    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name);
    }

    public ScenarioBuilder description(String text) {
        this.description = text;
        return this;
    }

    public ScenarioBuilder cluster(int nodes, int replicationFactor) {
        this.cluster = new ClusterSpec(nodes, replicationFactor, cluster.printerfacts());
        return this;
    }

    public ScenarioBuilder printerfactsPerNode(int replicas) {
        this.cluster = new ClusterSpec(cluster.nodes(), cluster.replicationFactor(), replicas);
        return this;
    }

    public ScenarioBuilder workload(WorkloadSpec spec) {
        this.workload = spec;
        return this;
    }

    /** {@code workload(Workloads.register().keys(6).clients(6).rate(150))}. */
    public ScenarioBuilder workload(Workloads.Builder spec) {
        return workload(spec.build());
    }

    public ScenarioBuilder compare(Consistency... levels) {
        compare.addAll(List.of(levels));
        return this;
    }

    public ScenarioBuilder duration(Duration length) {
        this.duration = length;
        return this;
    }

    public ScenarioBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public ScenarioBuilder fault(FaultSpec fault) {
        faults.add(fault);
        return this;
    }

    /** {@code fault(Faults.isolate("n3").at(ofSeconds(4)).healAfter(ofSeconds(10)))}. */
    public ScenarioBuilder fault(Faults.Timed fault) {
        return fault(fault.build());
    }

    public ScenarioBuilder randomFaults(RandomFaults periodic) {
        this.randomFaults = periodic;
        return this;
    }

    /** What must hold at {@code level}; expecting again at the same level adds to it ({@link Expectation#and}). */
    public ScenarioBuilder expect(Consistency level, Expectation expectation) {
        expect.merge(level, expectation, Expectation::and);
        return this;
    }

    /** The scenario, checked exactly as a YAML file is; a mistake is an IllegalArgumentException saying which. */
    public Scenario build() {
        return new Scenario(name, description, cluster, workload, compare, duration, seed, faults, randomFaults, expect);
    }
}
