package dev.faultline.checker;

import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a partition is not linearizable, as data a report can draw: the longest linearizable prefix
 * the search found, and the op that could not follow it before its response came back. When the
 * partition was refuted before any search ({@link RegisterFacts}), the prefix holds just the ops that
 * prove it: the last write of the value read and the write that overwrote it (none when nothing
 * could have written it).
 *
 * @param unlinearizable the op that no order consistent with real time can place after the prefix
 * @param stateBefore    the model's state at that point, described
 * @param concurrent     the ops whose intervals overlap it (the ones that could have gone first)
 * @param longestPrefix  the ops in linearization order, with the state after each
 */
public record Counterexample(
        Operation unlinearizable, String stateBefore, List<Operation> concurrent, List<Step> longestPrefix) {

    public record Step(Operation op, String stateAfter) {}

    /** The ops of {@code ops} whose intervals overlap {@code op}'s, in their order: those that could have gone first. */
    static List<Operation> concurrentWith(Operation op, List<Operation> ops) {
        List<Operation> concurrent = new ArrayList<>();
        for (Operation other : ops) {
            if (other != op && other.callAt() < op.returnAt() && other.returnAt() > op.callAt()) {
                concurrent.add(other);
            }
        }
        return concurrent;
    }
}
