package dev.faultline.checker;

import dev.faultline.checker.CounterChecker.Outcome;
import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CounterCheckerTest {

    private static CounterChecker.Result only(Events events) {
        List<CounterChecker.Result> results = CounterChecker.check(events.history()).keys();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void aFinalTotalBetweenTheAcknowledgedAndTheMaybeIncrementsHolds() {
        Events events = new Events()
                .ok(0, "add", "c", 1L)
                .ok(1, "add", "c", 1L)
                .invoke(2, "add", "c", 1L).complete(2, OpType.INFO, 1L)
                .invoke(3, "add", "c", 5L).complete(3, OpType.FAIL, 5L)
                .ok(4, "read", "c", 3L);
        CounterChecker.Result result = only(events);
        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(result.indeterminate()).isEqualTo(1);
        assertThat(result.last().lower()).isEqualTo(2);
        assertThat(result.last().upper()).isEqualTo(3);
        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aHistoryFitsWhenItsAddsTakeIntegersAndItsReadsReturnThem() {
        Events counter = new Events().ok(0, "add", "c", 1L).invoke(1, "read", "c", null).complete(1, OpType.FAIL, null)
                .ok(1, "read", "c", 1L);
        assertThat(CounterChecker.fits(counter.history().operations())).isTrue();
        Events set = new Events().ok(0, "add", null, 1L).ok(1, "read", null, List.of(1L));
        assertThat(CounterChecker.fits(set.history().operations())).as("a set's read returns a collection").isFalse();
        Events register = new Events().ok(0, "write", "x", 1L).ok(1, "read", "x", 1L);
        assertThat(CounterChecker.fits(register.history().operations())).as("no add").isFalse();
    }

    @Test
    void oneCounterIsSaidInTheSingular() {
        Events events = new Events().ok(0, "add", "c", 1L).ok(1, "read", "c", 2L);
        assertThat(CounterChecker.check(events.history()).summary())
                .isEqualTo("1 read outside the increments, the first op #2 of counter \"c\": read 2, but every increment that "
                        + "may have happened adds up to only 1: 1 counted twice; final totals: 0 below the acknowledged "
                        + "increments, 1 above every possible one (1 counter)");
    }

    @Test
    void aFinalTotalBelowTheAcknowledgedIncrementsLostSome() {
        Events events = new Events().ok(0, "add", "c", 1L).ok(1, "add", "c", 1L).ok(0, "add", "c", 1L)
                .ok(2, "read", "c", 1L);
        CounterChecker.Result result = only(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.last().outcome()).isEqualTo(Outcome.LOST);
        assertThat(result.last().sentence()).isEqualTo("read 1, but acknowledged increments alone add up to 3: 2 lost");
    }

    @Test
    void aFinalTotalAboveEveryPossibleIncrementCountedOneTwice() {
        Events events = new Events().ok(0, "add", "c", 1L)
                .invoke(1, "add", "c", 1L).complete(1, OpType.INFO, 1L)
                .ok(2, "read", "c", 3L);
        CounterChecker.Result result = only(events);
        assertThat(result.last().outcome()).isEqualTo(Outcome.DOUBLE_COUNTED);
        assertThat(result.last().sentence()).endsWith("adds up to only 2: 1 counted twice");
    }

    @Test
    void anAddConcurrentWithTheReadMayOrMayNotBeCounted() {
        Events events = new Events().ok(0, "add", "c", 1L)
                .invoke(1, "add", "c", 1L)
                .ok(2, "read", "c", 1L)
                .complete(1, OpType.OK, 1L)
                .invoke(1, "add", "c", 1L)
                .ok(2, "read", "c", 3L)
                .complete(1, OpType.OK, 1L);
        assertThat(only(events).outOfBounds()).isEmpty();
        // an add invoked after the read ended cannot be in it
        Events late = new Events().ok(2, "read", "c", 1L).ok(0, "add", "c", 1L);
        assertThat(only(late).outOfBounds()).singleElement().extracting(CounterChecker.Bounded::outcome)
                .isEqualTo(Outcome.DOUBLE_COUNTED);
    }

    /** A PN counter, by choice: Jepsen's counter is grow-only and refuses a negative add; Cassandra's counters take them. */
    @Test
    void aNegativeAddIsADecrementOfAPnCounterAndWidensTheBoundsDownwards() {
        Events events = new Events().ok(0, "add", "c", 5L)
                .invoke(1, "add", "c", -2L).complete(1, OpType.INFO, -2L)
                .ok(2, "read", "c", 3L)
                .ok(2, "read", "c", 5L);
        CounterChecker.Result result = only(events);
        assertThat(result.outOfBounds()).isEmpty();
        assertThat(result.last().lower()).isEqualTo(3);
        assertThat(result.last().upper()).isEqualTo(5);
    }

    /** As Jepsen's counter checker: a counter never read back returned nothing the adds contradict, so it is valid. */
    @Test
    void aCounterNeverReadIsValidAndKeysAreApart() {
        Events events = new Events().ok(0, "add", "a", 1L).ok(0, "add", "b", 1L).ok(1, "read", "b", 1L)
                .invoke(1, "read", "a", null).complete(1, OpType.FAIL, null);
        CounterChecker.Counters counters = CounterChecker.check(events.history());
        assertThat(counters.keys()).extracting(CounterChecker.Result::key).containsExactly("a", "b");
        assertThat(counters.keys()).extracting(CounterChecker.Result::verdict)
                .containsExactly(Verdict.LINEARIZABLE, Verdict.LINEARIZABLE);
        assertThat(counters.validity()).isEqualTo(Validity.VALID);
        assertThat(counters.summary()).isEqualTo("every total read within its increments (2 counters, 1 never read)");
    }

    /** Every read is held to the increments, not the final one alone; the summary names the first that is not. */
    @Test
    void anEarlierReadOutOfBoundsIsNamedThoughTheFinalTotalHolds() {
        Events events = new Events().ok(0, "add", "c", 1L).ok(1, "read", "c", 0L).ok(0, "add", "c", 1L)
                .ok(1, "read", "c", 2L);
        CounterChecker.Counters counters = CounterChecker.check(events.history());
        assertThat(counters.validity()).isEqualTo(Validity.INVALID);
        assertThat(counters.keys().get(0).last().outcome()).isEqualTo(Outcome.WITHIN);
        assertThat(counters.summary()).startsWith("1 read outside the increments, the first op #2 of counter \"c\": read 0, "
                + "but acknowledged increments alone add up to 1: 1 lost; final totals: 0 below");
    }

    @Test
    void anAddWithoutAnIntegerDeltaIsNamed() {
        Events events = new Events().ok(0, "add", "c", "one").ok(1, "read", "c", 1L);
        assertThatThrownBy(() -> CounterChecker.check(events.history()))
                .hasMessage("op 0: add needs an integer delta, got \"one\"");
    }
}
