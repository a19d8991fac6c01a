package dev.faultline.scenario;

import dev.faultline.checker.Validity;

import java.util.Map;

/** Common expectations, for {@link ScenarioBuilder#expect}. */
public final class Expectations {

    private Expectations() {
    }

    public static Expectation linearizable() {
        return new Expectation(true, null, null, null);
    }

    /** The checker must find an anomaly: for lessons that show one. */
    public static Expectation anomaly() {
        return new Expectation(false, null, null, null);
    }

    public static Expectation noLostWrites() {
        return new Expectation(null, null, null, false);
    }

    /** The named checker, such as {@code counter}, must answer {@code validity}. */
    public static Expectation checkerSays(String checker, Validity validity) {
        return new Expectation(null, null, null, null, Map.of(checker, validity));
    }

    public static Expectation availableOutsideFaults(double percent) {
        return new Expectation(null, new Percent(percent), null, null);
    }
}
