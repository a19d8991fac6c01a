package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import dev.faultline.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a history against a model: splits it into independent partitions (P-compositionality),
 * searches each one in parallel with {@link WglSearch}, and combines the verdicts.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {}

    public static <S> CheckResult check(History history, Model<S> model, Budget budget) {
        return check(history.operations(), model, budget);
    }

    /**
     * @param operations paired ops; failed ones are dropped here (they did not happen), indeterminate
     *                   ones may or may not have taken effect
     * @throws IllegalArgumentException when an op is not one the model knows
     */
    public static <S> CheckResult check(List<Operation> operations, Model<S> model, Budget budget) {
        long start = System.nanoTime();
        Map<Object, List<Operation>> partitions = new HashMap<>();
        for (Operation op : operations) {
            if (op.outcome() == OpType.FAIL) {
                continue;
            }
            if (!model.functions().contains(op.f())) {
                throw new IllegalArgumentException("model " + model.name() + " has no '" + op.f() + "' (op: "
                        + op + "); it knows " + String.join(", ", model.functions().stream().sorted().toList()));
            }
            partitions.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
        }
        SearchBudget spending = new SearchBudget(budget);
        List<PartitionResult> results = new ArrayList<>(partitions.entrySet()).parallelStream()
                .map(partition -> new WglSearch<>(model, partition.getValue()).run(partition.getKey(), spending))
                .sorted(Comparator.comparing(PartitionResult::key, Values::compare))
                .toList();
        Verdict total = results.stream().map(PartitionResult::verdict).reduce(Verdict.LINEARIZABLE, Verdict::and);
        return new CheckResult(model.name(), total, results, Duration.ofNanos(System.nanoTime() - start));
    }
}
