package dev.faultline.workload;

import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLoopTest {

    @TempDir
    Path dir;

    /** Replies with the given outcomes in turn, then stops the loop by interrupting its thread. */
    private static Client scripted(Outcome... outcomes) {
        Deque<Outcome> left = new ArrayDeque<>(List.of(outcomes));
        return invocation -> {
            Outcome next = left.poll();
            if (left.isEmpty()) {
                Thread.currentThread().interrupt();
            }
            return next;
        };
    }

    private History run(int slot, int stride, Client client) throws InterruptedException {
        Path file = dir.resolve("history-" + slot + ".jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            Thread loop = new Thread(new ClientLoop(slot, stride, client, random -> new Invocation("write", "k1", 7),
                    new Random(1), recorder, 0, System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
            loop.start();
            loop.join(10_000);
            assertThat(loop.isAlive()).isFalse();
        }
        return JsonlHistory.read(file, warning -> { });
    }

    @Test
    void aClientTakesAFreshProcessIdAfterAnIndeterminateOpOnly() throws InterruptedException {
        History history = run(2, 8, scripted(Outcome.ok(7), Outcome.info(7, "WriteTimeout"),
                Outcome.fail(7, "Unavailable"), Outcome.info(7, "ClientTimeout"), Outcome.ok(7)));
        assertThat(history.ops()).extracting(op -> op.process().toString() + " " + op.type().label())
                .containsExactly("2 invoke", "2 ok", "2 invoke", "2 info", "10 invoke", "10 fail",
                        "10 invoke", "10 info", "18 invoke", "18 ok");
    }

    @Test
    void everyCompletionKeepsTheInvocationAndTheOutcomesValueAndError() throws InterruptedException {
        History history = run(0, 1, scripted(Outcome.fail(7, "Unavailable (1 of 2 replicas alive)")));
        Op completion = history.ops().get(1);
        assertThat(completion.process()).isEqualTo(Process.client(0));
        assertThat(completion.type()).isEqualTo(OpType.FAIL);
        assertThat(completion.f()).isEqualTo("write");
        assertThat(completion.key()).isEqualTo("k1");
        assertThat(completion.error()).isEqualTo("Unavailable (1 of 2 replicas alive)");
    }

    @Test
    void noOpIsInvokedPastTheDeadline() {
        Path file = dir.resolve("late.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            new ClientLoop(0, 1, invocation -> Outcome.ok(null), random -> new Invocation("read", "k1", null),
                    new Random(1), recorder, 0, System.nanoTime() - 1).run();
        }
        assertThat(JsonlHistory.read(file, warning -> { }).ops()).isEmpty();
    }
}
