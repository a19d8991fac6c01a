package dev.faultline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdnHistoryTest {

    @TempDir
    Path dir;

    @Test
    void independentKeysTravelAsTuplesAndReadBackTheSame() throws IOException {
        History history = new History(List.of(
                new Op(0, Process.client(0), OpType.INVOKE, "cas", 5L, List.of(1L, 2L), 100L),
                new Op(1, Process.NEMESIS, OpType.INFO, "start", null, "partition", 150L),
                new Op(2, Process.client(1), OpType.INVOKE, "read", 6L, null, 200L),
                new Op(3, Process.client(0), OpType.OK, "cas", 5L, List.of(1L, 2L), 300L),
                new Op(4, Process.client(1), OpType.OK, "read", 6L, 3L, 400L)));
        Path file = dir.resolve("history.edn");
        EdnHistory.write(history, file);
        String text = Files.readString(file);
        assertThat(text).startsWith("[{:index 0, :type :invoke, :f :cas, :value [5 [1 2]], :process 0, :time 100}");
        assertThat(text).contains(":process :nemesis");
        assertThat(EdnHistory.read(file)).isEqualTo(history);
    }

    @Test
    void aSingleObjectHistoryReadsBackTheSame() {
        History history = JsonlHistoryTest.sample();
        History singleObject = new History(history.ops().stream()
                .map(op -> new Op(op.index(), op.process(), op.type(), op.f(), null, op.value(), op.time(), op.error()))
                .toList());
        Path file = dir.resolve("single.edn");
        EdnHistory.write(singleObject, file);
        assertThat(EdnHistory.read(file)).isEqualTo(singleObject);
    }

    @Test
    void readsKnossosShapeWithoutIndexOrTime() throws IOException {
        Path file = dir.resolve("knossos.edn");
        Files.writeString(file, """
                ; a comment
                [{:process 7, :type :invoke, :f :cas, :value [2 3]}
                 {:process 7, :type :fail, :f :cas, :value [2 3], :error [:unavailable "1 of 2"]}]
                """);
        History history = EdnHistory.read(file);
        assertThat(history.ops()).containsExactly(
                new Op(0, Process.client(7), OpType.INVOKE, "cas", null, List.of(2L, 3L), Op.NO_TIME),
                new Op(1, Process.client(7), OpType.FAIL, "cas", null, List.of(2L, 3L), Op.NO_TIME,
                        "[:unavailable \"1 of 2\"]"));
    }

    @Test
    void aBadOpIsNamedByFilePositionAndLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, """
                {:process 0, :type :invoke, :f :get, :key "1", :value nil}
                {:process 0, :type :finished, :f :get, :key "1", :value "x"}
                """);
        assertThatThrownBy(() -> EdnHistory.read(file))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage(file + ":2: op #2: :type is :finished; allowed: :invoke, :ok, :fail, :info");
        Files.writeString(file, "{:process 0, :type :invoke\n :f :get, :key \"1\", :value [1 2}\n");
        assertThatThrownBy(() -> EdnHistory.read(file))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith(file + ":2: not valid EDN");
    }
}
