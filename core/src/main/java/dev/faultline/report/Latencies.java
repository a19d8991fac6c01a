package dev.faultline.report;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.util.List;

/** How long ops took, call to return, as the report draws them and a test asserts on them. */
public final class Latencies {

    private Latencies() {
    }

    /** The value at quantile {@code q} (0–1] of ascending {@code sorted} values, by nearest rank; NaN for none. */
    public static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
    }

    /** Milliseconds from call to return of every client op that returned (ok or fail), ascending. */
    public static double[] completedMillis(List<Operation> ops) {
        return ops.stream().filter(op -> op.outcome() != OpType.INFO && !op.invoke().isNemesis())
                .mapToDouble(op -> (op.completion().time() - op.invoke().time()) / 1e6).sorted().toArray();
    }
}
