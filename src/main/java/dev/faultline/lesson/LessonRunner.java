package dev.faultline.lesson;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.Checkers;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.history.Values;
import dev.faultline.model.RegisterModel;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Expectation;
import dev.faultline.scenario.LevelResult;
import dev.faultline.workload.ClientClock;
import dev.faultline.workload.CqlRegisterClient;
import dev.faultline.workload.CqlSchema;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Outcome;
import dev.faultline.workload.RecordedCall;
import dev.faultline.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a lesson's steps in order, once per level, on a started cluster: every op and fault recorded as
 * in a scenario, then the history checked and each op's outcome compared with what the lesson expects.
 */
public final class LessonRunner {

    // a failure detector convicts after 18 s of silence at a 1 s heartbeat, longer on a loaded machine (52 s seen)
    private static final Duration AWAIT_LIMIT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String PROBE_KEY = "failure-detector-probe";

    private final Cluster cluster;
    private final Consumer<String> progress;

    public LessonRunner(Cluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    /** Runs every level of {@code lesson}, writing each level's history under {@code runDir/<level>/}. */
    public List<LessonLevel> run(Lesson lesson, Path runDir) {
        progress.accept("lesson " + lesson.name() + ": " + lesson.question().strip());
        List<LessonLevel> levels = new ArrayList<>();
        for (Consistency level : lesson.levels()) {
            levels.add(new Level(lesson, level, runDir.resolve(level.name())).run());
        }
        return levels;
    }

    /** One level's run: its session, clients, active faults and step results. */
    private final class Level {
        private final Lesson lesson;
        private final Consistency level;
        private final Path dir;
        private final String run;
        private final Map<String, Client> clients = new LinkedHashMap<>();
        private Nemesis nemesis;
        private final Set<String> hintsOff = new LinkedHashSet<>();
        private final List<StepResult> results = new ArrayList<>();
        private int nextProcess;

        private record Client(Process process, ClientClock clock) {
        }

        Level(Lesson lesson, Consistency level, Path dir) {
            this.lesson = lesson;
            this.level = level;
            this.dir = dir;
            this.run = lesson.name() + "-" + level + "-" + System.currentTimeMillis();
        }

        LessonLevel run() {
            Path historyFile = dir.resolve("history.jsonl");
            createDirectories(dir);
            progress.accept("level " + level + ": setting up (session, schema, every key 0 on every replica), then "
                    + lesson.steps().size() + " steps, history in " + historyFile);
            try (CqlSession session = cluster.openSession();
                 HistoryRecorder recorder = HistoryRecorder.create(historyFile)) {
                nemesis = Nemesis.stepwise(recorder);
                cluster.createSchema(CqlSchema.statements(cluster.localDatacenter(), cluster.replicationFactor()));
                var statements = CqlRegisterClient.Statements.prepare(session, CqlSchema.LESSON_REGISTERS);
                initialize(session, statements);
                Map<String, Object> seeded = new LinkedHashMap<>();
                lesson.keys().forEach(key -> seeded.put(key, 0L));
                Workload.recordSeeded(recorder, seeded);
                try {
                    for (int i = 0; i < lesson.steps().size(); i++) {
                        StepResult result = step(i, lesson.steps().get(i), session, statements, recorder);
                        results.add(result);
                        progress.accept(String.format("  %2d. %-58s %s%s", i + 1, result.step(), result.outcome(),
                                result.expected() == null ? "" : result.met() ? "  (as expected)" : "  (EXPECTED " + result.expected() + ")"));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalStateException("lesson " + lesson.name() + " at " + level + ", step "
                            + (results.size() + 1) + " (" + lesson.steps().get(results.size()).describe() + "): " + e.getMessage(), e);
                } finally {
                    healEverything();
                }
            }
            History history = JsonlHistory.read(historyFile, warning -> progress.accept("warning: " + warning));
            progress.accept("level " + level + ": checking the history (" + history.size() + " events)");
            return analyse(historyFile, history);
        }

        /** Every key starts at 0 on every replica, as the register model assumes. */
        private void initialize(CqlSession session, CqlRegisterClient.Statements statements) {
            for (String key : lesson.keys()) {
                retry("write " + key + " = 0 at ALL", () -> session.execute(
                        statements.write().bind(0L, run, key).setConsistencyLevel(DefaultConsistencyLevel.ALL)));
            }
        }

        private StepResult step(int index, Step step, CqlSession session, CqlRegisterClient.Statements statements,
                                HistoryRecorder recorder) {
            long start = System.nanoTime();
            long startNs = recorder.now();
            if (step instanceof Step.Op op) {
                return op(index, op, session, statements, recorder, start, startNs);
            }
            if (step instanceof Step.Inject inject) {
                Fault.Target target = new Fault.Target(cluster,
                        inject.client() == null ? List.of() : List.of(client(inject.client()).clock()));
                nemesis.inject(inject.fault(), target);
            } else if (step instanceof Step.Heal heal) {
                if (heal.fault().equals("all")) {
                    nemesis.healAll();
                } else {
                    nemesis.heal(heal.fault());
                }
            } else if (step instanceof Step.HintedHandoff hints) {
                cluster.hintedHandoff(hints.node(), hints.enabled());
                if (hints.enabled()) {
                    hintsOff.remove(hints.node());
                } else {
                    hintsOff.add(hints.node());
                }
            } else if (step instanceof Step.Await await) {
                awaitView(session, statements, await);
            } else if (step instanceof Step.Sleep sleep) {
                pause(sleep.duration());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new StepResult(index, step.describe(), "done in " + seconds(took), null, true, startNs, recorder.now(), List.of());
        }

        private StepResult op(int index, Step.Op op, CqlSession session, CqlRegisterClient.Statements statements,
                              HistoryRecorder recorder, long start, long startNs) {
            Consistency at = op.at() == null ? level : op.at();
            Node coordinator = op.via() == null ? null : driverNode(session, op.via());
            Invocation invocation = op.invocation();
            long deadline = op.within() == null ? 0 : System.nanoTime() + op.within().toNanos();
            List<Long> invoked = new ArrayList<>();
            Outcome outcome;
            while (true) {
                Client c = client(op.client());
                var db = new CqlRegisterClient(session, statements, run, at.driverLevel(), at.driverLevel(), c.clock(), coordinator);
                RecordedCall call = RecordedCall.of(recorder, c.process(), db, invocation);
                invoked.add(call.invokeIndex());
                outcome = call.outcome();
                if (call.leavesProcessOpen()) {
                    clients.put(op.client(), new Client(Process.client(nextProcess++), c.clock()));
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
            String what = describe(outcome) + (invoked.size() > 1 ? " after " + invoked.size() + " reads in " + seconds(took) : "");
            return new StepResult(index, op.describe(), what, expected, expected == null || expected.matches(outcome),
                    startNs, recorder.now(), invoked);
        }

        private Client client(String name) {
            return clients.computeIfAbsent(name, n -> new Client(Process.client(nextProcess++), new ClientClock()));
        }

        /**
         * Polls a read at ALL coordinated by the node: Unavailable means its failure detector holds a replica
         * (with every key on every node: the peer) down; a result means it holds every replica up; a timeout,
         * that it has not decided yet.
         */
        private void awaitView(CqlSession session, CqlRegisterClient.Statements statements, Step.Await await) {
            Node coordinator = driverNode(session, await.node());
            long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
            while (true) {
                Boolean up;
                try {
                    session.execute(statements.read().bind(run, PROBE_KEY)
                            .setConsistencyLevel(DefaultConsistencyLevel.ALL).setNode(coordinator));
                    up = true;
                } catch (DriverException e) {
                    up = unavailable(e) ? false : null;
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

        /** Whatever the steps left: faults healed (recorded), hinted handoff back on, every node up and in touch. */
        private void healEverything() {
            progress.accept("level " + level + ": healing every fault and waiting until every node sees every other up");
            try {
                nemesis.healAll();
            } finally {
                for (String node : hintsOff) {
                    cluster.hintedHandoff(node, true);
                }
                cluster.healAll();
            }
        }

        private LessonLevel analyse(Path historyFile, History history) {
            Availability availability = Availability.of(history);
            // a lesson's steps may write a value twice, so the session checker's unique-value premise does not hold
            CheckerResult check = Checkers.linearizability(RegisterModel.register(), Budget.defaults()).check(history);
            List<String> unmet = new ArrayList<>();
            Expectation expected = lesson.expect().get(level);
            if (expected != null) {
                unmet.addAll(expected.unmet(availability, List.of(check)));
            }
            for (StepResult r : results) {
                if (!r.met()) {
                    unmet.add("step " + (r.index() + 1) + " (" + r.step() + ") expected " + r.expected() + ", got " + r.outcome());
                }
            }
            progress.accept("level " + level + ": " + check.summary()
                    + (unmet.isEmpty() ? ", every expectation held" : "; unmet: " + String.join("; ", unmet)));
            return new LessonLevel(new LevelResult(level, historyFile, availability, List.of(check), unmet), List.copyOf(results));
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

    private static boolean unavailable(Throwable e) {
        if (e instanceof AllNodesFailedException all) {
            return all.getAllErrors().values().stream().flatMap(List::stream).anyMatch(LessonRunner::unavailable);
        }
        return e instanceof UnavailableException;
    }

    /** The driver's handle on a cluster node, found by the address its CQL port listens on. */
    private Node driverNode(CqlSession session, String name) {
        InetSocketAddress address = cluster.node(name).cqlAddress();
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> address.equals(n.getEndPoint().resolve()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the driver knows no node at " + address + " (" + name + ")"));
    }

    private static void retry(String what, Runnable action) {
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

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
