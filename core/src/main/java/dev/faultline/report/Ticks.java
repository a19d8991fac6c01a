package dev.faultline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at round steps (1, 2 or 5 × 10^n), each one labelled with its unit. */
final class Ticks {

    private static final double[] ROUND = {1, 2, 5, 10};

    private Ticks() {
    }

    /** The smallest round step that cuts {@code span} into at most {@code count} parts. */
    static double step(double span, int count) {
        double raw = span / Math.max(1, count);
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : ROUND) {
            // the tolerance keeps 0.3 / 3 from asking for a step of 0.2 through rounding
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The multiples of {@code step} from {@code from} to {@code to}, both included. */
    static List<Double> multiples(double from, double to, double step) {
        List<Double> at = new ArrayList<>();
        for (long i = (long) Math.ceil(from / step - 1e-9); i * step <= to + step * 1e-9; i++) {
            at.add(i * step);
        }
        return at;
    }

    /**
     * How an axis of nanoseconds writes its ticks: in seconds once a label reaches one second, else in
     * milliseconds or microseconds, with the decimals the step needs and never more.
     */
    record TimeFormat(String unit, double nanosPerUnit, int decimals) {

        static TimeFormat of(double stepNanos, double largestNanos) {
            double largest = Math.max(stepNanos, Math.abs(largestNanos));
            double perUnit = largest >= 1e9 ? 1e9 : largest >= 1e6 ? 1e6 : 1e3;
            String unit = perUnit == 1e9 ? "s" : perUnit == 1e6 ? "ms" : "µs";
            return new TimeFormat(unit, perUnit, Ticks.decimals(stepNanos / perUnit));
        }

        String format(double nanos) {
            return number(nanos / nanosPerUnit, decimals) + " " + unit;
        }
    }

    /** Milliseconds, with the decimals a step of {@code stepMs} needs. */
    static String millis(double ms, double stepMs) {
        return number(ms, decimals(stepMs)) + " ms";
    }

    /** Decimals that show a round step exactly: 0 for 5, 1 for 0.5, 3 for 0.002. */
    static int decimals(double step) {
        return step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    }

    private static String number(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        // -0 reads as a time before the start
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }
}
