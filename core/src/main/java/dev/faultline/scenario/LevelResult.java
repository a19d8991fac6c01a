package dev.faultline.scenario;

import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.LostWrites;
import dev.faultline.checker.SessionGuarantees;
import dev.faultline.checker.Validity;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a scenario at one consistency level showed.
 *
 * @param checks the results of the checkers the workload declared, in their order
 * @param unmet  the scenario's expectations for this level that did not hold, in words
 */
public record LevelResult(Consistency level, Path history, Availability availability,
                          List<CheckerResult> checks, List<String> unmet) {

    public LevelResult {
        checks = List.copyOf(checks);
        unmet = List.copyOf(unmet);
    }

    public boolean expectationsHeld() {
        return unmet.isEmpty();
    }

    /** The result of the checker named {@code name}, if the workload declared it. */
    public Optional<CheckerResult> check(String name) {
        return checks.stream().filter(c -> c.checker().equals(name)).findFirst();
    }

    /** Every declared checker's answer together: invalid if any is, else unknown if any is. */
    public Validity validity() {
        return checks.stream().map(CheckerResult::validity).reduce(Validity.VALID, Validity::and);
    }

    /** The linearizability search's result, or null for a workload that has no register model. */
    public CheckResult linearizability() {
        return check(LinearizabilityResult.NAME).map(c -> ((LinearizabilityResult) c).check()).orElse(null);
    }

    /** Lost and duplicated writes (set and sequence workloads), else null. */
    public LostWrites lostWrites() {
        return check(LostWrites.NAME).map(LostWrites.class::cast).orElse(null);
    }

    /** Read-your-writes and monotonic reads per client (register workloads), else null. */
    public SessionGuarantees.Result sessionGuarantees() {
        return check(SessionGuarantees.NAME).map(SessionGuarantees.Result.class::cast).orElse(null);
    }
}
