package dev.faultline.nemesis;

import dev.faultline.cluster.RecordingCluster;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NemesisTest {

    @TempDir
    Path dir;

    private static Schedule.Planned planned(long atMs, long healMs, Fault fault) {
        return new Schedule.Planned(Duration.ofMillis(atMs), Duration.ofMillis(healMs), fault);
    }

    private List<String> play(RecordingCluster fake, Schedule schedule) {
        Path file = dir.resolve("history.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            new Nemesis(schedule, new Fault.Target(fake.cluster(), List.of()), recorder, System.nanoTime()).run();
        } catch (RuntimeException e) {
            // the cluster's calls and the history are what the tests look at
        }
        History history = JsonlHistory.read(file, warning -> { });
        return history.ops().stream().map(op -> op.type().label() + " " + op.f() + " " + op.value()).toList();
    }

    @Test
    void aHealDueAtTheSameInstantAsTheNextStartGoesFirst() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
        play(fake, new Schedule(List.of(
                planned(0, 30, new Fault.Kill("n1")),
                planned(30, 60, new Fault.Pause("n2")))));
        assertThat(fake.calls()).containsExactly("kill n1", "restart n1", "pause n2", "resume n2");
    }

    @Test
    void everyStartAndStopIsRecordedAroundTheFault() {
        RecordingCluster fake = new RecordingCluster("n1", "n2");
        List<String> ops = play(fake, new Schedule(List.of(planned(0, 20, new Fault.Drain("n2")))));
        assertThat(ops).containsExactly(
                "invoke start-drain n2", "info start-drain n2", "invoke stop-drain n2", "info stop-drain n2");
    }

    @Test
    void aFaultThatCannotBeInjectedIsRecordedAsFailedAndWhatIsActiveIsStillHealed() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3").failingOn(call -> call.equals("pause n3"));
        List<String> ops = play(fake, new Schedule(List.of(
                planned(0, 500, new Fault.Kill("n1")),
                planned(10, 500, new Fault.Pause("n3")))));
        assertThat(fake.calls()).containsExactly("kill n1", "restart n1");
        assertThat(ops).contains("info start-pause n3 failed: pause n3 could not be put in place", "info stop-kill n1");
    }

    @Test
    void faultsStillActiveWhenTheNemesisIsInterruptedAreHealedNewestFirst() throws Exception {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
        Path file = dir.resolve("h.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            Nemesis nemesis = new Nemesis(new Schedule(List.of(
                    planned(0, 60_000, new Fault.Kill("n1")),
                    planned(0, 60_000, new Fault.Pause("n2")))),
                    new Fault.Target(fake.cluster(), List.of()), recorder, System.nanoTime());
            Thread thread = new Thread(nemesis);
            thread.start();
            while (nemesis.activeFaults().size() < 2) {
                Thread.sleep(5);
            }
            assertThat(nemesis.activeFaults()).containsExactlyInAnyOrder("kill n1", "pause n2");
            thread.interrupt();
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(fake.calls()).containsExactly("kill n1", "pause n2", "resume n2", "restart n1");
    }

    @Test
    void aRollingRestartDrainsAndStartsOneNodeAtATime() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
        play(fake, new Schedule(List.of(planned(0, 10, new Fault.RollingRestart(List.of("n1", "n2", "n3"))))));
        assertThat(fake.calls()).containsExactly("drain n1", "restart n1", "drain n2", "restart n2", "drain n3", "restart n3");
    }

    @Test
    void aPartitionCutsItsLinksAndHealsThemAll() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
        List<String> nodes = List.of("n1", "n2", "n3");
        play(fake, new Schedule(List.of(planned(0, 10, new Fault.Cut("isolate n3", Partitions.isolate(nodes, "n3"))))));
        assertThat(fake.calls()).containsExactly("cut n1->n3 n2->n3 n3->n1 n3->n2", "heal");
    }

    @Test
    void recordRethrowsWhatTheFaultThrew() {
        Path file = dir.resolve("r.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            assertThatThrownBy(() -> Nemesis.record(recorder, "start", new Fault.Kill("n1"),
                    () -> { throw new IllegalStateException("no such node"); }))
                    .hasMessage("no such node");
        }
        assertThat(JsonlHistory.read(file, w -> { }).ops()).extracting(Op::value)
                .containsExactly("n1", "n1 failed: no such node");
    }

    @Test
    void stepwiseTheNewestFaultOfANameIsHealedFirstAndHealAllHealsTheRest() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
        Fault.Target target = new Fault.Target(fake.cluster(), List.of());
        Path file = dir.resolve("steps.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            Nemesis nemesis = Nemesis.stepwise(recorder);
            nemesis.inject(new Fault.Kill("n1"), target);
            nemesis.inject(new Fault.Pause("n2"), target);
            nemesis.inject(new Fault.Kill("n3"), target);
            assertThat(nemesis.activeFaults()).containsExactly("kill n3", "pause n2", "kill n1");
            nemesis.heal(FaultKind.KILL);
            assertThatThrownBy(() -> nemesis.heal(FaultKind.DRAIN)).hasMessage("no drain is in place to heal");
            nemesis.healAll();
            nemesis.healAll();
            assertThat(nemesis.activeFaults()).isEmpty();
        }
        assertThat(fake.calls()).containsExactly("kill n1", "pause n2", "kill n3", "restart n3", "resume n2", "restart n1");
        assertThat(JsonlHistory.read(file, w -> { }).ops()).extracting(op -> op.type().label() + " " + op.f())
                .filteredOn(s -> s.startsWith("info")).containsExactly("info start-kill", "info start-pause", "info start-kill",
                        "info stop-kill", "info stop-pause", "info stop-kill");
    }
}
