package dev.faultline.scenario;

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

    public static Expectation availableOutsideFaults(double percent) {
        return new Expectation(null, new Percent(percent), null, null);
    }
}
