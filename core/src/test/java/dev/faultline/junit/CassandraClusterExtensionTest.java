package dev.faultline.junit;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import dev.faultline.run.Faultline;
import dev.faultline.run.TestRun;
import dev.faultline.scenario.Consistency;
import dev.faultline.workload.Ops;
import dev.faultline.workload.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** What the extension does between tests and classes, on a backend that records instead of starting Cassandra. */
class CassandraClusterExtensionTest {

    /** Every cluster this backend started, and what each test saw. */
    public static final class RecordingBackend implements ClusterBackend {
        static final List<RecordingCluster> STARTED = new CopyOnWriteArrayList<>();
        /** For each start, how many clusters started before it were still open. */
        static final List<Long> OPEN_AT_START = new CopyOnWriteArrayList<>();
        static final List<Topology> TOPOLOGIES = new CopyOnWriteArrayList<>();
        static final List<StartOptions> OPTIONS = new CopyOnWriteArrayList<>();
        static final Map<String, String> SEEN = new ConcurrentHashMap<>();
        /** Calls the next clusters started refuse, as a cluster left broken by a previous class does. */
        static volatile Predicate<String> failing = call -> false;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.allOf(Capability.class);
        }

        @Override
        public Cluster start(Topology topology, StartOptions options) {
            String[] nodes = new String[topology.nodes()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = "n" + (i + 1);
            }
            RecordingCluster fake = new RecordingCluster(nodes).failingOn(failing);
            OPEN_AT_START.add(STARTED.stream().filter(c -> !c.calls().contains("close")).count());
            STARTED.add(fake);
            TOPOLOGIES.add(topology);
            OPTIONS.add(options);
            return fake.cluster();
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, backend = RecordingBackend.class)
    static class FirstClass {
        Cluster field;

        @Test
        void injectsTheSameClusterIntoFieldsAndParameters(Cluster parameter) {
            assertThat(parameter).isSameAs(field);
            RecordingBackend.SEEN.put("first", parameter.runId());
            parameter.kill("n1");
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, backend = RecordingBackend.class)
    static class SecondClassSameTopology {
        @Test
        void getsTheSharedCluster(Cluster cluster) {
            RecordingBackend.SEEN.put("second", cluster.runId());
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, fresh = true, backend = RecordingBackend.class)
    static class FreshClass {
        @Test
        void getsAClusterOfItsOwn(Cluster cluster) {
            RecordingBackend.SEEN.put("fresh", cluster.runId());
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, version = "4.1.10", backend = RecordingBackend.class)
    static class OlderRelease {
        @Test
        void runsTheReleaseItNames(Cluster cluster) {
            RecordingBackend.SEEN.put("older", cluster.runId());
        }
    }

    @CassandraCluster(nodes = 2, replicationFactor = 3, backend = RecordingBackend.class)
    static class ImpossibleTopology {
        @Test
        void neverRuns(Cluster cluster) {
        }
    }

    @CassandraCluster(nodes = 3, replicationFactor = 2, backend = RecordingBackend.class)
    static class OwnCodeClass {
        @Test
        void writesItsRunUnderTheBuildsOutput(Faultline faultline) {
            TestRun run = faultline.test("own").client(session -> op -> Outcome.ok(null))
                    .ops(Ops.mix(Ops.read())).opCount(5).run(Consistency.ONE);
            RecordingBackend.SEEN.put("folder", run.folder().toString());
        }
    }

    static class NotABackendWithoutConstructor implements ClusterBackend {
        NotABackendWithoutConstructor(String needed) {
        }

        @Override
        public String name() {
            return "x";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public Cluster start(Topology topology, StartOptions options) {
            throw new AssertionError("never started");
        }
    }

    @CassandraCluster(backend = NotABackendWithoutConstructor.class)
    static class UnusableBackend {
        @Test
        void neverRuns(Cluster cluster) {
        }
    }

    @BeforeEach
    void forget() {
        RecordingBackend.STARTED.clear();
        RecordingBackend.OPEN_AT_START.clear();
        RecordingBackend.TOPOLOGIES.clear();
        RecordingBackend.OPTIONS.clear();
        RecordingBackend.SEEN.clear();
        RecordingBackend.failing = call -> false;
    }

    private static Events run(Class<?>... classes) {
        var request = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName");
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        return request.execute().testEvents();
    }

    @Test
    void classesWithOneTopologyShareOneClusterHealedAfterEachTestAndResetBetweenClasses() {
        Events events = run(FirstClass.class, SecondClassSameTopology.class);

        assertThat(events.succeeded().count()).isEqualTo(2);
        assertThat(RecordingBackend.STARTED).hasSize(1);
        assertThat(RecordingBackend.SEEN.get("second")).isEqualTo(RecordingBackend.SEEN.get("first"));
        // the first class's test, its heal; the second class arrives: heal, reset; its test's heal; the run's end closes it
        assertThat(RecordingBackend.STARTED.get(0).calls())
                .containsExactly("kill n1", "healAll", "healAll", "resetData", "healAll", "close");
    }

