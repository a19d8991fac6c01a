package dev.faultline.scenario;

import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.LostWrites;

import java.nio.file.Path;
import java.util.List;

/**
 * What one run of a scenario at one consistency level showed.
 *
 * @param linearizability the checker's result, or null for a workload that has no register model
 * @param lostWrites      acknowledged writes missing from the final read, and duplicates (set and
 *                        sequence workloads), else null
 * @param unmet           the scenario's expectations for this level that did not hold, in words
 */
public record LevelResult(Consistency level, Path history, Availability availability,
                          CheckResult linearizability, LostWrites lostWrites, List<String> unmet) {

    public boolean expectationsHeld() {
        return unmet.isEmpty();
    }
}
