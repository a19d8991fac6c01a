package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.GeneratedHistory.ImpossibleRead;
import dev.faultline.history.GeneratedKvHistory;
import dev.faultline.history.History;
import dev.faultline.model.RegisterModel;
import org.junit.jupiter.api.Test;

class GeneratedKvHistoryTest {

    @Test
    void linearizableByConstructionUnlessAnImpossibleGetIsPlanted() {
        for (long seed = 1; seed <= 20; seed++) {
            for (ImpossibleRead read : ImpossibleRead.values()) {
                History history = GeneratedKvHistory.generate(seed, 300, 10, 8, 0.2, read);
                CheckResult result = LinearizabilityChecker.check(history, RegisterModel.kv(),
                        Budget.defaults().checkingEveryPartition());
                if (read == ImpossibleRead.NONE) {
                    assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.LINEARIZABLE);
                } else {
                    assertThat(result.violations()).as("seed %d %s", seed, read).hasSize(1);
                    assertThat(result.violations().get(0).counterexample().unlinearizable().f()).isEqualTo("get");
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(GeneratedKvHistory.generate(7, 500, 5, 20, 0.25, ImpossibleRead.LATE).ops())
                .isEqualTo(GeneratedKvHistory.generate(7, 500, 5, 20, 0.25, ImpossibleRead.LATE).ops());
    }
}
