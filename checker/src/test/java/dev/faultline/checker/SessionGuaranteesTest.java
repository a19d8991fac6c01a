package dev.faultline.checker;

import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.checker.SessionGuarantees.Guarantee;
import dev.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionGuaranteesTest {

    private static SessionGuarantees.Result check(Events events, int sessions) {
        return SessionGuarantees.check(events.history(), sessions, 0L);
    }

    @Test
    void aClientThatReadsAValueOlderThanItsOwnAcknowledgedWriteLostSightOfIt() {
        Events events = new Events()
                .ok(1, "write", "k", 5L)      // another client, done before client 0 writes
                .ok(0, "write", "k", 7L)
                .ok(0, "read", "k", 5L);
        SessionGuarantees.Result result = check(events, 2);
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.guarantee()).isEqualTo(Guarantee.READ_YOUR_WRITES);
            assertThat(v.session()).isZero();
            assertThat(v.sentence()).isEqualTo("client 0 wrote 7 to k (acknowledged), then read 5, a value written"
                    + " before 7 (by process 1, acknowledged before that write began): it lost sight of its own write");
        });
    }

    @Test
    void readingTheInitialValueAfterTheSessionsOwnWriteBreaksReadYourWrites() {
        Events events = new Events().ok(0, "write", "k", 7L).ok(0, "read", "k", 0L);
        assertThat(check(events, 1).violations()).extracting(SessionGuarantees.Violation::guarantee)
                .containsExactly(Guarantee.READ_YOUR_WRITES);
        assertThat(check(events, 1).violations().get(0).sentence()).contains("then read 0, the initial value");
    }

    @Test
    void aConcurrentWriteByAnotherClientMayWinSoReadingItIsFine() {
        Events events = new Events()
                .invoke(1, "write", "k", 5L)
                .ok(0, "write", "k", 7L)
                .complete(1, OpType.OK, 5L)
                .ok(0, "read", "k", 5L);
        assertThat(check(events, 2).holds()).isTrue();
        assertThat(check(events, 2).readsChecked()).isEqualTo(1);
    }

    @Test
    void readsThatGoBackInTimeBreakMonotonicReads() {
        Events events = new Events()
                .ok(1, "write", "k", 5L)
                .ok(1, "write", "k", 6L)
                .ok(0, "read", "k", 6L)
                .ok(0, "read", "k", 5L);
        assertThat(check(events, 2).violations()).singleElement().satisfies(v -> {
            assertThat(v.guarantee()).isEqualTo(Guarantee.MONOTONIC_READS);
            assertThat(v.sentence()).startsWith("client 0 read 6 from k, then read 5").endsWith("its reads went back in time");
        });
    }

    @Test
    void anIndeterminateWriteMayLandLateSoItPrecedesNothing() {
        Events events = new Events()
                .invoke(1, "write", "k", 5L).complete(1, OpType.INFO, 5L)
                .ok(0, "write", "k", 7L)
                .ok(0, "read", "k", 5L);
        assertThat(check(events, 2).holds()).isTrue();
    }

    @Test
    void aClientKeepsItsSessionUnderItsNextProcessIdAfterATimeout() {
        // client 0 times out (process 0), continues as process 2 with 2 clients: still client 0
        Events events = new Events()
                .ok(1, "write", "k", 5L)
                .ok(0, "write", "k", 7L)
                .invoke(0, "read", "k", null).complete(0, OpType.INFO, null)
                .ok(2, "read", "k", 5L);
        assertThat(check(events, 2).violations()).singleElement()
                .extracting(SessionGuarantees.Violation::session).isEqualTo(0);
        // counted as two clients of one process each, process 2 never wrote: nothing to break
        assertThat(check(events, 3).holds()).isTrue();
    }

    @Test
    void anAcknowledgedCompareAndSetIsTheSessionsWriteOfItsNewValue() {
        Events events = new Events()
                .ok(1, "write", "k", 5L)
                .ok(0, "cas", "k", List.of(5L, 8L))
                .ok(0, "read", "k", 5L);
        assertThat(check(events, 2).violations()).singleElement().satisfies(v ->
                assertThat(v.sentence()).startsWith("client 0 wrote 8 to k"));
    }

    @Test
    void failedWritesAndUnknownValuesAreNotAttributed() {
        Events events = new Events()
                .invoke(1, "write", "k", 5L).complete(1, OpType.FAIL, 5L)
                .ok(0, "write", "k", 7L)
                .ok(0, "read", "k", 99L);
        SessionGuarantees.Result result = check(events, 2);
        assertThat(result.holds()).isTrue();
        assertThat(result.readsChecked()).isZero();
    }

    @Test
    void keysAreIndependent() {
        Events events = new Events()
                .ok(1, "write", "a", 5L)
                .ok(0, "write", "b", 7L)
                .ok(0, "read", "a", 5L);
        assertThat(check(events, 2).holds()).isTrue();
    }
}
