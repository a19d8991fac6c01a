package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The set checker's semantics where they can differ from Jepsen's, one probe each: the categories are Jepsen's
 * (ok, lost, unexpected, recovered, stale), the timing {@code set-full}'s, and a failed add that took effect is
 * named as what it is.
 */
class SetSemanticsTest {

    private static LostWrites check(Events events) {
        return LostWrites.ofSet(events.history());
    }

    private static List<String> kinds(LostWrites result) {
        return result.findings().stream().map(Finding::kind).toList();
    }

    /** Jepsen's set counts it recovered; here a fail is a definite failure (DriverErrors), so seeing it applied is an anomaly. */
    @Test
    void aFailedAddInTheFinalReadWasAppliedThoughReportedFailed() {
        LostWrites result = check(new Events()
                .invoke(0, "add", "s", 1L).complete(0, OpType.FAIL, 1L)
                .ok(1, "read", "s", List.of(1L)));
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(kinds(result)).containsExactly(LostWrites.APPLIED_THOUGH_FAILED);
        assertThat(result.findings().get(0).sentence()).isEqualTo("the final read holds 1, yet its add, op #0, failed: "
                + "the database applied an add it reported as failed");
        assertThat(result.set()).isEqualTo(new LostWrites.SetCounts(0, 0, 0, 0, 1, 0));
        assertThat(result.summary()).startsWith("0 lost, 0 unexpected, 1 applied though reported failed");
    }

    /** Jepsen's set says lost; set-full's timing, applied here, does not: the read may have taken effect first. */
    @Test
    void anAcknowledgedAddConcurrentWithTheFinalReadAndMissingFromItIsNotLost() {
        LostWrites concurrent = check(new Events()
                .ok(0, "add", "s", 1L)
                .invoke(0, "add", "s", 2L)
                .invoke(1, "read", "s", null)
                .complete(0, OpType.OK, 2L)
                .complete(1, OpType.OK, List.of(1L)));
        assertThat(concurrent.validity()).isEqualTo(Validity.VALID);
        assertThat(concurrent.lost()).isEmpty();
        assertThat(concurrent.summary()).isEqualTo("no element lost (final read: 1 ok, 0 recovered; 0 stale reads; "
                + "Jepsen's set-full timing)");
        LostWrites after = check(new Events().ok(0, "add", "s", 1L).ok(1, "read", "s", List.of(1L)).ok(0, "add", "s", 2L));
        assertThat(after.validity()).as("an add after the final read").isEqualTo(Validity.VALID);
    }

    /** set-full: an indeterminate add a read saw is known present; a later final read without it lost it. */
    @Test
    void anIndeterminateAddSeenByAnEarlierReadAndGoneLaterIsLost() {
        LostWrites result = check(new Events()
                .invoke(0, "add", "s", 1L).complete(0, OpType.INFO, 1L)
                .ok(1, "read", "s", List.of(1L))
                .ok(1, "read", "s", List.of()));
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.lost()).containsExactly(1L);
        assertThat(result.findings().get(0).sentence()).isEqualTo("op #2 read 1 in s, whose add was never acknowledged, "
                + "but the final read (op #4, after every fault healed) does not hold it");
    }

    /** set-full with linearizable reads asked for flags these; here they are told, and valid, as set-full does by default. */
    @Test
    void aReadThatMissedAnElementKnownBeforeItBeganIsStaleAndToldButValid() {
        LostWrites result = check(new Events()
                .ok(0, "add", "s", 1L)
                .ok(1, "read", "s", List.of())
                .ok(1, "read", "s", List.of(1L)));
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(kinds(result)).containsExactly(LostWrites.STALE_READ);
        assertThat(result.findings().get(0).sentence()).isEqualTo("op #2 missed 1 element (1) known present before it "
                + "began, which the final read holds");
        assertThat(result.set().staleReads()).isEqualTo(1);
    }

    /** Jepsen's recovered: an indeterminate add that took effect after all; valid. */
    @Test
    void anIndeterminateAddInTheFinalReadIsRecovered() {
        LostWrites result = check(new Events()
                .ok(0, "add", "s", 1L)
                .invoke(0, "add", "s", 2L).complete(0, OpType.INFO, 2L)
                .ok(1, "read", "s", List.of(1L, 2L)));
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.set()).isEqualTo(new LostWrites.SetCounts(1, 0, 0, 1, 0, 0));
    }

    /** Jepsen's unexpected: an element no add attempted. */
    @Test
    void anElementNoAddAttemptedIsUnexpected() {
        LostWrites result = check(new Events().ok(0, "add", "s", 1L).ok(1, "read", "s", List.of(1L, 7L)));
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(kinds(result)).containsExactly(LostWrites.UNEXPECTED);
        assertThat(result.set()).isEqualTo(new LostWrites.SetCounts(1, 0, 1, 0, 0, 0));
    }

    /** As Jepsen: a set never read back is unknown. */
    @Test
    void aSetNeverReadIsUnknown() {
        LostWrites result = check(new Events().ok(0, "add", "s", 1L).invoke(1, "read", "s", null).complete(1, OpType.FAIL, null));
        assertThat(result.validity()).isEqualTo(Validity.UNKNOWN);
    }
}
