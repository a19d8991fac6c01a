package dev.faultline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlHistoryTest {

    @TempDir
    Path dir;

    static History sample() {
        return new History(List.of(
                new Op(0, Process.client(3), OpType.INVOKE, "write", "k7", 42L, 1_834_000_123L),
                new Op(1, Process.client(3), OpType.OK, "write", "k7", 42L, 1_834_900_000L),
                new Op(2, Process.NEMESIS, OpType.INFO, "start-partition", null, "isolate n2", 1_900_000_000L),
                new Op(3, Process.client(1), OpType.INVOKE, "cas", "k7", List.of(42L, 43L), 2_000_000_000L),
                new Op(4, Process.client(2), OpType.INVOKE, "read", "k8", null, 2_000_000_100L),
                new Op(5, Process.client(1), OpType.INFO, "cas", "k7", List.of(42L, 43L), 3_000_000_000L,
                        "WriteTimeout (0 of 1 acks, CAS)"),
                new Op(6, Process.client(2), OpType.OK, "read", "k8", "hello \"quoted\"\nline", 3_000_000_100L),
                new Op(7, Process.client(4), OpType.INVOKE, "txn", null, Map.of("x", 1L), Op.NO_TIME),
                new Op(8, Process.client(4), OpType.FAIL, "txn", null, Map.of("x", 1L), Op.NO_TIME,
                        "Unavailable (1 of 2 replicas alive)")));
    }

    @Test
    void whatTheRecorderWritesReadsBackTheSame() {
        Path file = dir.resolve("history.jsonl");
        HistoryRecorder.write(sample(), file);
        List<String> warnings = new ArrayList<>();
        assertThat(JsonlHistory.read(file, warnings::add)).isEqualTo(sample());
        assertThat(warnings).isEmpty();
    }

    @Test
    void linesLookLikeTheDocumentedFormat() throws IOException {
        Path file = dir.resolve("history.jsonl");
        HistoryRecorder.write(sample(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).isEqualTo(
                "{\"index\":1,\"process\":3,\"type\":\"ok\",\"f\":\"write\",\"key\":\"k7\",\"value\":42,\"time\":1834900000}");
        assertThat(lines.get(2)).contains("\"process\":\"nemesis\"");
        assertThat(lines.get(3)).contains("\"value\":[42,43]");
        assertThat(lines.get(5)).endsWith(",\"time\":3000000000,\"error\":\"WriteTimeout (0 of 1 acks, CAS)\"}");
    }

    @Test
    void aTornLastLineIsSkippedWithAWarning() throws IOException {
        Path file = dir.resolve("torn.jsonl");
        HistoryRecorder.write(sample(), file);
        Files.writeString(file, Files.readString(file) + "{\"index\":9,\"process\":2,\"ty", java.nio.file.StandardOpenOption.WRITE);
        List<String> warnings = new ArrayList<>();
        History history = JsonlHistory.read(file, warnings::add);
        assertThat(history).isEqualTo(sample());
        assertThat(warnings).singleElement().asString().contains("torn.jsonl:10").contains("torn");
    }

    @Test
    void aBadLineInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"index":0,"process":1,"type":"invoke","f":"read","key":"a"}
                {"index":1,"process":1,"type":"ok","f":"read","key":"a",
                {"index":2,"process":1,"type":"invoke","f":"read","key":"a"}
                """);
        assertThatThrownBy(() -> JsonlHistory.read(file, w -> {}))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith(file + ":2:").hasMessageContaining(": not a JSON object")
                .extracting(e -> ((HistoryFormatException) e).line()).isEqualTo(2L);
    }

    @Test
    void aMissingOrWrongFieldIsNamedWithWhatIsAllowed() throws IOException {
        Path file = dir.resolve("fields.jsonl");
        Files.writeString(file, """
                {"index":0,"process":1,"type":"invoke","f":"read"}
                {"index":1,"process":1,"type":"done","f":"read"}
                """);
        assertThatThrownBy(() -> JsonlHistory.read(file, w -> {}))
                .hasMessage(file + ":2: field \"type\" is \"done\"; allowed: \"invoke\", \"ok\", \"fail\", \"info\"");
        Files.writeString(file, "{\"index\":0,\"process\":\"p1\",\"type\":\"invoke\",\"f\":\"read\"}\n{}\n");
        assertThatThrownBy(() -> JsonlHistory.read(file, w -> {}))
                .hasMessage(file + ":1: field \"process\" is \"p1\"; allowed: an integer, or \"nemesis\"");
    }

    @Test
    void theRecorderNumbersOpsInFileOrderAcrossThreads() throws Exception {
        Path file = dir.resolve("concurrent.jsonl");
        int threads = 8;
        int perThread = 500;
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int process = t;
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        recorder.record(Process.client(process), OpType.INVOKE, "write", "k" + i, i);
                        recorder.record(Process.client(process), OpType.OK, "write", "k" + i, i);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        History history = JsonlHistory.read(file, w -> {});
        assertThat(history.size()).isEqualTo(threads * perThread * 2);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.ops().get(i).index()).isEqualTo(i);
            if (i > 0) {
                assertThat(history.ops().get(i).time()).isGreaterThanOrEqualTo(history.ops().get(i - 1).time());
            }
        }
        assertThat(history.operations()).hasSize(threads * perThread).allMatch(op -> op.outcome() == OpType.OK);
    }
}
