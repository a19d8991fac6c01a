package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.model.Model;
import dev.faultline.model.MutexModel;
import dev.faultline.model.RegisterModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyTest {

    private static Anomaly anomaly(Events events, Model<?> model, boolean clocksSkewed) {
        CheckResult result = LinearizabilityChecker.check(events.history(), model, Budget.defaults());
        assertThat(result.violations()).hasSize(1);
        return Anomaly.of(result.violations().get(0).counterexample(), events.history().operations(), clocksSkewed);
    }

    private static Anomaly anomaly(Events events) {
        return anomaly(events, RegisterModel.register(), false);
    }

    @Test
    void aReadOfAnOverwrittenValueIsStaleAndNamesTheOverwrite() {
        Anomaly stale = anomaly(new Events().ok(0, "write", "k", 1L).ok(0, "write", "k", 2L).ok(1, "read", "k", 1L));
        assertThat(stale.kind()).isEqualTo(Anomaly.Kind.STALE_READ);
        assertThat(stale.kind().title()).isEqualTo("Stale read");
        assertThat(stale.sentence()).isEqualTo("After the ops above the register holds 2, so a read taking effect here "
                + "must return 2; op #4 returned 1, a value already overwritten by op #2, which finished before the read "
                + "began. No other op overlaps it in time, so nothing could have been ordered in between.");
    }

    @Test
    void anOverwriteStillRunningWhenTheReadBeganIsNotSaidToHaveFinished() {
        List<Operation> ops = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(0, "write", "k", 2L)
                .ok(1, "read", "k", 1L)
                .complete(0, OpType.OK, 2L)
                .history().operations();
        Operation write1 = ops.get(0);
        Operation write2 = ops.get(1);
        Operation read = ops.get(2);
        // an order the search could report: the overwrite placed first, though it ran on past the read's start
        Counterexample why = new Counterexample(read, "2", List.of(write2),
                List.of(new Counterexample.Step(write1, "1"), new Counterexample.Step(write2, "2")));
        Anomaly stale = Anomaly.of(why, ops, false);
        assertThat(stale.kind()).isEqualTo(Anomaly.Kind.STALE_READ);
        assertThat(stale.sentence())
                .contains("op #3 returned 1, a value already overwritten by op #2. Placing the 1 op concurrent with it "
                        + "first does not help either: the checker tried every such order.");
    }

    @Test
    void aValueNoOpWroteIsStaleOnlyAfterWrites() {
        Anomaly fromNowhere = anomaly(new Events().ok(0, "read", "k", 3L), RegisterModel.casRegister(), false);
        assertThat(fromNowhere.kind()).isEqualTo(Anomaly.Kind.NOT_LINEARIZABLE);
        assertThat(fromNowhere.sentence()).startsWith("The register starts at 0, so a read taking effect here must return 0; "
                + "op #0 returned 3, a value no op in this history wrote. No other op");

        // a register the history never says was seeded with 0
        Anomaly unseeded = anomaly(new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", 0L));
        assertThat(unseeded.kind()).isEqualTo(Anomaly.Kind.NOT_LINEARIZABLE);
        assertThat(unseeded.sentence()).contains("op #2 returned 0, a value no op in this history wrote.");

        Anomaly seeded = anomaly(new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", 0L),
                RegisterModel.register().withInitial(0L), false);
        assertThat(seeded.kind()).isEqualTo(Anomaly.Kind.STALE_READ);
        assertThat(seeded.sentence()).contains("returned 0, a value no op in this history wrote: if it was the initial "
                + "value, the ops above had overwritten it.");
    }

    @Test
    void aReadOfNilAfterAWriteFinishedIsStaleAndNamesTheWrite() {
        Anomaly stale = anomaly(new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", null));
        assertThat(stale.kind()).isEqualTo(Anomaly.Kind.STALE_READ);
        assertThat(stale.sentence()).isEqualTo("After the ops above the register holds 1, so a read taking effect here "
                + "must return 1; op #2 returned nil, the value of a register never written, though op #0 had written it "
                + "and finished before the read began. No other op overlaps it in time, so nothing could have been "
                + "ordered in between.");
    }

    @Test
    void aValueWrittenOnlyLaterIsNotStale() {
        Anomaly future = anomaly(new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", 2L).ok(0, "write", "k", 2L));
        assertThat(future.kind()).isEqualTo(Anomaly.Kind.NOT_LINEARIZABLE);
        assertThat(future.sentence()).contains("op #2 returned 2, a value written only by ops not "
                + "placed before it.");
    }

    @Test
    void aWriteOfTheValueToAnotherKeyOrAFailedOneDoesNotCount() {
        Anomaly other = anomaly(new Events()
                .ok(0, "write", "j", 5L)
                .invoke(2, "write", "k", 5L).complete(2, OpType.FAIL, 5L)
                .ok(0, "write", "k", 1L)
                .ok(1, "read", "k", 5L));
        assertThat(other.sentence()).contains("a value no op in this history wrote");
    }

    @Test
    void skewedClocksMakeItALostUpdate() {
        Anomaly lww = anomaly(new Events().ok(0, "write", "k", 1L).ok(0, "write", "k", 2L).ok(1, "read", "k", 1L),
                RegisterModel.register(), true);
        assertThat(lww.kind()).isEqualTo(Anomaly.Kind.LOST_UPDATE_LWW);
        assertThat(lww.sentence()).contains("a value already overwritten by op #2");
    }

    @Test
    void anOpThatIsNoReadGetsTheGeneralSentence() {
        Anomaly lock = anomaly(new Events().ok(0, "acquire", null, null).ok(1, "acquire", null, null), new MutexModel(), false);
        assertThat(lock.kind()).isEqualTo(Anomaly.Kind.NOT_LINEARIZABLE);
        assertThat(lock.sentence()).isEqualTo("In state held, op #2 (process 1: acquire nil) cannot take effect with the "
                + "result it got, and every op before it in real time is already placed. No other op overlaps it in time, "
                + "so nothing could have been ordered in between.");
    }
}
