package dev.faultline.checker;

import dev.faultline.history.GeneratedHistory;
import dev.faultline.history.History;
import dev.faultline.model.RegisterModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session guarantees are implied by linearizability: a linearizable history never breaks them, and
 * a history that breaks them is never linearizable (the checker must agree on every one).
 */
class SessionGuaranteesProperties {

    @Property(tries = 300)
    void aLinearizableHistoryKeepsEverySessionGuarantee(@ForAll long seed, @ForAll @IntRange(min = 20, max = 600) int ops,
                                                       @ForAll @IntRange(min = 1, max = 3) int keys,
                                                       @ForAll @IntRange(min = 1, max = 8) int processes) {
        History history = GeneratedHistory.kvRegisters(seed, ops, keys, processes, false);
        SessionGuarantees.Result result = SessionGuarantees.check(history, processes, null);
        assertThat(result.violations()).isEmpty();
        assertThat(result.readsChecked()).isPositive();
    }

    @Property(tries = 300)
    void aViolationIsNeverFoundInALinearizableHistory(@ForAll long seed, @ForAll @IntRange(min = 20, max = 400) int ops,
                                                      @ForAll @IntRange(min = 1, max = 2) int keys,
                                                      @ForAll @IntRange(min = 1, max = 6) int processes) {
        History history = GeneratedHistory.kvRegisters(seed, ops, keys, processes, true);
        SessionGuarantees.Result result = SessionGuarantees.check(history, processes, null);
        Statistics.collect(result.holds() ? "held" : "broken");
        if (!result.holds()) {
            assertThat(LinearizabilityChecker.check(history, RegisterModel.register(), Budget.defaults()).verdict())
                    .isEqualTo(Verdict.NOT_LINEARIZABLE);
        }
    }
}
