package dev.faultline.checker;

import java.time.Duration;
import java.util.List;

/**
 * A linearizability check of a whole history: the verdict of every partition and in total.
 *
 * @param model      the model's name
 * @param verdict    not linearizable if any partition is not; else unknown if any is unknown
 * @param partitions per key, in key order
 * @param elapsed    wall time of the check
 */
public record CheckResult(String model, Verdict verdict, List<PartitionResult> partitions, Duration elapsed) {

    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    public List<PartitionResult> violations() {
        return partitions.stream().filter(p -> p.verdict() == Verdict.NOT_LINEARIZABLE).toList();
    }
}
