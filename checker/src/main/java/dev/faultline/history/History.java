package dev.faultline.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of events. The order is real time: an op whose completion comes before another
 * op's invoke happened before it. Times in ns are kept for reports, not for ordering, because
 * client clocks of different processes need not agree (Knossos orders the same way).
 */
public record History(List<Op> ops) {

    public History {
        ops = List.copyOf(ops);
    }

    public int size() {
        return ops.size();
    }

    /**
     * Pairs every client invoke with the next completion of the same process. An invoke left open,
     * because the history ended or the process invoked again, is indeterminate. Nemesis events are
     * not operations of the system under test and are left out. Ordered by invoke.
     *
     * @throws IllegalArgumentException when a completion has no open invoke to complete
     */
    public List<Operation> operations() {
        List<Operation> paired = new ArrayList<>();
        Map<Process, Integer> open = new HashMap<>();
        for (int at = 0; at < ops.size(); at++) {
            Op op = ops.get(at);
            if (op.isNemesis()) {
                continue;
            }
            Integer invokedAt = open.remove(op.process());
            if (op.type() == OpType.INVOKE) {
                if (invokedAt != null) {
                    paired.add(Operation.pair(ops.get(invokedAt), invokedAt, null, Operation.NEVER));
                }
                open.put(op.process(), at);
            } else if (invokedAt == null) {
                throw new OpException(at, "op " + op.index() + " (" + op + ") completes nothing: process "
                        + op.process() + " has no open invoke");
            } else {
                paired.add(Operation.pair(ops.get(invokedAt), invokedAt, op, at));
            }
        }
        open.values().forEach(at -> paired.add(Operation.pair(ops.get(at), at, null, Operation.NEVER)));
        paired.sort(Comparator.comparingInt(Operation::callAt));
        return paired;
    }
}
