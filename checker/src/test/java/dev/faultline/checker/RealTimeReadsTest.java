package dev.faultline.checker;

import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.model.RegisterModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RealTimeReadsTest {

    @Test
    void aReadThatBeginsAfterAnAcknowledgedOverwriteAndReturnsTheOldValueMissedIt() {
        // client 1's read starts after client 0's write of 2 was acknowledged, and returns 1: a stale read at ONE
        History history = new Events()
                .ok(0, "write", "k", 1L)
                .ok(0, "write", "k", 2L)
                .ok(1, "read", "k", 1L).history();
        RealTimeReads.Result result = RealTimeReads.check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(RealTimeReads.MISSED_WRITE);
            assertThat(f.sentence()).isEqualTo("op #4 read 1 from k after the write of 2 (op #2) was acknowledged, and "
                    + "1's write (op #0) was acknowledged before that write began");
            assertThat(f.ops()).extracting(op -> op.invoke().index()).containsExactly(0L, 2L, 4L);
        });
        assertThat(result.summary()).isEqualTo("1 read went back in time (1 read checked)");
    }

    @Test
    void aReadAfterAnotherClientsNewerReadMayNotGoBack() {
        // the write of 2 never returned, so no acknowledged write overwrote 1; but client 1 saw 2, then client 2 saw 1
        History history = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(3, "write", "k", 2L)
                .ok(1, "read", "k", 2L)
                .ok(2, "read", "k", 1L)
                .complete(3, OpType.INFO, 2L).history();
        RealTimeReads.Result result = RealTimeReads.check(history);
        assertThat(result.findings()).extracting(Finding::kind).containsExactly(RealTimeReads.WENT_BACK);
        assertThat(result.findings().get(0).sentence()).isEqualTo("op #5 read 1 from k after op #3 had returned 2, and "
                + "1's write (op #0) was acknowledged before the write of 2 began");
        // the session checker sees nothing: no client went back on its own
        assertThat(SessionGuarantees.check(history, 4, null).validity()).isEqualTo(Validity.VALID);
        assertThat(LinearizabilityChecker.check(history, RegisterModel.register(), Budget.defaults()).isLinearizable())
                .as("the linearizability search agrees").isFalse();
    }

    @Test
    void readsConcurrentWithTheWritesMayReturnEitherValue() {
        History history = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(0, "write", "k", 2L)
                .ok(1, "read", "k", 2L)
                .ok(2, "read", "k", 1L)      // began after the read of 2 returned, but the write of 2 is still open
                .complete(0, OpType.OK, 2L).history();
        // the write of 2 overlaps both reads, so 1 may still be read... but not after another read returned 2
        assertThat(RealTimeReads.check(history).findings()).extracting(Finding::kind).containsExactly(RealTimeReads.WENT_BACK);
        History overlapping = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(0, "write", "k", 2L)
                .invoke(1, "read", "k", null)
                .invoke(2, "read", "k", null)
                .complete(1, OpType.OK, 2L)
                .complete(2, OpType.OK, 1L)
                .complete(0, OpType.OK, 2L).history();
        RealTimeReads.Result result = RealTimeReads.check(overlapping);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.readsChecked()).isEqualTo(2);
    }

    @Test
    void anIndeterminateOrFailedWriteOverwritesNothingAndAKeyWrittenTwiceIsLeftUnchecked() {
        History history = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(0, "write", "k", 2L).complete(0, OpType.INFO, 2L)
                .invoke(1, "write", "k", 3L).complete(1, OpType.FAIL, 3L)
                .ok(2, "read", "k", 1L)
                .ok(0, "write", "j", 5L)
                .ok(1, "write", "j", 5L)
                .ok(2, "read", "j", 4L).history();
        RealTimeReads.Result result = RealTimeReads.check(history);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.summary()).isEqualTo("no read went back in time (1 read checked, 1 key unchecked (a value written twice))");
    }

    @Test
    void aReadOfNilNoWriteProducedTellsNothingAsKnossosCasRegisterReadsIt() {
        History history = new Events().ok(0, "write", "k", 1L).ok(0, "read", "k", null).history();
        RealTimeReads.Result result = RealTimeReads.check(history);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.readsChecked()).isZero();
        // nor does the session checker the registry makes, so neither contradicts a linearizable cas-register
        assertThat(Checkers.sessionGuarantees(2).check(history).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void itsResultIsReadBackFromItsJsonForm() {
        History history = new Events().ok(0, "write", "k", 1L).ok(0, "write", "k", 2L).ok(1, "read", "k", 1L).history();
        RealTimeReads.Result result = RealTimeReads.check(history);
        CheckerResult back = Checkers.read(result.json(), history);
        assertThat(back).isEqualTo(result);
    }
}
