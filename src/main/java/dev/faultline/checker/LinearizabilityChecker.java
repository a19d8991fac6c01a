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
     *                   ones may or may not have taken effect (and are dropped when read-only)
     * @throws IllegalArgumentException when an op is not one the model knows
     */
    public static <S> CheckResult check(List<Operation> operations, Model<S> model, Budget budget) {
        long start = System.nanoTime();
        Map<Object, List<Operation>> partitions = new HashMap<>();
        for (Operation op : operations) {
            if (op.outcome() == OpType.FAIL) {
                continue;
            }
            if (op.isIndeterminate() && model.readOnly(op)) {
                // it may have happened or not, and it changes nothing: it tells nothing
                continue;
            }
            if (!model.functions().contains(op.f())) {
                throw new IllegalArgumentException("model " + model.name() + " has no '" + op.f() + "' (op: "
                        + op + "); it knows " + String.join(", ", model.functions().stream().sorted().toList()));
            }
            partitions.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
        }
        SearchBudget spending = new SearchBudget(budget);
        List<PartitionResult> results = new ArrayList<>(partitions.size());
        if (partitions.size() == 1) {
            partitions.forEach((key, ops) -> results.add(new WglSearch<>(model, ops).run(key, spending)));
        } else {
            partitions.entrySet().parallelStream()
                    .map(partition -> new WglSearch<>(model, partition.getValue()).run(partition.getKey(), spending))
                    .forEachOrdered(results::add);
            results.sort(Comparator.comparing(PartitionResult::key, Values::compare));
        }
        Verdict total = Verdict.LINEARIZABLE;
        for (PartitionResult result : results) {
            total = total.and(result.verdict());
        }
        return new CheckResult(model.name(), total, List.copyOf(results), Duration.ofNanos(System.nanoTime() - start));
    }
}
