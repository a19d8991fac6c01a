package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.PartitionResult;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.scenario.LevelResult;

import java.util.List;

/**
 * What the report draws for one consistency level (or one checked file).
 *
 * @param level       the level's name, or the file's name for {@code faultline check --html}
 * @param history     the history, with times; one without (Jepsen, Porcupine) is timed by event index
 * @param timeIsIndex true when the time axis is the event index, not nanoseconds
 * @param checks      every checker's result, in the order the workload declared them
 * @param unmet       expectations of the scenario that did not hold, in words; null where there were none to
 *                    hold (a history checked on its own)
 */
public record LevelReport(String level, History history, boolean timeIsIndex, Availability availability,
                          List<CheckerResult> checks, List<String> unmet) {

    public LevelReport {
        checks = List.copyOf(checks);
        unmet = unmet == null ? null : List.copyOf(unmet);
    }

    static LevelReport of(LevelResult level, History history) {
        return new LevelReport(level.level().name(), history, false, level.availability(), level.checks(), level.unmet());
    }

    /** A history whose ops lack times gets the event index as its clock, so it can still be drawn. */
    public static History timed(History history) {
        boolean untimed = history.ops().stream().anyMatch(op -> op.time() == Op.NO_TIME);
        return untimed ? new History(history.ops().stream().map(op -> op.withTime(op.index())).toList()) : history;
    }

    public static boolean untimed(History history) {
        return history.ops().stream().anyMatch(op -> op.time() == Op.NO_TIME);
    }

    /** The linearizability search's result, or null when no register model was checked. */
    public CheckResult linearizability() {
        return checks.stream().filter(LinearizabilityResult.class::isInstance)
                .map(c -> ((LinearizabilityResult) c).check()).findFirst().orElse(null);
    }

    public List<PartitionResult> violations() {
        CheckResult check = linearizability();
        return check == null ? List.of() : check.violations();
    }

    /** Every finding of every checker. */
    public long anomalies() {
        return checks.stream().mapToLong(c -> c.findings().size()).sum();
    }
}