    @Test
    void aTestsFaultlineWritesUnderTargetByClassAndMethodBesideALinkToTheNodeLogsKeptUnderTarget() throws Exception {
        Events events = run(OwnCodeClass.class);

        assertThat(events.succeeded().count()).isEqualTo(1);
        Path folder = Path.of("target", "faultline", "OwnCodeClass", "writesItsRunUnderTheBuildsOutput");
        assertThat(RecordingBackend.SEEN.get("folder")).isEqualTo(folder.toString());
        assertThat(folder.resolve("report.html")).isRegularFile();
        assertThat(folder.resolve("ONE").resolve("history.jsonl")).isRegularFile();
        Path clusterFolder = RecordingBackend.OPTIONS.get(0).runDirectory().orElseThrow();
        assertThat(clusterFolder.toString()).startsWith(Path.of("target", "faultline", "clusters", "OwnCodeClass-").toString());
        assertThat(Files.readSymbolicLink(folder.resolve("nodes")).toString()).endsWith(clusterFolder.getFileName() + "/nodes");
    }

    @Test
    void anotherCassandraReleaseIsAnotherClusterOfThatRelease() {
        Events events = run(FirstClass.class, OlderRelease.class);

        assertThat(events.succeeded().count()).isEqualTo(2);
        assertThat(RecordingBackend.TOPOLOGIES).extracting(Topology::cassandraVersion)
                .containsExactlyInAnyOrder("5.0.6", "4.1.10");
        assertThat(RecordingBackend.SEEN.get("older")).isNotEqualTo(RecordingBackend.SEEN.get("first"));
    }

    @Test
    void aFreshClassGetsItsOwnClusterClosedAfterIt() {
        Events events = run(FirstClass.class, FreshClass.class);

        assertThat(events.succeeded().count()).isEqualTo(2);
        assertThat(RecordingBackend.STARTED).hasSize(2);
        assertThat(RecordingBackend.SEEN.get("fresh")).isNotEqualTo(RecordingBackend.SEEN.get("first"));
        assertThat(RecordingBackend.STARTED).allSatisfy(c -> assertThat(c.calls()).endsWith("close"));
        assertThat(RecordingBackend.OPEN_AT_START).as("the shared cluster closed before the fresh one starts").containsExactly(0L, 0L);
    }

    @Test
    void oneClusterRunsAtATimeSoAClassOfAnotherShapeClosesTheSharedOneFirst() {
        Events events = run(FirstClass.class, OlderRelease.class, SecondClassSameTopology.class);

        assertThat(events.succeeded().count()).isEqualTo(3);
        assertThat(RecordingBackend.OPEN_AT_START).containsExactly(0L, 0L, 0L);
        assertThat(RecordingBackend.TOPOLOGIES).extracting(Topology::cassandraVersion).containsExactly("5.0.6", "4.1.10", "5.0.6");
        assertThat(RecordingBackend.STARTED).allSatisfy(c -> assertThat(c.calls()).endsWith("close"));
    }

    @Test
    void aSharedClusterThatCannotBeResetIsReplacedNotInherited() {
        RecordingBackend.failing = call -> call.equals("resetData");
        Events events = run(FirstClass.class, SecondClassSameTopology.class);

        assertThat(events.succeeded().count()).isEqualTo(2);
        assertThat(RecordingBackend.STARTED).hasSize(2);
        assertThat(RecordingBackend.SEEN.get("second")).isEqualTo(RecordingBackend.STARTED.get(1).cluster().runId())
                .isNotEqualTo(RecordingBackend.SEEN.get("first"));
        assertThat(RecordingBackend.STARTED.get(0).calls()).containsExactly("kill n1", "healAll", "healAll", "close");
        assertThat(RecordingBackend.STARTED.get(1).calls()).containsExactly("healAll", "close");
    }

    @Test
    void aTopologyThatCannotExistFailsTheClassWithTheReason() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ImpossibleTopology.class)).execute();
        assertThat(RecordingBackend.STARTED).isEmpty();
        assertThat(results.allEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage()))
                .anySatisfy(message -> assertThat(message).contains("ImpossibleTopology")
                        .contains("replicationFactor must be between 1 and nodes (2), got 3"));
    }

    @Test
    void aBackendWithoutANoArgumentConstructorIsNamed() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnusableBackend.class)).execute();
        assertThat(results.allEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage()))
                .anySatisfy(message -> assertThat(message)
                        .contains("NotABackendWithoutConstructor").contains("public no-argument constructor"));
    }
}
