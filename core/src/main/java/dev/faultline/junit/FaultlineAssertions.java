package dev.faultline.junit;

import dev.faultline.scenario.LevelResult;
import org.assertj.core.api.Assertions;

/**
 * One entry point for a test's assertions: AssertJ's own, and Faultline's on a run's results.
 * {@code import static dev.faultline.junit.FaultlineAssertions.assertThat;} then serves both
 * {@code assertThat(result).isLinearizable()} and {@code assertThat(list).hasSize(2)} without a clash.
 */
public class FaultlineAssertions extends Assertions {

    protected FaultlineAssertions() {
    }

    public static LevelResultAssert assertThat(LevelResult actual) {
        return new LevelResultAssert(actual);
    }
}
