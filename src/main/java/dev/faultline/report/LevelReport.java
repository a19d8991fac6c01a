package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.PartitionResult;
import dev.faultline.history.History;
import dev.faultline.history.Op;

import java.util.List;

/**
 * What the report draws for one consistency level (or one checked file).
 *
 * @param level        the level's name, or the file's name for {@code faultline check --html}
 * @param history      the history, with times; one without (Jepsen, Porcupine) is timed by event index
 * @param timeIsIndex  true when the time axis is the event index, not nanoseconds
 * @param check        the linearizability result, or null when the workload has no register model
 * @param lost         acknowledged writes missing from the final read, or null when not checked
 * @param duplicates   values the final read holds twice, or null when not checked
 * @param unmet        expectations of the scenario that did not hold, in words
 */
public record LevelReport(String level, History history, boolean timeIsIndex, Availability availability,
                          CheckResult check, List<Object> lost, List<Object> duplicates, List<String> unmet) {

    public LevelReport {
        unmet = unmet == null ? List.of() : List.copyOf(unmet);
    }

    /** A history whose ops lack times gets the event index as its clock, so it can still be drawn. */
    public static History timed(History history) {
        boolean untimed = history.ops().stream().anyMatch(op -> op.time() == Op.NO_TIME);
        return untimed ? new History(history.ops().stream().map(op -> op.withTime(op.index())).toList()) : history;
    }

    public static boolean untimed(History history) {
        return history.ops().stream().anyMatch(op -> op.time() == Op.NO_TIME);
    }

    public List<PartitionResult> violations() {
        return check == null ? List.of() : check.violations();
    }

    public long anomalies() {
        return violations().size() + (lost == null ? 0 : lost.size()) + (duplicates == null ? 0 : duplicates.size());
    }
}
