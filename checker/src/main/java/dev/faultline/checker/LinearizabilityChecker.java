package dev.faultline.checker;

import dev.faultline.history.OpException;
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
 * first refuted or reduced by {@link RegisterFacts}, one of a string appended to by {@link
 * AppendFacts}, which need no search; what is left is searched with {@link WglSearch}.
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
        return check(operations, model, new SearchBudget(budget));
    }

    /** As {@link #check(List, Model, Budget)}, spending as told (tests choose when help starts). */
    static <S> CheckResult check(List<Operation> operations, Model<S> model, SearchBudget spending) {
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
                throw OpException.atInvoke(op, "model " + model.name() + " has no '" + op.f() + "' (op: "
                        + op + "); it knows " + String.join(", ", model.functions().stream().sorted().toList()));
            }
            partitions.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
        }
        List<PartitionResult> results = new ArrayList<>(partitions.size());
        if (partitions.size() == 1 || spending.threads() == 1) {
            partitions.forEach((key, ops) -> results.add(decide(model, key, ops, spending)));
        } else {
            try {
                partitions.entrySet().parallelStream()
                        .map(partition -> decide(model, partition.getKey(), partition.getValue(), spending))
                        .forEachOrdered(results::add);
            } catch (RuntimeException e) {
                throw thrownInWorker(e);
            }
            results.sort(Comparator.comparing(PartitionResult::key, Values::compare));
        }
        Verdict total = Verdict.LINEARIZABLE;
        for (PartitionResult result : results) {
            total = total.and(result.verdict());
        }
        return new CheckResult(model.name(), total, List.copyOf(results), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * What a key's check threw, as it threw it: a worker's exception reaches this thread as a copy whose message is the
     * original's class and message ("java.lang.IllegalArgumentException: …"), and the original as its cause.
     */
    private static RuntimeException thrownInWorker(RuntimeException e) {
        return e.getCause() instanceof RuntimeException original && original.getClass() == e.getClass() ? original : e;
    }

    private static <S> PartitionResult decide(Model<S> model, Object key, List<Operation> ops, SearchBudget budget) {
        PartitionResult result = refuteOrSearch(model, key, ops, budget);
        if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
            budget.violationFound();
        }
        return result;
    }

    private static <S> PartitionResult refuteOrSearch(Model<S> model, Object key, List<Operation> ops, SearchBudget budget) {
        RegisterFacts<S> facts = RegisterFacts.of(model, ops);
        PartitionResult searched;
        if (facts != null) {
            Counterexample refuted = facts.refutation();
            if (refuted != null) {
                return new PartitionResult(key, Verdict.NOT_LINEARIZABLE, ops.size(), refuted, null, 0);
            }
            searched = HelpedSearch.run(model, facts.reduced(), key, budget);
        } else {
            AppendFacts<S> appended = AppendFacts.of(model, ops);
            Counterexample refuted = appended == null ? null : appended.refutation();
            if (refuted != null) {
                return new PartitionResult(key, Verdict.NOT_LINEARIZABLE, ops.size(), refuted, null, 0);
            }
            searched = HelpedSearch.run(model, WglSearch.Input.of(appended == null ? ops : appended.reduced()), key, budget);
        }
        return new PartitionResult(key, searched.verdict(), ops.size(), searched.counterexample(),
                searched.unknownReason(), searched.memoEntries());
    }
}
