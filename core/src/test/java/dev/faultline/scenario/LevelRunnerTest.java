package dev.faultline.scenario;

import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.workload.CqlSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LevelRunnerTest {

    @TempDir
    Path dir;

    private final RecordingCluster fake = new RecordingCluster("n1", "n2");
    private final List<String> progress = new ArrayList<>();
    private final LevelRunner runner = new LevelRunner(fake.cluster(), progress::add);

    private static void add(HistoryRecorder recorder, Process process, OpType completion, String key, long delta) {
        recorder.record(process, OpType.INVOKE, "add", key, delta);
        recorder.record(process, completion, "add", key, delta);
    }

    private static void read(HistoryRecorder recorder, Process process, String key, long total) {
        recorder.record(process, OpType.INVOKE, "read", key, null);
        recorder.record(process, OpType.OK, "read", key, total);
    }

    @Test
    void aPlayThatThrowsStillHasItsFaultsHealedAndItsSettingsUndoneBeforeTheClusterIsHealed() {
        assertThatThrownBy(() -> runner.run(Consistency.ONE, dir.resolve("ONE"), "nothing", null, stage -> {
            Nemesis nemesis = stage.keep(Nemesis.stepwise(stage.recorder()));
            nemesis.inject(new Fault.Kill("n2"), new Fault.Target(fake.cluster(), List.of()));
            fake.cluster().hintedHandoff("n1", false);
            stage.undoWhenHealing(() -> fake.cluster().hintedHandoff("n1", true));
            throw new IllegalStateException("step 3 broke");
        })).hasMessage("step 3 broke");

        assertThat(fake.calls()).containsExactly("createSchema " + CqlSchema.statements("dc1", 2).length + " statements", "kill n2", "hintedHandoff n1 false",
                "restart n2", "hintedHandoff n1 true", "healAll");
        var history = JsonlHistory.read(dir.resolve("ONE").resolve("history.jsonl"), warning -> { });
        assertThat(history.ops()).extracting(op -> op.type() + " " + op.f())
                .containsExactly("INVOKE start-kill", "INFO start-kill", "INVOKE stop-kill", "INFO stop-kill");
    }

    @Test
    void theClosingOpsRunAfterHealingAndTheHistoryIsCheckedFromItsFile() {
        Expectation expected = new Expectation(null, null, null, null, Map.of("counter", Validity.VALID));
        LevelResult result = runner.run(Consistency.QUORUM, dir.resolve("QUORUM"), "counters", expected, stage -> {
            HistoryRecorder recorder = stage.recorder();
            add(recorder, Process.client(0), OpType.OK, "c", 1);
            add(recorder, Process.client(0), OpType.INFO, "c", 1);
            return new LevelRunner.Played(List.of(Checkers.counter()), () -> {
                // healed before the closing read, as a set's or counter's final read must be
                assertThat(fake.calls()).contains("healAll");
                read(recorder, Process.client(1), "c", 3);
            }, List.of("step 2 expected ok, got info"));
        });

        assertThat(result.level()).isEqualTo(Consistency.QUORUM);
        assertThat(result.check("counter").orElseThrow().validity()).isEqualTo(Validity.INVALID);
        assertThat(result.unmet()).hasSize(2).last().isEqualTo("step 2 expected ok, got info");
        assertThat(result.unmet().get(0)).contains("counter");
        assertThat(progress).anyMatch(line -> line.startsWith("level QUORUM: setting up (counters)"))
                .anyMatch(line -> line.startsWith("level QUORUM: checking the history (6 events)"));
    }
}
