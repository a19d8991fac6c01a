package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.Checkers;
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
import dev.faultline.workload.Outcome;
import dev.faultline.workload.Workload;

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
        Process who = process instanceof Integer id ? Process.client(id) : process instanceof Process p ? p : Process.NEMESIS;
        ops.add(new Op(ops.size(), who, type, f, key, value, millis * 1_000_000));
        return this;
    }

    /** A completion the coordinator refused: fail, with the error the driver gives. */
    private TestRuns refused(int process, String f, Object key, Object value, long millis) {
        return failed(process, f, key, value, millis, "Unavailable (1 of 2 replicas alive)");
    }

    private TestRuns failed(int process, String f, Object key, Object value, long millis, String error) {
        ops.add(new Op(ops.size(), Process.client(process), OpType.FAIL, f, key, value, millis * 1_000_000, error));
        return this;
    }

    /** The seeding writes a run records first: every key 0, written at ALL before the clients start. */
    private TestRuns seeded(String... keys) {
        for (String key : keys) {
            op(Workload.SEEDER, OpType.INVOKE, "write", key, 0L, 0).op(Workload.SEEDER, OpType.OK, "write", key, 0L, 0);
        }
        return this;
    }

    private History history() {
        return new History(ops);
    }

    /**
     * At ONE: a read during the partition returns an overwritten value; one write stays indeterminate, so
     * its client (2 of 8) goes on as process 10.
     */
    static History staleReadAtOne() {
        return new TestRuns().seeded("k1", "k2")
                .op(0, OpType.INVOKE, "write", "k1", 1L, 1).op(0, OpType.OK, "write", "k1", 1L, 4)
                .op(1, OpType.INVOKE, "read", "k2", null, 2).op(1, OpType.OK, "read", "k2", 0L, 5)
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
                .op(10, OpType.INVOKE, "read", "k2", null, 75).op(10, OpType.OK, "read", "k2", 5L, 77)
                .op(1, OpType.INVOKE, "read", "k1", null, 80).op(1, OpType.OK, "read", "k1", 3L, 82)
                .history();
    }

    /**
     * At QUORUM: ops on the cut-off replica's key are refused during the partition, or time out while
     * the coordinator still holds it up (a read that timed out failed: a read has no effect).
     */
    static History unavailableAtQuorum() {
        return new TestRuns().seeded("k1", "k2")
                .op(0, OpType.INVOKE, "write", "k1", 1L, 1).op(0, OpType.OK, "write", "k1", 1L, 4)
                .op("nemesis", OpType.INVOKE, "start-partition", null, PARTITION, 10)
                .op("nemesis", OpType.INFO, "start-partition", null, PARTITION, 12)
                .op(0, OpType.INVOKE, "write", "k1", 2L, 20)
                .refused(0, "write", "k1", 2L, 21)
                .op(1, OpType.INVOKE, "read", "k1", null, 25)
                .refused(1, "read", "k1", null, 26)
                .op(1, OpType.INVOKE, "read", "k2", null, 30).op(1, OpType.OK, "read", "k2", 0L, 32)
                .op(2, OpType.INVOKE, "write", "k2", 4L, 33).op(2, OpType.OK, "write", "k2", 4L, 36)
                .op(1, OpType.INVOKE, "read", "k1", null, 40).failed(1, "read", "k1", null, 60, "ReadTimeout (1 of 2 replies)")
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

    /**
     * A simulated run of test-scenarios/partition-one-vs-quorum.yaml at one level, at a real run's scale:
     * 8 clients on 8 keys for 60 s, n3 (a replica of k0 … k4) cut off from 5 s to 50 s, its failure
     * detector convicting it at 25 s. At QUORUM an op on n3's keys times out after 2 s until then (a write
     * is indeterminate, so its client goes on under a new process id; a read fails) and is refused as
     * Unavailable after; at ONE every op succeeds, but n3 and the other replica drift apart, so reads
     * are stale until the heal (last write wins).
     */
    static History partitionRun(Consistency level, long seed) {
        record Event(long time, int order, Op op) {}
        Random random = new Random(seed);
        long ms = 1_000_000;
        long start = 5_000 * ms;
        long convicted = 25_000 * ms;
        long heal = 50_000 * ms;
        long end = 60_000 * ms;
        int clients = 8;
        long[][] value = new long[8][2];
        long[][] stamp = new long[8][2];
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            events.add(new Event(0, events.size(), new Op(0, Workload.SEEDER, OpType.INVOKE, "write", "k" + k, 0L, 0)));
            events.add(new Event(0, events.size(), new Op(0, Workload.SEEDER, OpType.OK, "write", "k" + k, 0L, 0)));
        }
        events.add(new Event(start, events.size(), new Op(0, Process.NEMESIS, OpType.INVOKE, "start-partition", null, "isolate n3", start)));
        events.add(new Event(start + ms, events.size(), new Op(0, Process.NEMESIS, OpType.INFO, "start-partition", null, "isolate n3", start + ms)));
        events.add(new Event(heal, events.size(), new Op(0, Process.NEMESIS, OpType.INVOKE, "stop-partition", null, "isolate n3", heal)));
        events.add(new Event(heal + ms, events.size(), new Op(0, Process.NEMESIS, OpType.INFO, "stop-partition", null, "isolate n3", heal + ms)));
        long[] next = new long[clients];
        int[] process = new int[clients];
        for (int c = 0; c < clients; c++) {
            next[c] = ms + random.nextInt(150) * ms;
            process[c] = c;
        }
        long written = 0;
        boolean healed = false;
        while (true) {
            int c = 0;
            for (int i = 1; i < clients; i++) {
                c = next[i] < next[c] ? i : c;
            }
            long now = next[c];
            if (now >= end) {
                break;
            }
            if (!healed && now >= heal) {
                // the partition heals: each replica pair settles on the newer write
                for (int k = 0; k < 8; k++) {
                    int newer = stamp[k][0] >= stamp[k][1] ? 0 : 1;
                    value[k][1 - newer] = value[k][newer];
                    stamp[k][1 - newer] = stamp[k][newer];
                }
                healed = true;
            }
            int k = random.nextInt(8);
            boolean write = random.nextBoolean();
            boolean cut = k < 5 && now >= start && now < heal;
            int side = cut && random.nextInt(3) == 0 ? 1 : 0;
            long latency = (1 + random.nextInt(3)) * ms;
            Process who = Process.client(process[c]);
            Object v = write ? (Object) Long.valueOf(++written) : null;
            events.add(new Event(now, events.size(), new Op(0, who, OpType.INVOKE, write ? "write" : "read", "k" + k, v, now)));
            OpType type = OpType.OK;
            String error = null;
            Object result = v;
            if (level == Consistency.QUORUM && cut) {
                if (now < convicted) {
                    latency = 2_000 * ms;
                    type = write ? OpType.INFO : OpType.FAIL;
                    error = write ? "WriteTimeout (1 of 2 acks, SIMPLE)" : "ReadTimeout (1 of 2 replies)";
                    if (write) {
                        // it reached the replica on this side, and wins there by its timestamp
                        value[k][0] = written;
                        stamp[k][0] = now;
                    }
                } else {
                    latency = ms;
                    type = OpType.FAIL;
                    error = "Unavailable (1 of 2 replicas alive)";
                }
            } else if (write) {
                for (int r = 0; r < 2; r++) {
                    if (!cut || r == side) {
                        value[k][r] = written;
                        stamp[k][r] = now;
                    }
                }
            } else {
                result = value[k][cut ? side : 0];
            }
            long done = now + latency;
            events.add(new Event(done, events.size(), new Op(0, who, type, write ? "write" : "read", "k" + k,
                    type == OpType.OK ? result : v, done, error)));
            if (type == OpType.INFO) {
                process[c] += clients;
            }
            next[c] = done + (100 + random.nextInt(100)) * ms;
        }
        events.sort(java.util.Comparator.comparingLong(Event::time).thenComparingInt(Event::order));
        List<Op> ops = new ArrayList<>();
        for (Event e : events) {
            Op op = e.op();
            ops.add(new Op(ops.size(), op.process(), op.type(), op.f(), op.key(), op.value(), op.time(), op.error()));
        }
        return new History(ops);
    }

    /** The run folder of a simulated partition-one-vs-quorum run ({@link #partitionRun}) at ONE and QUORUM. */
    public static Path writePartitionRun(Path runDir) throws Exception {
        List<LevelResult> levels = new ArrayList<>();
        for (Consistency level : List.of(Consistency.ONE, Consistency.QUORUM)) {
            levels.add(level(runDir, level, partitionRun(level, 7), null, List.of()));
        }
        RunFiles.write(runDir, ScenarioParser.parse(Path.of("test-scenarios/partition-one-vs-quorum.yaml")), 1, new Platform("test", "5.0.6"), levels);
        return runDir;
    }

    /** A run folder with levels ONE and QUORUM, written by {@link RunFiles#write}. */
    public static Path writeRun(Path runDir) throws Exception {
        History one = staleReadAtOne();
        History quorum = unavailableAtQuorum();
        List<LevelResult> levels = List.of(
                level(runDir, Consistency.ONE, one, new LostWrites(List.of(7L, 9L), List.of(), List.of(), List.of(), null),
                        List.of("linearizable: expected true")),
                level(runDir, Consistency.QUORUM, quorum, null, List.of()));
        RunFiles.write(runDir, ScenarioParser.parse(Path.of("test-scenarios/partition-one-vs-quorum.yaml")), 1, new Platform("test", "5.0.6"), levels);
        return runDir;
    }

    /**
     * The run folder of test-scenarios/lessons/stale-read-at-one.yaml as a lesson run writes it, with a real
     * run's timing: the failure detectors take 21 s to convict, the ops then take milliseconds. At ONE the
     * read saw 0 (as expected); at QUORUM the write is made to disagree with the lesson (ok, not
     * unavailable) and the read is refused as the lesson expects.
     */
    public static Path writeLessonRun(Path runDir) throws Exception {
        Lesson lesson = LessonParser.parse(Path.of("test-scenarios/lessons/stale-read-at-one.yaml"));
        List<LessonLevel> levels = new ArrayList<>();
        for (Consistency level : lesson.levels()) {
            boolean one = level == Consistency.ONE;
            Outcome write = Outcome.ok(1L);
            Outcome read = one ? Outcome.ok(0L) : Outcome.fail(null, "Unavailable (1 of 2 replicas alive)");
            TestRuns run = new TestRuns().seeded("x")
                    .op("nemesis", OpType.INVOKE, "start-partition", null, "n1 | n2", 2)
                    .op("nemesis", OpType.INFO, "start-partition", null, "n1 | n2", 3)
                    .op(0, OpType.INVOKE, "write", "x", 1L, 21_102).op(0, OpType.OK, "write", "x", 1L, 21_105)
                    .op(1, OpType.INVOKE, "read", "x", null, 21_110);
            if (one) {
                run.op(1, OpType.OK, "read", "x", 0L, 21_112);
            } else {
                run.refused(1, "read", "x", null, 21_111);
            }
            History history = run.op("nemesis", OpType.INVOKE, "stop-partition", null, "n1 | n2", 21_120)
                    .op("nemesis", OpType.INFO, "stop-partition", null, "n1 | n2", 21_125)
                    .history();
            Path file = runDir.resolve(level.name()).resolve("history.jsonl");
            Files.createDirectories(file.getParent());
            HistoryRecorder.write(history, file);
            LevelResult result = new LevelResult(level, file, Availability.of(history), List.of(linearizability(history)),
                    one ? List.of() : List.of("step 4 expected unavailable"));
            // each step's span in ms and the invoke indexes of its ops (the seeding write is ops 0 and 1)
            long[][] spans = {{2, 3}, {3, 19_400}, {19_400, 21_100}, {21_100, 21_106}, {21_108, 21_113}, {21_120, 21_125}};
            List<List<Long>> ops = List.of(List.of(), List.of(), List.of(), List.of(4L), List.of(6L), List.of());
            List<StepResult> steps = new ArrayList<>();
            for (int i = 0; i < lesson.steps().size(); i++) {
                Step step = lesson.steps().get(i);
                Outcome outcome = i == 3 ? write : i == 4 ? read : null;
                ExpectedOutcome expected = step instanceof Step.Op op ? op.expect().get(level) : null;
                String said = outcome == null ? "done in " + (spans[i][1] - spans[i][0]) / 1000.0 + " s"
                        : outcome.type() == OpType.OK ? "ok" + (outcome.value() == null ? "" : " " + outcome.value())
                        : "fail: " + outcome.error();
                steps.add(new StepResult(i, step.describe(), said, expected, expected == null || expected.matches(outcome),
                        spans[i][0] * 1_000_000, spans[i][1] * 1_000_000, ops.get(i)));
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
        List<CheckerResult> checks = lost == null ? List.of(linearizability(history)) : List.of(linearizability(history), lost);
        return new LevelResult(level, file, Availability.of(history), checks, unmet);
    }

    private static CheckerResult linearizability(History history) {
        return Checkers.linearizability(RegisterModel.register(), Budget.defaults()).check(history);
    }
}
