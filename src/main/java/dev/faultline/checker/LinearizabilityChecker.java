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
 * decides each one in parallel, and combines the verdicts. A partition of a single-value model is
 * first refuted or reduced by {@link RegisterFacts}, which needs no search; what is left is searched
 * with {@link WglSearch}.
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
            partitions.forEach((key, ops) -> results.add(decide(model, key, ops, spending)));
        } else {
            partitions.entrySet().parallelStream()
                    .map(partition -> decide(model, partition.getKey(), partition.getValue(), spending))
                    .forEachOrdered(results::add);
            results.sort(Comparator.comparing(PartitionResult::key, Values::compare));
        }
        Verdict total = Verdict.LINEARIZABLE;
        for (PartitionResult result : results) {
            total = total.and(result.verdict());
        }
        return new CheckResult(model.name(), total, List.copyOf(results), Duration.ofNanos(System.nanoTime() - start));
    }

    private static <S> PartitionResult decide(Model<S> model, Object key, List<Operation> ops, SearchBudget budget) {
        RegisterFacts<S> facts = RegisterFacts.of(model, ops);
        if (facts == null) {
            return new WglSearch<>(model, WglSearch.Input.of(ops)).run(key, budget);
        }
        Counterexample refuted = facts.refutation();
        if (refuted != null) {
            budget.violationFound();
            return new PartitionResult(key, Verdict.NOT_LINEARIZABLE, ops.size(), refuted, null, 0);
        }
        PartitionResult searched = new WglSearch<>(model, facts.reduced()).run(key, budget);
        return new PartitionResult(key, searched.verdict(), ops.size(), searched.counterexample(),
                searched.unknownReason(), searched.memoEntries());
    }
}
