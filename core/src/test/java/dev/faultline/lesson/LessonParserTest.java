package dev.faultline.lesson;

import com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3TokenFactory;
import dev.faultline.cluster.CassandraSettings;
import dev.faultline.cluster.Link;
import dev.faultline.history.OpType;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.ScenarioException;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LessonParserTest {

    private static final Path FILE = Path.of("lessons/example.yaml");

    private static final String VALID = """
            name: stale
            question: what does b read?
            answer: 0 at ONE
            cluster: {nodes: 2, replication-factor: 2}
            levels: [ONE, QUORUM]
            steps:
              - partition: [[n1], [n2]]
              - await: {node: n1, sees-down: n2}
              - write: {key: x, value: 1, via: n1, client: a}
                expect: {ONE: ok, QUORUM: unavailable}
              - read: {key: x, via: n2, client: b, until: 1, within: 30s}
                expect: {ONE: 0}
              - clock-skew: {client: b, offset: -5s}
              - hinted-handoff: {node: n1, enabled: false}
              - sleep: 2s
              - heal: all
            expect:
              ONE: {linearizable: false}
            """;

    @Test
    void readsEveryKindOfStep() {
        Lesson lesson = LessonParser.parse(FILE, VALID);

        assertThat(lesson.levels()).containsExactly(Consistency.ONE, Consistency.QUORUM);
        assertThat(lesson.keys()).containsExactly("x");
        assertThat(lesson.steps()).hasSize(8);
        assertThat(lesson.steps().get(0)).isInstanceOfSatisfying(Step.Inject.class,
                s -> assertThat(((Fault.Cut) s.fault()).shape()).isEqualTo("n1 | n2"));
        assertThat(lesson.steps().get(1)).isEqualTo(new Step.Await("n1", "n2", false));
        Step.Op write = (Step.Op) lesson.steps().get(2);
        assertThat(write.describe()).isEqualTo("a: write x = 1 via n1");
        assertThat(write.expect()).containsEntry(Consistency.QUORUM, new ExpectedOutcome("unavailable", null));
        Step.Op read = (Step.Op) lesson.steps().get(3);
        assertThat(read.until()).isEqualTo(1L);
        assertThat(read.within()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read.expect()).containsEntry(Consistency.ONE, new ExpectedOutcome(null, 0L));
        assertThat(lesson.steps().get(4)).isEqualTo(new Step.Inject(new Fault.ClockSkew(Duration.ofSeconds(-5), 1), "b"));
        assertThat(lesson.steps().get(5)).isEqualTo(new Step.HintedHandoff("n1", false));
        assertThat(lesson.steps().get(6)).isEqualTo(new Step.Sleep(Duration.ofSeconds(2)));
        assertThat(lesson.steps().get(7)).isEqualTo(new Step.HealAll());
        assertThat(LessonParser.isLesson(VALID)).isTrue();
    }

    /** Issue 25, defect 8: a lesson steps through machine faults as through any other, and needs what they need. */
    @Test
    void machineFaultsAreStepsThatNeedTheirCapability() {
        Lesson lesson = LessonParser.parse(FILE, VALID.replace("  - partition: [[n1], [n2]]\n",
                "  - drain-machine: n2\n  - heal: drain-machine\n  - kill-machine: n1\n  - partition: [[n1], [n2]]\n"));

        assertThat(lesson.steps().subList(0, 3)).containsExactly(new Step.Inject(new Fault.DrainMachine("n2"), null),
                new Step.Heal(dev.faultline.nemesis.FaultKind.DRAIN_MACHINE), new Step.Inject(new Fault.KillMachine("n1"), null));
        assertThat(lesson.needs()).containsExactlyInAnyOrder(dev.faultline.cluster.Capability.DRAIN_MACHINE,
                dev.faultline.cluster.Capability.KILL_MACHINE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- wirte: {key: x, value: 1}|unknown field 'wirte'",
        "- write: {key: x}|steps[0]: write.value is required",
        "- write: {key: x, value: 1} // kill: n1|steps[0]: a step is exactly one of read, write, cas",
        "- read: {key: x, via: n3}|steps[0] (client: read x via n3): via 'n3' is not a node of this cluster; allowed: n1, n2",
        "- read: {key: x} // expect: {ONE: stale}|'stale' is not an outcome; allowed: a number (the value a read returns), ok, fail",
        "- read: {key: x} // expect: {ALL: 1}|expect names ALL but the lesson runs only at [ONE]",
        "- heal: everything|heal 'everything' is not a fault; allowed: all, partition, kill, pause, drain, clock-skew, drain-machine, kill-machine",
        "- kill: n1 // expect: {ONE: ok}|expect belongs to read, write, cas and add steps, not kill",
        "- add: {key: x}|steps[0]: add.value is required",
        "- read: {key: x, retry-via: n2}|steps[0]: read: retry-via is for adds, which a timeout leaves undecided",
        "- add: {key: x, value: 1, retry-via: n9}|retry-via 'n9' is not a node of this cluster; allowed: n1, n2",
        "- one-way: {from: [n1]}|steps[0]: one-way.to is required",
        "- one-way: {from: [n1], to: []}|steps[0]: one-way needs a node in from and one in to",
        "- one-way: {from: [n1], to: [n1]}|steps[0]: a node cannot be cut from itself: n1",
        "- one-way: {from: [n1], to: [n7]}|partition 'n7' is not a node of this cluster",
        "- await: {node: n1, sees-down: n2, sees-up: n2}|await needs exactly one of sees-down and sees-up",
    })
    void badStepsSayWhatIsWrongAndWhatIsAllowed(String steps, String message) {
        String yaml = "name: bad\nquestion: q\nanswer: a\ncluster: {nodes: 2, replication-factor: 2}\nlevels: [ONE]\nsteps:\n"
                + "  " + steps.strip().replace(" // ", "\n    ") + "\n";
        assertThatThrownBy(() -> LessonParser.parse(FILE, yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(FILE + ":")
                .hasMessageContaining(message);
    }

    @Test
    void aLessonInjectsAndHealsEachFaultByItsNameInTheVocabulary() {
        Map<FaultKind, String> steps = Map.of(FaultKind.PARTITION, "[[n1], [n2]]", FaultKind.KILL, "n2",
                FaultKind.PAUSE, "n2", FaultKind.DRAIN, "n2", FaultKind.CLOCK_SKEW, "{client: a, offset: 1s}",
                FaultKind.DRAIN_MACHINE, "n2", FaultKind.KILL_MACHINE, "n2");
        assertThat(steps.keySet()).isEqualTo(StepSpec.INJECTED);
        steps.forEach((kind, args) -> {
            String yaml = "name: k\nquestion: q\nanswer: a\ncluster: {nodes: 2, replication-factor: 2}\nlevels: [ONE]\n"
                    + "steps:\n  - " + kind.id() + ": " + args + "\n  - heal: " + kind.id() + "\n";
            List<Step> parsed = LessonParser.parse(FILE, yaml).steps();
            assertThat(((Step.Inject) parsed.get(0)).fault().kind()).as(kind.id()).isEqualTo(kind);
            assertThat(parsed.get(1)).isEqualTo(new Step.Heal(kind));
        });
    }

    @Test
    void sessionGuaranteesAreCheckedOnlyWhereEveryWriteHasAValueOfItsOwn() {
        assertThat(LessonParser.shipped("read-your-writes-at-one").writesEachValueOnce()).isTrue();
        assertThat(LessonParser.shipped("stale-read-at-one").writesEachValueOnce()).isTrue();
        // two compare-and-sets try to set x to 2: a read of 2 would not say whose it saw
        assertThat(LessonParser.shipped("lwt-under-partition").writesEachValueOnce()).isFalse();
        assertThat(LessonParser.parse(FILE, VALID.replace("value: 1", "value: 0")).writesEachValueOnce()).isFalse();
    }

    @Test
    void aCounterLessonAddsAndReadsAndCutsOneWay() {
        Lesson lesson = LessonParser.shipped("retried-counter-add");

        assertThat(lesson.counts()).isTrue();
        assertThat(lesson.steps().get(0)).isInstanceOfSatisfying(Step.Inject.class, s -> {
            assertThat(s.fault().kind()).isEqualTo(FaultKind.PARTITION);
            assertThat(((Fault.Cut) s.fault()).links()).containsExactlyInAnyOrder(new Link("n1", "n3"), new Link("n2", "n3"));
        });
        Step.Op add = (Step.Op) lesson.steps().get(1);
        assertThat(add.describe()).isEqualTo("a: add 1 to x via n3, again via n1 on a timeout");
        assertThat(add.invocation()).isEqualTo(new Invocation("add", "x", 1L));
        assertThat(lesson.steps().get(2)).isEqualTo(new Step.Heal(FaultKind.PARTITION));
        assertThat(LessonParser.shipped("stale-read-at-one").counts()).isFalse();
    }

    /**
     * The lesson's premise: on the local backend's evenly spaced tokens, x's replicas are n1 and n2 and not its
     * coordinator n3. Murmur3 as the driver hashes a text partition key; SimpleStrategy's walk of the ring.
     */
    @Test
    void theRetriedCountersKeyLivesOnN1AndN2AndNotOnItsCoordinator() {
        List<Long> tokens = IntStream.range(0, 3).mapToObj(i -> Long.parseLong(CassandraSettings.initialToken(i, 3))).toList();
        long x = ((Murmur3Token) new Murmur3TokenFactory().hash(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)))).getValue();
        int primary = IntStream.range(0, 3).filter(i -> tokens.get(i) >= x).findFirst().orElse(0);

        assertThat(List.of("n" + (primary + 1), "n" + ((primary + 1) % 3 + 1))).containsExactly("n1", "n2");
    }

    @Test
    void aCounterLessonNeitherWritesNorComparesAndSets() {
        String yaml = "name: mixed\nquestion: q\nanswer: a\ncluster: {nodes: 2, replication-factor: 2}\nlevels: [ONE]\n"
                + "steps:\n  - add: {key: x, value: 1}\n  - write: {key: y, value: 1}\n";
        assertThatThrownBy(() -> LessonParser.parse(FILE, yaml))
                .hasMessageContaining("steps[1] (client: write y = 1): a lesson that adds to counters reads and adds only; "
                        + "a write is for a lesson of registers");
    }

    @Test
    void awaitNeedsEveryKeyOnEveryNode() {
        String yaml = VALID.replace("{nodes: 2, replication-factor: 2}", "{nodes: 3, replication-factor: 2}");
        assertThatThrownBy(() -> LessonParser.parse(FILE, yaml))
                .hasMessageContaining("await needs every key on every node: replication-factor equal to nodes");
    }

    @Test
    void aWriteCannotRunAtSerial() {
        String yaml = VALID.replace("levels: [ONE, QUORUM]", "levels: [ONE, SERIAL]").replace("{ONE: ok, QUORUM: unavailable}", "{ONE: ok}");
        assertThatThrownBy(() -> LessonParser.parse(FILE, yaml))
                .hasMessageContaining("a write cannot run at SERIAL");
    }

    @Test
    void expectedOutcomesMatchOnlyTheirOwnKindOfOutcome() {
        Outcome unavailable = Outcome.fail(null, "Unavailable (1 of 2 replicas alive)");
        Outcome timedOut = Outcome.info(1L, "WriteTimeout (0 of 1 acks, SIMPLE)");
        Outcome readZero = Outcome.ok(0L);
        assertThat(ExpectedOutcome.of("unavailable").matches(unavailable)).isTrue();
        assertThat(ExpectedOutcome.of("unavailable").matches(timedOut)).isFalse();
        assertThat(ExpectedOutcome.of("timeout").matches(timedOut)).isTrue();
        assertThat(ExpectedOutcome.of("fail").matches(unavailable)).isTrue();
        assertThat(ExpectedOutcome.of("ok").matches(readZero)).isTrue();
        assertThat(ExpectedOutcome.of(0).matches(readZero)).isTrue();
        assertThat(ExpectedOutcome.of(1).matches(readZero)).isFalse();
        assertThat(ExpectedOutcome.of(1).matches(new Outcome(OpType.INFO, 1L, "x"))).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> everyShippedLessonIsValidAndAsksAndAnswers() throws IOException {
        Path dir = Path.of("test-scenarios", "lessons");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
                        Lesson lesson = LessonParser.parse(p);
                        assertThat(lesson.name() + ".yaml").isEqualTo(p.getFileName().toString());
                        assertThat(lesson.question()).contains("?");
                        assertThat(lesson.expect()).isNotEmpty();
                        assertThat(lesson.steps()).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(Step.Op.class,
                                op -> assertThat(op.expect()).isNotEmpty()));
                    }));
        }
    }

    @Test
    void everyLessonInTheFolderShipsInTheJarByName() throws Exception {
        List<String> files;
        try (var list = java.nio.file.Files.list(Path.of("test-scenarios", "lessons"))) {
            files = list.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
        }
        assertThat(LessonParser.SHIPPED).containsExactlyInAnyOrderElementsOf(files);
        for (String name : LessonParser.SHIPPED) {
            assertThat(LessonParser.shipped(name)).isEqualTo(LessonParser.parse(Path.of("test-scenarios", "lessons", name + ".yaml")));
        }
        assertThatThrownBy(() -> LessonParser.shipped("../scenario"))
                .hasMessageStartingWith("no shipped lesson named '../scenario'; allowed: stale-read-at-one, ");
    }
}
