package dev.faultline.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.faultline.checker.Availability;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerResult;
import dev.faultline.cluster.Cluster;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.workload.CqlSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one skeleton of a level, for scenarios and lessons alike: its folder, a session and a history
 * recorder, the schema; then the {@link Play} (a scenario's clients and nemesis, a lesson's steps);
 * then every fault healed, whatever the play did or threw; the play's closing ops; and last the
 * history read back from its file and checked, as {@code faultline check} would check it.
 */
public final class LevelRunner {

    private final Cluster cluster;
    private final Consumer<String> progress;

    public LevelRunner(Cluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    /** What a level does between its set-up and its healing. */
    @FunctionalInterface
    public interface Play {
        /** Runs on {@code stage}; faults go through {@link Stage#keep}'s nemesis so that healing finds them. */
        Played play(Stage stage);
    }

    /**
     * What a play leaves for the rest of the level.
     *
     * @param checkers what checks the history
     * @param closing  ops run once every fault is healed, such as the set's final read
     * @param unmet    expectations of the play's own that did not hold (a lesson's steps)
     */
    public record Played(List<Checker> checkers, Runnable closing, List<String> unmet) {
        public Played {
            checkers = List.copyOf(checkers);
            unmet = List.copyOf(unmet);
        }
    }

    /** The level's session, recorder and the keepers of what healing must undo. */
    public static final class Stage {
        private final CqlSession session;
        private final HistoryRecorder recorder;
        private final Path historyFile;
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private Nemesis nemesis;

        private Stage(CqlSession session, HistoryRecorder recorder, Path historyFile) {
            this.session = session;
            this.recorder = recorder;
            this.historyFile = historyFile;
        }

        public CqlSession session() {
            return session;
        }

        public HistoryRecorder recorder() {
            return recorder;
        }

        public Path historyFile() {
            return historyFile;
        }

        /** The nemesis that keeps this level's faults: healing heals whatever it still holds. */
        public Nemesis keep(Nemesis nemesis) {
            this.nemesis = nemesis;
            return nemesis;
        }

        /** Something besides faults that healing must put back (a node setting), undone newest first. */
        public void undoWhenHealing(Runnable action) {
            undo.push(action);
        }
    }

    /**
     * Runs one level into {@code dir}: {@code setUp} names, for the progress line, what the play sets up.
     *
     * @param expected what the level must come to, or null when nothing is expected
     */
    public LevelResult run(Consistency level, Path dir, String setUp, Expectation expected, Play play) {
        Path historyFile = dir.resolve("history.jsonl");
        createDirectories(dir);
        progress.accept("level " + level + ": setting up (" + setUp + ")");
        Played played;
        long start = System.nanoTime();
        try (CqlSession session = cluster.openSession();
             HistoryRecorder recorder = HistoryRecorder.create(historyFile)) {
            long opened = System.nanoTime();
            cluster.createSchema(CqlSchema.statements(cluster.localDatacenter(), cluster.replicationFactor()));
            progress.accept("level " + level + ": session opened in " + Durations.seconds(opened - start)
                    + ", schema agreed on by every node in " + Durations.seconds(System.nanoTime() - opened));
            Stage stage = new Stage(session, recorder, historyFile);
            try {
                played = play.play(stage);
            } finally {
                heal(level, stage);
            }
            played.closing().run();
        }
        History history = JsonlHistory.read(historyFile, warning -> progress.accept("warning: " + warning));
        progress.accept("level " + level + ": checking the history (" + history.size() + " events)");
        Availability availability = Availability.of(history);
        List<CheckerResult> checks = played.checkers().stream().map(c -> c.check(history)).toList();
        List<String> unmet = new ArrayList<>(expected == null ? List.of() : expected.unmet(availability, checks));
        unmet.addAll(played.unmet());
        progress.accept("level " + level + ": " + availability.total().ok() + " ok, " + availability.total().fail()
                + " fail, " + availability.total().info() + " info"
                + checks.stream().map(c -> "; " + c.checker() + ": " + c.summary()).collect(Collectors.joining())
                + (unmet.isEmpty() ? "; every expectation held" : "; unmet: " + String.join("; ", unmet)));
        return new LevelResult(level, historyFile, availability, checks, unmet);
    }

    /** The play's faults healed (and recorded), its settings undone, then the cluster whole again. */
    private void heal(Consistency level, Stage stage) {
        long start = System.nanoTime();
        progress.accept("level " + level + ": healing every fault and waiting until every node sees every other up");
        try {
            if (stage.nemesis != null) {
                stage.nemesis.healAll();
            }
        } finally {
            try {
                while (!stage.undo.isEmpty()) {
                    stage.undo.pop().run();
                }
            } finally {
                cluster.healAll();
            }
        }
        progress.accept("level " + level + ": healed in " + Durations.seconds(System.nanoTime() - start));
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
