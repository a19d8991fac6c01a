package dev.faultline.lesson;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.checker.Budget;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.history.Values;
import dev.faultline.model.RegisterModel;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelRunner;
import dev.faultline.workload.Client;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.CqlCounterClient;
import dev.faultline.workload.CqlRegisterClient;
import dev.faultline.workload.CqlSchema;
import dev.faultline.workload.DriverErrors;
import dev.faultline.workload.Outcome;
import dev.faultline.workload.RecordedCall;
import dev.faultline.workload.Workload;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a lesson's steps in order, once per level, on a started cluster, inside the {@link LevelRunner}
 * every scenario level runs in: ops are recorded as in a scenario, faults are kept by the nemesis, and
 * each op's outcome is compared with what the lesson expects.
 */
public final class LessonRunner {

    // a failure detector convicts after 18 s of silence at a 1 s heartbeat, longer on a loaded machine (52 s seen)
    private static final Duration AWAIT_LIMIT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String PROBE_KEY = "failure-detector-probe";

    private final Cluster cluster;
    private final Consumer<String> progress;
    private final LevelRunner levels;

    public LessonRunner(Cluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
        this.levels = new LevelRunner(cluster, progress);
    }

    /** Runs every level of {@code lesson}, writing each level's history under {@code runDir/<level>/}. */
    public List<LessonLevel> run(Lesson lesson, Path runDir) {
        String refusal = Capability.refusal(cluster.backendName(), cluster.capabilities(), lesson.needs());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + ", which lesson " + lesson.name() + " needs");
        }
        progress.accept("lesson " + lesson.name() + ": " + lesson.question().strip());
        List<LessonLevel> results = new ArrayList<>();
        for (Consistency level : lesson.levels()) {
            Steps steps = new Steps(lesson, level);
            String setUp = "session, schema, every key 0 on every replica, then " + lesson.steps().size() + " steps";
            var result = levels.run(level, runDir.resolve(level.name()), setUp, lesson.expect().get(level), steps::play);
            results.add(new LessonLevel(result, List.copyOf(steps.results)));
        }
        return results;
    }

    /** One level's steps: its clients (each a process and a clock), the nemesis and each step's result. */
    private final class Steps {
        private final Lesson lesson;
        private final Consistency level;
        private final String run;
        private final Map<String, Named> clients = new LinkedHashMap<>();
        private final List<StepResult> results = new ArrayList<>();
        private CqlSession session;
        private HistoryRecorder recorder;
        private Nemesis nemesis;
        private CqlRegisterClient.Statements registers;
        private CqlCounterClient.Statements counters;

        private record Named(Process process, ClientClock clock) {
        }

        Steps(Lesson lesson, Consistency level) {
            this.lesson = lesson;
            this.level = level;
            this.run = lesson.name() + "-" + level + "-" + System.currentTimeMillis();
        }

        LevelRunner.Played play(LevelRunner.Stage stage) {
            session = stage.session();
            recorder = stage.recorder();
            nemesis = stage.keep(Nemesis.stepwise(recorder));
            registers = CqlRegisterClient.Statements.prepare(session, CqlSchema.LESSON_REGISTERS);
            if (lesson.counts()) {
                // a counter never added to reads 0: nothing to write first
                counters = CqlCounterClient.Statements.prepare(session);
            } else {
                initialize();
            }
            for (int i = 0; i < lesson.steps().size(); i++) {
                Step step = lesson.steps().get(i);
                try {
                    results.add(step(i, step, stage));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("lesson " + lesson.name() + " at " + level + ", step " + (i + 1)
                            + " (" + step.describe() + "): " + e.getMessage(), e);
                }
                StepResult result = results.get(i);
                progress.accept(String.format("  %2d. %-58s %s%s", i + 1, result.step(), result.outcome(),
                        result.expected() == null ? "" : result.met() ? "  (as expected)" : "  (EXPECTED " + result.expected() + ")"));
            }
            List<String> unmet = results.stream().filter(r -> !r.met())
                    .map(r -> "step " + (r.index() + 1) + " (" + r.step() + ") expected " + r.expected() + ", got " + r.outcome())
                    .toList();
            return new LevelRunner.Played(checkers(), () -> { }, unmet);
        }

        /**
         * Every checker that fits the lesson's history, as `faultline check` picks them: counters get the counter
         * checker; registers linearizability, and each client's session guarantees where the steps write every value
         * once (the session checker names the write a read saw by its value).
         */
        private List<Checker> checkers() {
            Checkers.Shape shape = lesson.counts() ? Checkers.Shape.COUNTER
                    : lesson.writesEachValueOnce() ? Checkers.Shape.UNIQUE_REGISTER : Checkers.Shape.REGISTER;
            return Checkers.fitting(new Checkers.Options(shape, RegisterModel.register(), Budget.defaults(),
                    lesson.clients().size()));
        }

        /** Every register starts at 0 on every replica, as the register model assumes, and the history says so. */
        private void initialize() {
            Map<String, Object> seeded = new LinkedHashMap<>();
            for (String key : lesson.keys()) {
                retry("write " + key + " = 0 at ALL", () -> session.execute(
                        registers.write().bind(0L, run, key).setConsistencyLevel(DefaultConsistencyLevel.ALL)));
                seeded.put(key, 0L);
            }
            Workload.recordSeeded(recorder, seeded);
        }

        private StepResult step(int index, Step step, LevelRunner.Stage stage) {
            long start = System.nanoTime();
            long startNs = recorder.now();
            if (step instanceof Step.Op op) {
                return op(index, op, start, startNs);
            }
            if (step instanceof Step.Inject inject) {
                nemesis.inject(inject.fault(), new Fault.Target(cluster,
                        inject.client() == null ? List.of() : List.of(client(inject.client()).clock())));
            } else if (step instanceof Step.Heal heal) {
                nemesis.heal(heal.kind());
            } else if (step instanceof Step.HealAll) {
                nemesis.healAll();
            } else if (step instanceof Step.HintedHandoff hints) {
                cluster.hintedHandoff(hints.node(), hints.enabled());
                if (!hints.enabled()) {
                    stage.undoWhenHealing(() -> cluster.hintedHandoff(hints.node(), true));
                }
            } else if (step instanceof Step.Await await) {
                awaitView(await);
            } else if (step instanceof Step.Sleep sleep) {
                pause(sleep.duration());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new StepResult(index, step.describe(), "done in " + seconds(took), null, true, startNs, recorder.now(), List.of());
        }

        private StepResult op(int index, Step.Op op, long start, long startNs) {
            Consistency at = op.at() == null ? level : op.at();
            Node coordinator = op.via() == null ? null : driverNode(op.via());
            long deadline = op.within() == null ? 0 : System.nanoTime() + op.within().toNanos();
            List<Long> invoked = new ArrayList<>();
            boolean retried = false;
            Outcome outcome;
            while (true) {
                Named named = client(op.client());
                Client db = lesson.counts()
                        ? new CqlCounterClient(session, counters, run, at.driverLevel(), at.driverLevel(), coordinator,
                                op.retryVia() == null ? CqlCounterClient.Retry.NEVER : CqlCounterClient.Retry.onceVia(driverNode(op.retryVia())))
                        : new CqlRegisterClient(session, registers, run, at.driverLevel(), at.driverLevel(), named.clock(),
                                coordinator);
                RecordedCall call = RecordedCall.of(recorder, named.process(), db, op.invocation());
                if (db instanceof CqlCounterClient counter && counter.retried() > 0) {
                    retried = true;
                }
                invoked.add(call.invokeIndex());
                outcome = call.outcome();
                if (call.leavesProcessOpen()) {
                    // as a scenario's client does: its next id is one client count on, so ids map back to it
                    int next = ((Process.Client) named.process()).id() + lesson.clients().size();
                    clients.put(op.client(), new Named(Process.client(next), named.clock()));
                }
                boolean done = op.until() == null
                        || (outcome.type() == OpType.OK && op.until().equals(outcome.value()))
                        || System.nanoTime() - deadline > 0;
                if (done) {
                    break;
                }
                pause(POLL);
            }
            ExpectedOutcome expected = op.expect().get(at);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String what = describe(outcome) + (invoked.size() > 1 ? " after " + invoked.size() + " reads in " + seconds(took) : "")
                    + (retried ? " (the first try timed out; sent again via " + op.retryVia() + ")" : "");
            return new StepResult(index, op.describe(), what, expected, expected == null || expected.matches(outcome),
                    startNs, recorder.now(), invoked);
        }

        private Named client(String name) {
            return clients.computeIfAbsent(name, n -> new Named(Process.client(slot(n)), new ClientClock()));
        }

        /** A client's first process id: its place among the lesson's clients, in order of first use. */
        private int slot(String client) {
            return List.copyOf(lesson.clients()).indexOf(client);
        }

        /**
         * Polls a read at ALL coordinated by the node: Unavailable means its failure detector holds a replica
         * (with every key on every node: the peer) down; a result means it holds every replica up; a timeout,
         * that it has not decided yet.
         */
        private void awaitView(Step.Await await) {
            Node coordinator = driverNode(await.node());
            long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
            while (true) {
                Boolean up;
                try {
                    session.execute(registers.read().bind(run, PROBE_KEY)
                            .setConsistencyLevel(DefaultConsistencyLevel.ALL).setNode(coordinator));
                    up = true;
                } catch (DriverException e) {
                    up = DriverErrors.refusedAsUnavailable(e) ? false : null;
                }
                if (up != null && up == await.up()) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(await.node() + " did not see " + await.peer()
                            + (await.up() ? " up" : " down") + " within " + AWAIT_LIMIT.toSeconds() + " s");
                }
                pause(POLL);
            }
        }

        /** The driver's handle on a cluster node, found by the address its CQL port listens on. */
        private Node driverNode(String name) {
            InetSocketAddress address = cluster.node(name).cqlAddress();
            return session.getMetadata().getNodes().values().stream()
                    .filter(n -> address.equals(n.getEndPoint().resolve()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the driver knows no node at " + address + " (" + name + ")"));
        }

        private void retry(String what, Runnable action) {
            long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
            while (true) {
                try {
                    action.run();
                    return;
                } catch (DriverException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(what + " kept failing for " + AWAIT_LIMIT.toSeconds() + " s: " + e.getMessage(), e);
                    }
                    pause(POLL);
                }
            }
        }
    }

    private static String describe(Outcome outcome) {
        String value = outcome.value() == null ? "" : " " + Values.show(outcome.value());
        return switch (outcome.type()) {
            case OK -> "ok" + value;
            case FAIL -> "fail: " + outcome.error();
            default -> "info: " + outcome.error();
        };
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
