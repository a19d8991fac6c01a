package dev.faultline.scenario;

import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.LostWrites;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.Echo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold for one consistency level. Absent fields are not asserted.
 *
 * @param linearizable                 true: the checker must find the history linearizable;
 *                                     false: it must find an anomaly (a lesson that shows one)
 * @param minAvailabilityOutsideFaults lowest share of ok ops, in percent, outside fault windows
 * @param maxAvailabilityInsideFaults  highest share of ok ops, in percent, inside fault windows
 *                                     (QUORUM at RF=2 with a replica down shows unavailability)
 * @param lostWrites                   true: acknowledged writes must go missing; false: none may
 * @param checks                       the answer each named checker must give, such as {@code counter: valid}
 */
public record Expectation(Boolean linearizable, Percent minAvailabilityOutsideFaults,
                          Percent maxAvailabilityInsideFaults, Boolean lostWrites, Map<String, Validity> checks) {

    public Expectation {
        checks = checks == null ? Map.of() : Map.copyOf(checks);
        for (String checker : checks.keySet()) {
            if (!Checkers.NAMES.contains(checker)) {
                throw new IllegalArgumentException("checks: '" + Echo.of(checker) + "' is not a checker; allowed: "
                        + String.join(", ", Checkers.NAMES));
            }
        }
    }

    public Expectation(Boolean linearizable, Percent minAvailabilityOutsideFaults, Percent maxAvailabilityInsideFaults,
                       Boolean lostWrites) {
        this(linearizable, minAvailabilityOutsideFaults, maxAvailabilityInsideFaults, lostWrites, Map.of());
    }

    /**
     * This expectation and {@code other} together: each field {@code other} sets replaces this one's, the checks of
     * both are kept (the other's answer where both name a checker), so expecting twice at one level adds up.
     */
    public Expectation and(Expectation other) {
        Map<String, Validity> merged = new LinkedHashMap<>(checks);
        merged.putAll(other.checks);
        return new Expectation(other.linearizable != null ? other.linearizable : linearizable,
                other.minAvailabilityOutsideFaults != null ? other.minAvailabilityOutsideFaults : minAvailabilityOutsideFaults,
                other.maxAvailabilityInsideFaults != null ? other.maxAvailabilityInsideFaults : maxAvailabilityInsideFaults,
                other.lostWrites != null ? other.lostWrites : lostWrites, merged);
    }

    /** What of this expectation the run did not show, in words; empty when everything held. */
    public List<String> unmet(Availability availability, List<CheckerResult> results) {
        CheckResult check = results.stream().filter(LinearizabilityResult.class::isInstance)
                .map(c -> ((LinearizabilityResult) c).check()).findFirst().orElse(null);
        LostWrites lost = results.stream().filter(LostWrites.class::isInstance).map(LostWrites.class::cast)
                .findFirst().orElse(null);
        List<String> unmet = new ArrayList<>();
        if (linearizable != null) {
            Verdict verdict = check == null ? null : check.verdict();
            Verdict wanted = linearizable ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
            if (verdict != wanted) {
                unmet.add("expected " + (linearizable ? "linearizable" : "an anomaly") + ", checker said "
                        + (verdict == null ? "nothing (this workload has no register model)" : verdict));
            }
        }
        if (minAvailabilityOutsideFaults != null && availability.outsideFaults().all() == 0) {
            unmet.add("availability outside faults cannot be measured: no op ran outside a fault");
        } else if (minAvailabilityOutsideFaults != null
                && availability.outsideFaults().percentAvailable() < minAvailabilityOutsideFaults.value()) {
            unmet.add(String.format("availability outside faults %.1f%% is below %s",
                    availability.outsideFaults().percentAvailable(), minAvailabilityOutsideFaults));
        }
        if (maxAvailabilityInsideFaults != null && availability.insideFaults().all() == 0) {
            unmet.add("availability inside faults cannot be measured: no op ran during a fault");
        } else if (maxAvailabilityInsideFaults != null
                && availability.insideFaults().percentAvailable() > maxAvailabilityInsideFaults.value()) {
            unmet.add(String.format("availability inside faults %.1f%% is above %s",
                    availability.insideFaults().percentAvailable(), maxAvailabilityInsideFaults));
        }
        if (lostWrites != null) {
            if (lost == null || !lost.unread().isEmpty()) {
                unmet.add("lost writes could not be checked: no final read of " + (lost == null ? "this workload" : lost.unread()));
            } else if (lostWrites == lost.lost().isEmpty()) {
                unmet.add(lostWrites ? "expected lost writes, found none" : lost.lost().size() + " acknowledged writes were lost");
            }
        }
        checks.forEach((checker, wanted) -> {
            CheckerResult result = result(checker, results);
            if (result == null) {
                unmet.add("expected " + checker + " to say " + wanted + ", but the workload declared no " + checker
                        + " checker; it declared " + results.stream().map(CheckerResult::checker).toList());
            } else if (result.validity() != wanted) {
                unmet.add("expected " + checker + " to say " + wanted + ", it said " + result.validity() + ": " + result.summary());
            }
        });
        return unmet;
    }

    private static CheckerResult result(String checker, List<CheckerResult> results) {
        return results.stream().filter(r -> r.checker().equals(checker)).findFirst().orElse(null);
    }
}
