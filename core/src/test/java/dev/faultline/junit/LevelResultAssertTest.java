package dev.faultline.junit;

import dev.faultline.checker.Availability;
import dev.faultline.checker.Budget;
import dev.faultline.checker.Checkers;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.model.RegisterModel;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
                .hasMessageContaining("expected LINEARIZABLE at ONE but the checker said NOT_LINEARIZABLE")
                .hasMessageContaining("read k1 1");
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
}
