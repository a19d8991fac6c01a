package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.LinearizabilityChecker;
import dev.faultline.checker.LostWrites;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.lesson.ExpectedOutcome;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.Step;
import dev.faultline.lesson.StepResult;
import dev.faultline.model.RegisterModel;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.ScenarioParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Histories built in code, and a run folder written from them the way `faultline run` writes one. */
public final class TestRuns {

    /** A fault description with markup in it: the report must show it as text. */
    static final String PARTITION = "isolate n3 <b>&</b>";

    private final List<Op> ops = new ArrayList<>();

    private TestRuns() {
    }

    private TestRuns op(Object process, OpType type, String f, Object key, Object value, long millis) {
        Process who = process instanceof Integer id ? Process.client(id) : Process.NEMESIS;
        ops.add(new Op(ops.size(), who, type, f, key, value, millis * 1_000_000));
        return this;
    }

    /** A completion the coordinator refused: fail, with the error the driver gives. */
    private TestRuns refused(int process, String f, Object key, Object value, long millis) {
        ops.add(new Op(ops.size(), Process.client(process), OpType.FAIL, f, key, value, millis * 1_000_000,
                "Unavailable (1 of 2 replicas alive)"));
        return this;
    }

    private History history() {
        return new History(ops);
    }

    /** At ONE: a read during the partition returns an overwritten value; one write stays indeterminate. */
    static History staleReadAtOne() {
        return new TestRuns()
                .op(0, OpType.INVOKE, "write", "k1", 1L, 1).op(0, OpType.OK, "write", "k1", 1L, 4)
                .op(1, OpType.INVOKE, "read", "k2", null, 2).op(1, OpType.OK, "read", "k2", null, 5)
                .op("nemesis", OpType.INVOKE, "start-partition", null, PARTITION, 10)
                .op("nemesis", OpType.INFO, "start-partition", null, PARTITION, 12)
                .op(0, OpType.INVOKE, "write", "k1", 2L, 20).op(0, OpType.OK, "write", "k1", 2L, 23)
                .op(1, OpType.INVOKE, "read", "k1", null, 30)
                .op(2, OpType.INVOKE, "write", "k2", 5L, 31)
                .op(1, OpType.OK, "read", "k1", 1L, 33)
                .op(0, OpType.INVOKE, "write", "k1", 3L, 40).op(0, OpType.OK, "write", "k1", 3L, 42)
                .op(2, OpType.INFO, "write", "k2", 5L, 60)
                .op("nemesis", OpType.INVOKE, "stop-partition", null, PARTITION, 70)
                .op("nemesis", OpType.INFO, "stop-partition", null, PARTITION, 72)
                .op(1, OpType.INVOKE, "read", "k1", null, 80).op(1, OpType.OK, "read", "k1", 3L, 82)
                .history();
    }

    /** At QUORUM: ops on the cut-off replica's key are refused during the partition. */
    static History unavailableAtQuorum() {
        return new TestRuns()
                .op(0, OpType.INVOKE, "write", "k1", 1L, 1).op(0, OpType.OK, "write", "k1", 1L, 4)
                .op("nemesis", OpType.INVOKE, "start-partition", null, PARTITION, 10)
                .op("nemesis", OpType.INFO, "start-partition", null, PARTITION, 12)
                .op(0, OpType.INVOKE, "write", "k1", 2L, 20)
                .refused(0, "write", "k1", 2L, 21)
                .op(1, OpType.INVOKE, "read", "k1", null, 25)
                .refused(1, "read", "k1", null, 26)
                .op(1, OpType.INVOKE, "read", "k2", null, 30).op(1, OpType.OK, "read", "k2", null, 32)
                .op("nemesis", OpType.INVOKE, "stop-partition", null, PARTITION, 70)
                .op("nemesis", OpType.INFO, "stop-partition", null, PARTITION, 72)
                .op(0, OpType.INVOKE, "write", "k1", 3L, 80).op(0, OpType.OK, "write", "k1", 3L, 83)
                .op(1, OpType.INVOKE, "read", "k1", null, 90).op(1, OpType.OK, "read", "k1", 3L, 92)
                .history();
    }

