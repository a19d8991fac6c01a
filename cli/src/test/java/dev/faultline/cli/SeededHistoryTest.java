package dev.faultline.cli;

import dev.faultline.history.EdnHistory;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import dev.faultline.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's history holds the values its keys were seeded with, so `faultline check` needs no flags. */
class SeededHistoryTest {

    @TempDir
    Path dir;

    private static int check(Path history) {
        StringWriter out = new StringWriter();
        return Faultline.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("check", history.toString());
    }

    /** Two clients read the seeded 0 before anyone writes, then one writes 1 and reads it. */
    private Path record(boolean seeded) {
        Path file = dir.resolve((seeded ? "seeded" : "bare") + ".jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
            if (seeded) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("k0", 0L);
                values.put("k1", 0L);
                Workload.recordSeeded(recorder, values);
            }
            recorder.record(Process.client(0), OpType.INVOKE, "read", "k0", null);
            recorder.record(Process.client(0), OpType.OK, "read", "k0", 0L);
            recorder.record(Process.client(1), OpType.INVOKE, "cas", "k1", List.of(0L, 1L));
            recorder.record(Process.client(1), OpType.OK, "cas", "k1", List.of(0L, 1L));
            recorder.record(Process.client(1), OpType.INVOKE, "read", "k1", null);
            recorder.record(Process.client(1), OpType.OK, "read", "k1", 1L);
        }
        return file;
    }

    @Test
    void aSeededHistoryRechecksLinearizableAsJsonlAndAsEdn() {
        Path jsonl = record(true);
        Path edn = dir.resolve("seeded.edn");
        EdnHistory.write(JsonlHistory.read(jsonl, w -> { }), edn);
        assertThat(check(jsonl)).isEqualTo(CheckCommand.EXIT_LINEARIZABLE);
        assertThat(check(edn)).isEqualTo(CheckCommand.EXIT_LINEARIZABLE);
    }

    @Test
    void withoutTheSeedingWritesTheSameOpsReadAValueNoOneWrote() {
        assertThat(check(record(false))).isEqualTo(CheckCommand.EXIT_NOT_LINEARIZABLE);
    }

    @Test
    void aHistoryCutShortByAKillStillStartsFromItsSeed() throws Exception {
        Path whole = record(true);
        List<String> lines = Files.readAllLines(whole);
        Path cut = dir.resolve("cut.jsonl");
        // the seeding writes and the first read, then a torn line where the kill struck
        Files.writeString(cut, String.join("\n", lines.subList(0, 6)) + "\n" + lines.get(6).substring(0, 10));
        assertThat(check(cut)).isEqualTo(CheckCommand.EXIT_LINEARIZABLE);
    }
}
