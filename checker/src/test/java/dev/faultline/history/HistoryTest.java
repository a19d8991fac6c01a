package dev.faultline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path dir;

    private static Op op(int index, int process, OpType type, String f, Object value) {
        return new Op(index, Process.client(process), type, f, null, value, Op.NO_TIME);
    }

    @Test
    void pairsInvokesWithCompletionsAndLeavesOpenOnesIndeterminate() {
        History history = new History(List.of(
                op(0, 1, OpType.INVOKE, "write", 1L),
                op(1, 2, OpType.INVOKE, "read", null),
                new Op(2, Process.NEMESIS, OpType.INFO, "start", null, null, Op.NO_TIME),
                op(3, 2, OpType.OK, "read", 1L),
                op(4, 3, OpType.INVOKE, "write", 2L),
                op(5, 3, OpType.FAIL, "write", 2L),
                op(6, 3, OpType.INVOKE, "write", 3L),
                op(7, 3, OpType.INVOKE, "write", 4L)));
        List<Operation> ops = history.operations();
        assertThat(ops).extracting(Operation::callAt).containsExactly(0, 1, 4, 6, 7);
        assertThat(ops).extracting(Operation::outcome)
                .containsExactly(OpType.INFO, OpType.OK, OpType.FAIL, OpType.INFO, OpType.INFO);
        assertThat(ops.get(1).value()).isEqualTo(1L);
        assertThat(ops.get(1).returnAt()).isEqualTo(3);
        assertThat(ops.get(0).returnAt()).isEqualTo(Operation.NEVER);
    }

    @Test
    void aCompletionWithoutInvokeIsBadInput() {
        History history = new History(List.of(op(0, 1, OpType.OK, "read", 1L)));
        assertThatThrownBy(history::operations).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("process 1 has no open invoke");
    }

    @Test
    void porcupineFailedCasIsAnObservationAndTimeoutsAreIndeterminate() throws IOException {
        Path file = dir.resolve("etcd.log");
        Files.writeString(file, String.join("\n",
                "INFO  jepsen.util - 3\t:invoke\t:cas\t[1 4]",
                "some other log output",
                "INFO  jepsen.util - 3\t:fail\t:cas\t[1 4]",
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 1\t:fail\t:read\t:timed-out",
                "INFO  jepsen.util - 2\t:invoke\t:write\t3",
                "INFO  jepsen.util - 2\t:info\t:write\t:timed-out",
                "INFO  jepsen.util - 4\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 4\t:ok\t:read\tnil", ""));
        List<Operation> ops = PorcupineEtcdLog.read(file).operations();
        assertThat(ops).extracting(Operation::f).containsExactly("cas-fail", "read", "write", "read");
        assertThat(ops).extracting(Operation::outcome).containsExactly(OpType.OK, OpType.INFO, OpType.INFO, OpType.OK);
        assertThat(ops.get(0).value()).isEqualTo(List.of(1L, 4L));
        assertThat(ops.get(2).value()).isEqualTo(3L);
        assertThat(ops.get(3).value()).isNull();
        assertThat(HistoryFormat.detect(file)).isEqualTo(HistoryFormat.PORCUPINE_ETCD);
    }

    @Test
    void aMalformedJepsenLineIsNamed() throws IOException {
        Path file = dir.resolve("etcd.log");
        Files.writeString(file, "INFO  jepsen.util - 3\t:invoke\t:cas\t[1 4]\nINFO  jepsen.util - 3\t:ok\t:cas\t[1]\n");
        assertThatThrownBy(() -> PorcupineEtcdLog.read(file))
                .hasMessage(file + ":2: cas value '[1]' is not [expected new]");
    }

    @Test
    void generatedHistoriesAreSeededAndWellFormed() {
        History a = GeneratedHistory.kvRegisters(7, 2000, 10, 4, false);
        History b = GeneratedHistory.kvRegisters(7, 2000, 10, 4, false);
        assertThat(a).isEqualTo(b);
        assertThat(a.operations()).hasSize(2000);
    }
}