    /**
     * A register history of {@code count} ops by 8 clients on 16 keys, with two partitions and one
     * stale read planted in the middle: the shape of a long run at ONE.
     */
    static History large(int count, long seed) {
        Random random = new Random(seed);
        TestRuns run = new TestRuns();
        Long[] latest = new Long[16];
        long now = 0;
        int done = 0;
        while (done < count) {
            now += 1 + random.nextInt(2);
            if (done == count / 5 || done == count * 3 / 5) {
                run.op("nemesis", OpType.INVOKE, "start-partition", null, "isolate n" + (done % 3 + 1), now);
                run.op("nemesis", OpType.INFO, "start-partition", null, "isolate n" + (done % 3 + 1), now + 1);
            } else if (done == count * 2 / 5 || done == count * 4 / 5) {
                run.op("nemesis", OpType.INVOKE, "stop-partition", null, "isolate", now);
                run.op("nemesis", OpType.INFO, "stop-partition", null, "isolate", now + 1);
            }
            int process = random.nextInt(8);
            int k = random.nextInt(16);
            String key = "k" + k;
            if (done == count / 2) {
                run.op(process, OpType.INVOKE, "write", "k0", -1L, now).op(process, OpType.OK, "write", "k0", -1L, now + 1);
                run.op(process, OpType.INVOKE, "read", "k0", null, now + 2).op(process, OpType.OK, "read", "k0", latest[0], now + 3);
                done += 2;
                latest[0] = -1L;
                continue;
            }
            boolean write = random.nextBoolean();
            long latency = 1 + random.nextInt(3);
            // Few indeterminate ops: each stays concurrent with everything after it, which the checker pays for.
            int outcome = random.nextInt(10_000);
            Object value = write ? (Object) (long) done : null;
            run.op(process, OpType.INVOKE, write ? "write" : "read", key, value, now);
            if (outcome < 2) {
                run.op(process, OpType.INFO, write ? "write" : "read", key, value, now + latency);
            } else if (outcome < 300) {
                run.op(process, OpType.FAIL, write ? "write" : "read", key, "Timeout", now + latency);
            } else {
                run.op(process, OpType.OK, write ? "write" : "read", key, write ? value : latest[k], now + latency);
                if (write) {
                    latest[k] = (long) done;
                }
            }
            now += latency;
            done++;
        }
        return run.history();
    }

    /** A run folder with levels ONE and QUORUM, written by {@link RunFiles#write}. */
    public static Path writeRun(Path runDir) throws Exception {
        History one = staleReadAtOne();
        History quorum = unavailableAtQuorum();
        List<LevelResult> levels = List.of(
                level(runDir, Consistency.ONE, one, new LostWrites(List.of(7L, 9L), List.of(), List.of()),
                        List.of("linearizable: expected true")),
                level(runDir, Consistency.QUORUM, quorum, null, List.of()));
        RunFiles.write(runDir, ScenarioParser.parse(Path.of("test-scenarios/partition-one-vs-quorum.yaml")), 1, new Platform("test", "5.0.6"), levels);
        return runDir;
    }

    /**
     * The run folder of test-scenarios/lessons/stale-read-at-one.yaml as a lesson run writes it: at ONE the
     * read saw 0 (as expected), at QUORUM the read is made to disagree with the lesson (ok 1, not unavailable).
     */
    public static Path writeLessonRun(Path runDir) throws Exception {
        Lesson lesson = LessonParser.parse(Path.of("test-scenarios/lessons/stale-read-at-one.yaml"));
        List<LessonLevel> levels = new ArrayList<>();
        for (Consistency level : lesson.levels()) {
            boolean one = level == Consistency.ONE;
            History history = new TestRuns()
                    .op("nemesis", OpType.INVOKE, "start-partition", null, "n1 | n2", 1)
                    .op("nemesis", OpType.INFO, "start-partition", null, "n1 | n2", 2)
                    .op(0, OpType.INVOKE, "write", "x", 1L, 10).op(0, OpType.OK, "write", "x", 1L, 12)
                    .op(1, OpType.INVOKE, "read", "x", null, 20).op(1, OpType.OK, "read", "x", one ? 0L : 1L, 22)
                    .op("nemesis", OpType.INVOKE, "stop-partition", null, "n1 | n2", 30)
                    .op("nemesis", OpType.INFO, "stop-partition", null, "n1 | n2", 31)
                    .history();
            Path file = runDir.resolve(level.name()).resolve("history.jsonl");
            Files.createDirectories(file.getParent());
            HistoryRecorder.write(history, file);
            LevelResult result = new LevelResult(level, file, Availability.of(history),
                    LinearizabilityChecker.check(history, RegisterModel.register().withInitial(0L), Budget.defaults()), null,
                    one ? List.of() : List.of("step 5 expected unavailable"));
            List<StepResult> steps = new ArrayList<>();
            for (int i = 0; i < lesson.steps().size(); i++) {
                Step step = lesson.steps().get(i);
                String outcome = i == 3 ? "ok" : i == 4 ? (one ? "ok 0" : "ok 1") : "done";
                ExpectedOutcome expected = step instanceof Step.Op op ? op.expect().get(level) : null;
                boolean met = expected == null || (one ? i != 4 || expected.value() == 0L : i != 3 && i != 4);
                steps.add(new StepResult(i, step.describe(), outcome, expected, met));
            }
            levels.add(new LessonLevel(result, steps));
        }
        RunFiles.write(runDir, lesson, new Platform("test", "5.0.6"), levels);
        return runDir;
    }

    private static LevelResult level(Path runDir, Consistency level, History history, LostWrites lost, List<String> unmet)
            throws Exception {
        Path file = runDir.resolve(level.name()).resolve("history.jsonl");
        Files.createDirectories(file.getParent());
        HistoryRecorder.write(history, file);
        return new LevelResult(level, file, Availability.of(history),
                LinearizabilityChecker.check(history, RegisterModel.register(), Budget.defaults()), lost, unmet);
    }
}
