package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LostWritesAndAvailabilityTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(Object process, OpType type, String f, String key, Object value, long time) {
        Process who = process instanceof Integer id ? Process.client(id) : Process.NEMESIS;
        ops.add(new Op(ops.size(), who, type, f, key, value, time));
    }

    @Test
    void anAcknowledgedAppendMissingFromTheFinalReadIsLostAndARepeatIsADuplicate() {
        op(0, OpType.INVOKE, "append", "w0", null, 1);
        op(0, OpType.OK, "append", "w0", 1L, 2);
        op(0, OpType.INVOKE, "append", "w0", null, 3);
        op(0, OpType.OK, "append", "w0", 2L, 4);
        op(1, OpType.INVOKE, "append", "w1", null, 5);
        op(1, OpType.INFO, "append", "w1", 1L, 6);
        op(9, OpType.INVOKE, "read-all", "w0", null, 7);
        op(9, OpType.OK, "read-all", "w0", List.of(1L, 1L), 8);
        op(9, OpType.INVOKE, "read-all", "w1", null, 9);
        op(9, OpType.FAIL, "read-all", "w1", null, 10);

        LostWrites result = LostWrites.ofSequences(new History(ops));

        assertThat(result.lost()).containsExactly("w0:2");
        assertThat(result.duplicates()).containsExactly("w0:1");
        assertThat(result.unread()).containsExactly("w1");
    }

    @Test
    void availabilityCountsOpsInvokedInsideAFaultWindowApart() {
        op(0, OpType.INVOKE, "write", "k", 1L, 10);
        op(0, OpType.OK, "write", "k", 1L, 20);
        op("nemesis", OpType.INVOKE, "start-kill", null, "n2", 30);
        op("nemesis", OpType.INFO, "start-kill", null, "n2", 40);
        op(0, OpType.INVOKE, "write", "k", 2L, 50);
        op(0, OpType.FAIL, "write", "k", 2L, 60);
        op(1, OpType.INVOKE, "read", "k", null, 55);
        op(1, OpType.INFO, "read", "k", null, 70);
        op("nemesis", OpType.INVOKE, "stop-kill", null, "n2", 80);
        op("nemesis", OpType.INFO, "stop-kill", null, "n2", 90);
        op(2, OpType.INVOKE, "read", "k", null, 100);
        op(2, OpType.OK, "read", "k", 1L, 110);

        Availability a = Availability.of(new History(ops));

        assertThat(a.windows()).containsExactly(new Availability.Window("kill", "n2", 30, 90));
        assertThat(a.insideFaults()).isEqualTo(new Availability.Counts(0, 1, 1));
        assertThat(a.outsideFaults()).isEqualTo(new Availability.Counts(2, 0, 0));
        assertThat(a.total().percentAvailable()).isEqualTo(50.0);
    }

    @Test
    void aCompareAndSetThatFoundAnotherValueWasAnsweredSoItCountsAsAvailable() {
        ops.add(new Op(0, Process.client(0), OpType.INVOKE, "cas", "k", List.of(0L, 1L), 10));
        ops.add(new Op(1, Process.client(0), OpType.FAIL, "cas", "k", List.of(0L, 1L), 20, Availability.CAS_VALUE_DIFFERED));
        ops.add(new Op(2, Process.client(1), OpType.INVOKE, "write", "k", 2L, 30));
        ops.add(new Op(3, Process.client(1), OpType.FAIL, "write", "k", 2L, 40, "Unavailable (1 of 2 replicas alive)"));

        Availability a = Availability.of(new History(ops));

        assertThat(a.total()).isEqualTo(new Availability.Counts(0, 2, 0, 1));
        assertThat(a.total().percentAvailable()).isEqualTo(50.0);
    }

    @Test
    void noOpsIsNothingMeasuredNotFullAvailability() {
        assertThat(Availability.of(new History(ops)).insideFaults().percentAvailable()).isNaN();
    }
}
