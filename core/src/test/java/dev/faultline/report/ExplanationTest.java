package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The explanations count with the run's replication factor, and with none when the history does not give it. */
class ExplanationTest {

    @Test
    void aStaleReadIsExplainedWithTheRunsReplicationFactor() {
        assertThat(Explanation.STALE_READ.text(3)).contains("With a replication factor of 3 each key lives on three replicas.")
                .endsWith("QUORUM + QUORUM is 2 + 2 > 3, ONE + ONE is 1 + 1, which is not.");
        assertThat(Explanation.STALE_READ.text(2)).endsWith("QUORUM + QUORUM is 2 + 2 > 2, ONE + ONE is 1 + 1, which is not.");
        assertThat(Explanation.STALE_READ.text(1)).endsWith("ONE + ONE is 1 + 1 > 1 too.");
        assertThat(Explanation.STALE_READ.text(null)).doesNotContain("replication factor of", "+ QUORUM is");
    }

    @Test
    void unavailabilityIsExplainedWithTheRunsReplicationFactor() {
        assertThat(Explanation.UNAVAILABLE.text(3)).contains("With RF=3 that is floor(3 / 2) + 1 = 2, so QUORUM needs 2 of the 3. "
                + "When 2 replicas are down or cut off, the coordinator refuses");
        assertThat(Explanation.UNAVAILABLE.text(2)).contains("so QUORUM needs every replica. When one replica is down");
        assertThat(Explanation.UNAVAILABLE.text(null)).doesNotContain("RF=");
    }
}
