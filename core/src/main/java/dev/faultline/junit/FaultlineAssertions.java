package dev.faultline.junit;

import dev.faultline.run.TestRun;
import dev.faultline.scenario.LevelResult;
import org.assertj.core.api.Assertions;

/**
 * One entry point for a test's assertions: AssertJ's own, and Faultline's on a run's results.
 * {@code import static dev.faultline.junit.FaultlineAssertions.assertThat;} then serves both
 * {@code assertThat(run.at(QUORUM)).isLinearizable()} and {@code assertThat(list).hasSize(2)} without a clash.
 */
public class FaultlineAssertions extends Assertions {

    protected FaultlineAssertions() {
    }

    public static LevelResultAssert assertThat(LevelResult actual) {
        return new LevelResultAssert(actual);
    }

    /** The result of a test run at one level: {@code assertThat(run).isLinearizable()}; pick a level with {@code run.at(ONE)}. */
    public static LevelResultAssert assertThat(TestRun actual) {
        return new LevelResultAssert(actual == null ? null : actual.only());
    }
}
