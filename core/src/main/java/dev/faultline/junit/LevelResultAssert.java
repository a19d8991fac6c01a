package dev.faultline.junit;

import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.SessionGuarantees;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.scenario.LevelResult;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one consistency level's result, failing with what the run showed:
 * {@code assertThat(result).isLinearizable().hasAvailabilityOutsideFaultsOfAtLeast(95)}, from
 * {@link FaultlineAssertions#assertThat(LevelResult)}.
 */
public final class LevelResultAssert extends AbstractAssert<LevelResultAssert, LevelResult> {

    LevelResultAssert(LevelResult actual) {
        super(actual, LevelResultAssert.class);
    }

    public LevelResultAssert isLinearizable() {
        return hasVerdict(Verdict.LINEARIZABLE);
    }

    /** The checker found at least one anomaly. */
    public LevelResultAssert isNotLinearizable() {
        return hasVerdict(Verdict.NOT_LINEARIZABLE);
    }

    public LevelResultAssert hasAvailabilityOutsideFaultsOfAtLeast(double percent) {
        isNotNull();
        double seen = actual.availability().outsideFaults().percentAvailable();
        if (Double.isNaN(seen)) {
            failWithMessage("no op ran outside fault windows at %s, so availability there cannot be told", actual.level());
        } else if (seen < percent) {
            failWithMessage("expected at least %.1f%% of ops answered outside fault windows at %s, but %.1f%% were",
                    percent, actual.level(), seen);
        }
        return this;
    }

    public LevelResultAssert lostNoWrites() {
        isNotNull();
        if (actual.lostWrites() == null) {
            failWithMessage("%s ran a workload without a final read, so lost writes cannot be told", actual.level());
        } else if (!actual.lostWrites().lost().isEmpty()) {
            failWithMessage("expected no lost writes at %s, but these acknowledged writes were lost: %s",
                    actual.level(), actual.lostWrites().lost());
        }
        return this;
    }

    /** Read-your-writes and monotonic reads held for every client (register workloads). */
    public LevelResultAssert keptSessionGuarantees() {
        return checkerSaid(SessionGuarantees.NAME, Validity.VALID);
    }

    /** Some client lost sight of its own write, or its reads went back in time. */
    public LevelResultAssert brokeSessionGuarantees() {
        return checkerSaid(SessionGuarantees.NAME, Validity.INVALID);
    }

    /** The named checker (such as {@code counter}) answered {@code wanted}. */
    public LevelResultAssert checkerSaid(String checker, Validity wanted) {
        isNotNull();
        CheckerResult result = actual.check(checker).orElse(null);
        if (result == null) {
            failWithMessage("%s ran no %s checker; its workload declared %s", actual.level(), checker,
                    actual.checks().stream().map(CheckerResult::checker).toList());
        } else if (result.validity() != wanted) {
            failWithMessage("expected %s to say %s at %s, but it said %s: %s%s", checker, wanted, actual.level(),
                    result.validity(), result.summary(),
                    result.findings().isEmpty() ? "" : " (first: " + result.findings().get(0).sentence() + ")");
        }
        return this;
    }

    public LevelResultAssert metItsExpectations() {
        isNotNull();
        if (!actual.expectationsHeld()) {
            failWithMessage("expectations at %s did not hold: %s", actual.level(), actual.unmet());
        }
        return this;
    }

    private LevelResultAssert hasVerdict(Verdict wanted) {
        isNotNull();
        if (actual.linearizability() == null) {
            failWithMessage("%s ran a workload the linearizability checker does not check", actual.level());
        } else if (actual.linearizability().verdict() != wanted) {
            failWithMessage("expected %s at %s but the checker said %s%s", wanted, actual.level(),
                    actual.linearizability().verdict(), actual.linearizability().violations().isEmpty() ? ""
                            : " (first: " + actual.linearizability().violations().get(0).counterexample().unlinearizable() + ")");
        }
        return this;
    }
}
