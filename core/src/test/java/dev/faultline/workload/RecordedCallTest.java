package dev.faultline.workload;

import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedCallTest {

    @TempDir
    Path dir;

    @Test
    void theInvokeIsRecordedBeforeTheCallAndTheOutcomeAsItReturns() throws Exception {
        Path file = dir.resolve("history.jsonl");
        RecordedCall first;
        RecordedCall second;
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            Client client = op -> op.f().equals("read") ? Outcome.ok(3L) : Outcome.info(op.value(), "WriteTimeout");
            first = RecordedCall.of(recorder, Process.client(4), client, new Invocation("read", "k", null));
            second = RecordedCall.of(recorder, Process.client(4), client, new Invocation("write", "k", 9L));
        }
        History history = JsonlHistory.read(file, w -> { });
        assertThat(history.ops()).extracting(op -> op.index() + " " + op.type().label() + " " + op.f() + " " + op.value()
                        + (op.error() == null ? "" : " " + op.error()))
                .containsExactly("0 invoke read null", "1 ok read 3", "2 invoke write 9", "3 info write 9 WriteTimeout");
        assertThat(first.invokeIndex()).isZero();
        assertThat(second.invokeIndex()).isEqualTo(2);
        assertThat(first.leavesProcessOpen()).isFalse();
        assertThat(second.leavesProcessOpen()).isTrue();
    }
}
