package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadPhasesTest {

    @Test
    void eachPhaseSumsItsOwnRequestsInOrder() {
        LoadPhases load = new LoadPhases();
        load.phase("steady", 2.0);
        for (int ms = 1; ms <= 100; ms++) {
            load.record("steady", ms * 1_000_000L, LoadPhases.OK);
        }
        load.phase("n2 killed", 4.0);
        load.record("n2 killed", 7_000_000L, LoadPhases.OK);
        load.record("n2 killed", 5_000_000_000L, "http_timeout");
        load.record("n2 killed", 3_000_000L, "unavailable");
        load.record("n2 killed", 4_000_000L, "unavailable");

        List<LoadPhases.Summary> summaries = load.summaries();
        assertThat(summaries).extracting(LoadPhases.Summary::phase).containsExactly("steady", "n2 killed");
        LoadPhases.Summary steady = summaries.get(0);
        assertThat(steady.sent()).isEqualTo(100);
        assertThat(steady.okPerSecond()).isEqualTo(50.0);
        assertThat(steady.p50Millis()).isEqualTo(50.0);
        assertThat(steady.p99Millis()).isEqualTo(99.0);
        assertThat(steady.maxMillis()).isEqualTo(100.0);
        assertThat(steady.errors()).isEmpty();
        LoadPhases.Summary killed = summaries.get(1);
        assertThat(killed.sent()).isEqualTo(4);
        assertThat(killed.ok()).isEqualTo(1);
        assertThat(killed.okPerSecond()).isEqualTo(0.25);
        assertThat(killed.maxMillis()).as("latency of the acknowledged only").isEqualTo(7.0);
        assertThat(killed.errors()).isEqualTo(Map.of("http_timeout", 1, "unavailable", 2));
    }

    @Test
    void aPhaseWithoutAnAcknowledgedRequestHasNoLatency() {
        LoadPhases load = new LoadPhases();
        load.phase("partitioned", 1.0);
        load.record("partitioned", 9_000_000L, "no_live_replica");
        LoadPhases.Summary only = load.summaries().get(0);
        assertThat(only.ok()).isZero();
        assertThat(only.p50Millis()).isZero();
        assertThat(only.maxMillis()).isZero();
        assertThat(LoadPhases.percentile(new long[] {5_000_000L}, 99)).isEqualTo(5.0);
    }
}
