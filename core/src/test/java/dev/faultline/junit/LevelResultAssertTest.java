package dev.faultline.junit;

import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.Checkers;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.model.RegisterModel;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelResult;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.report.Latencies;
import dev.faultline.run.Checks;
import dev.faultline.run.Faultline;
import dev.faultline.run.TestRun;
import dev.faultline.workload.Ops;
import dev.faultline.workload.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.faultline.junit.FaultlineAssertions.assertThat;
import static dev.faultline.junit.FaultlineAssertions.assertThatThrownBy;

class LevelResultAssertTest {

    private static LevelResult resultOf(String example, Consistency level) {
        Path file = Path.of("examples/histories", example);
        History history = JsonlHistory.read(file, w -> { });
        return new LevelResult(level, file, Availability.of(history),
                List.of(Checkers.linearizability(RegisterModel.register(), Budget.defaults()).check(history)), List.of());
    }

    @Test
    void eachCheckerThatFitsIsAssertedByItsName() {
        Path file = Path.of("examples/histories", "stale-read-at-one.jsonl");
        History history = JsonlHistory.read(file, w -> { });
        LevelResult one = new LevelResult(Consistency.ONE, file, Availability.of(history),
                Checkers.fitting(new Checkers.Options(Checkers.Shape.of(history.operations()), RegisterModel.register(),
                        Budget.defaults(), 4)).stream().map(c -> c.check(history)).toList(), List.of());
        assertThat(one).keptSessionGuarantees().checkerSaid("real-time-reads", dev.faultline.checker.Validity.INVALID)
                .checkerSaid("linearizability", dev.faultline.checker.Validity.INVALID);
        assertThatThrownBy(() -> assertThat(one).brokeSessionGuarantees())
                .hasMessageContaining("session-guarantees to say INVALID").hasMessageContaining("it said VALID");
        assertThatThrownBy(() -> assertThat(one).checkerSaid("counter", dev.faultline.checker.Validity.VALID))
                .hasMessageContaining("ONE ran no counter checker; its workload declared [linearizability, "
                        + "session-guarantees, real-time-reads]");
    }

    @Test
    void aLinearizableRunPassesAndSaysSo() {
        assertThat(resultOf("quorum-register.jsonl", Consistency.QUORUM))
                .isLinearizable().metItsExpectations().hasAvailabilityOutsideFaultsOfAtLeast(50);
    }

    @Test
    void aStaleReadFailsLinearizableNamingTheOpThatCannotBePlaced() {
        LevelResult one = resultOf("stale-read-at-one.jsonl", Consistency.ONE);

        assertThat(one).isNotLinearizable();
        assertThatThrownBy(() -> assertThat(one).isLinearizable())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected LINEARIZABLE at ONE, but the checker said NOT_LINEARIZABLE: Stale read by op #10 (process ")
                .hasMessageContaining("read k1 1) — key k1: ");
        assertThat(one).hasStaleRead().hasAnomaly("stale-read");
        assertThatThrownBy(() -> assertThat(one).hasNoStaleRead()).hasMessageStartingWith(
                "expected no stale-read at ONE, but 1 found: Stale read by op #10");
        assertThatThrownBy(() -> assertThat(one).countedTwice()).hasMessage(
                "expected a double-counted at ONE, but the checkers found only stale-read");
        assertThatThrownBy(() -> assertThat(one).lostNoWrites())
                .hasMessageContaining("without a final read");
    }

    @Test
    void oneStaticImportServesFaultlinesAssertionsAndAssertJsOwn() {
        LevelResult quorum = resultOf("quorum-register.jsonl", Consistency.QUORUM);
        assertThat(quorum).isLinearizable();
        assertThat(List.of(quorum)).hasSize(1);
        assertThat(quorum.level().name()).isEqualTo("QUORUM");
    }

    @Test
    void aFailedAssertionOnARunPointsAtItsReport(@TempDir Path dir) {
        RecordingCluster fake = new RecordingCluster("n1", "n2");
        TestRun run = Faultline.on(fake.cluster()).into(dir).progress(line -> { }).test("never-written")
                .client(session -> op -> Outcome.ok(op.f().equals("read") ? 99L : op.value()))
                .ops(Ops.mix(Ops.read(), Ops.write()).over("k")).clients(1).rate(0).opCount(20).seed(1)
                .check(Checks.linearizableRegisters())
                .run(Consistency.QUORUM);

        assertThat(run).isNotLinearizable().hasAnomaly("not-linearizable").hasNoStaleRead();
        assertThatThrownBy(() -> assertThat(run).isLinearizable())
                .hasMessageContaining("expected LINEARIZABLE at QUORUM, but the checker said NOT_LINEARIZABLE: Not linearizable by op #")
                .hasMessageEndingWith("see " + dir.toAbsolutePath().resolve("report.html"));
        assertThatThrownBy(() -> assertThat(run).hasAvailabilityOfAtLeast(100.5))
                .hasMessageContaining("but 100.0% were");
    }

    @Test
    void latencyIsTheNearestRankOfTheOpsThatReturned() {
        LevelResult quorum = resultOf("quorum-register.jsonl", Consistency.QUORUM);
        History history = JsonlHistory.read(quorum.history(), w -> { });
        double[] millis = Latencies.completedMillis(history.operations());
        double slowest = millis[millis.length - 1];
        assertThat(quorum).hasLatencyAtPercentileOfAtMost(100, Duration.ofNanos((long) Math.ceil(slowest * 1e6)));
        assertThatThrownBy(() -> assertThat(quorum).hasLatencyAtPercentileOfAtMost(100,
                Duration.ofNanos((long) (slowest * 1e6) - 1)))
                .hasMessageStartingWith("expected p100 latency at QUORUM of at most");
        assertThat(Latencies.quantile(new double[] {1, 2, 3, 4}, 0.5)).isEqualTo(2);
        assertThat(Latencies.quantile(new double[] {1, 2, 3, 4}, 0.99)).isEqualTo(4);
        assertThat(Latencies.quantile(new double[] {}, 0.5)).isNaN();
    }
}
