package dev.faultline.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fixed-rate load met in each phase of a run: every request's phase (the one it was sent in), its latency
 * and its outcome ({@link #OK} or an error's kind), summed per phase in the order the phases came.
 */
final class LoadPhases {

    static final String OK = "ok";

    private final Map<String, List<Sample>> byPhase = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    private record Sample(long latencyNanos, String outcome) {}

    /** A phase and how long the load ran in it; samples may name it before or after. */
    synchronized void phase(String name, double lastedSeconds) {
        byPhase.computeIfAbsent(name, n -> new ArrayList<>());
        seconds.put(name, lastedSeconds);
    }

    synchronized void record(String phase, long latencyNanos, String outcome) {
        byPhase.computeIfAbsent(phase, n -> new ArrayList<>()).add(new Sample(latencyNanos, outcome));
    }

    /**
     * One phase's sums: requests sent, acknowledged per second held over the phase, latency of the acknowledged ones
     * (p50, p99, max, in ms; 0 when none), and errors by kind.
     */
    record Summary(String phase, double seconds, int sent, int ok, double okPerSecond, double p50Millis, double p99Millis,
                   double maxMillis, Map<String, Integer> errors) {}

    synchronized List<Summary> summaries() {
        List<Summary> summaries = new ArrayList<>();
        byPhase.forEach((phase, samples) -> {
            long[] okLatencies = samples.stream().filter(s -> s.outcome().equals(OK)).mapToLong(Sample::latencyNanos)
                    .sorted().toArray();
            Map<String, Integer> errors = new TreeMap<>();
            samples.stream().filter(s -> !s.outcome().equals(OK)).forEach(s -> errors.merge(s.outcome(), 1, Integer::sum));
            double lasted = seconds.getOrDefault(phase, 0.0);
            summaries.add(new Summary(phase, lasted, samples.size(), okLatencies.length,
                    lasted > 0 ? okLatencies.length / lasted : 0, percentile(okLatencies, 50), percentile(okLatencies, 99),
                    okLatencies.length == 0 ? 0 : okLatencies[okLatencies.length - 1] / 1e6, errors));
        });
        return summaries;
    }

    /** The nearest-rank percentile of sorted latencies, in ms. */
    static double percentile(long[] sortedNanos, int percent) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
