package dev.faultline.checker;

import dev.faultline.history.Operation;
import dev.faultline.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linearizability search over one partition: Wing and Gong's algorithm with Lowe's memo, the
 * shape of Porcupine's checker.
 *
 * <p>Every op has a call entry and a return entry in one list ordered by real time. Walking the
 * list, at a call we try to linearize that op now: if the model accepts it and the resulting
 * (linearized set, state) pair is new, the op is lifted out of the list and the walk restarts from
 * the head. Reaching a return means its op should have been linearized already: undo the last
 * choice and try the next call after it. Linearizing every op is success; having nothing to undo
 * is failure.
 *
 * <p>An indeterminate op has no return entry (its response time is +infinity) and need not be
 * linearized at all: the search ends once every determinate op is.
 *
 * <p>Data is kept compact for speed: ops are ints (their index in invoke order), the list is two
 * int arrays, the linearized set is a long[] bitset with an incrementally kept Zobrist hash.
 */
final class WglSearch<S> {

    private static final int CHECK_DEADLINE_EVERY = 1 << 12;
    private static final long CHARGE_EVERY_BYTES = 1 << 16;

    private final Model<S> model;
    private final List<Operation> ops;
    private final int n;
    private final boolean[] optional;

    // The entry list, circular through HEAD: entry i < n is op i's call, n + i its return.
    private final int head;
    private final int[] next;
    private final int[] prev;

    // The linearized set: words [0, fullWords) are all ones, words from highWord on are zero.
    private final long[] linearized;
    private final long[] zobrist;
    private long setHash;
    private int fullWords;
    private int highWord;

    // The choices made so far: op stack[i] was linearized in state stackStates[i].
    private final int[] stack;
    private final Object[] stackStates;
    private int depth;

    // The deepest dead end, for the counterexample.
    private int bestDepth = -1;
    private int[] bestPrefix;
    private Object[] bestStates;
    private int bestBlocked;

    WglSearch(Model<S> model, List<Operation> ops) {
        this.model = model;
        this.ops = ops;
        this.n = ops.size();
        this.optional = new boolean[n];
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.linearized = new long[(n + 63) >>> 6];
        this.zobrist = new long[n];
        this.stack = new int[n];
        this.stackStates = new Object[n];
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            optional[i] = ops.get(i).isIndeterminate();
            zobrist[i] = random.nextLong();
        }
        linkEntries();
    }

    /** Orders all call and return entries by their position in the history and links them. */
    private void linkEntries() {
        long[] byPosition = new long[2 * n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            byPosition[count++] = ((long) ops.get(i).callAt() << 32) | i;
            if (!optional[i]) {
                byPosition[count++] = ((long) ops.get(i).returnAt() << 32) | (n + i);
            }
        }
        Arrays.sort(byPosition, 0, count);
        int last = head;
        for (int k = 0; k < count; k++) {
            int entry = (int) byPosition[k];
            next[last] = entry;
            prev[entry] = last;
            last = entry;
        }
        next[last] = head;
        prev[head] = last;
    }

    PartitionResult run(Object key, SearchBudget budget) {
        MemoTable memo = new MemoTable();
        long charged = 0;
        try {
            S state = model.init();
            int requiredLeft = 0;
            for (boolean isOptional : optional) {
                requiredLeft += isOptional ? 0 : 1;
            }
            int entry = next[head];
            long steps = 0;
            while (requiredLeft > 0) {
                if (++steps % CHECK_DEADLINE_EVERY == 0 && budget.pastDeadline()) {
                    return unknown(key, "time limit reached", memo);
                }
                if (entry < n) {
                    // A call: try to linearize this op now.
                    int op = entry;
                    S after = model.step(state, ops.get(op));
                    if (after != null) {
                        include(op);
                        if (memo.add(linearized, fullWords, highWord, setHash, after)) {
                            if (memo.bytes() - charged > CHARGE_EVERY_BYTES) {
                                boolean withinBudget = budget.charge(memo.bytes() - charged);
                                charged = memo.bytes();
                                if (!withinBudget) {
                                    return unknown(key, "memory budget for the search reached", memo);
                                }
                            }
                            stack[depth] = op;
                            stackStates[depth++] = state;
                            state = after;
                            lift(op);
                            requiredLeft -= optional[op] ? 0 : 1;
                            entry = next[head];
                            continue;
                        }
                        exclude(op);
                    }
                    entry = next[entry];
                } else {
                    // A return: its op had to be linearized by now. Undo the last choice.
                    noteDeadEnd(entry - n, state);
                    if (depth == 0) {
                        return new PartitionResult(key, Verdict.NOT_LINEARIZABLE, n, counterexample(), null, memo.size());
                    }
                    int op = stack[--depth];
                    @SuppressWarnings("unchecked")
                    S before = (S) stackStates[depth];
                    state = before;
                    stackStates[depth] = null;
                    exclude(op);
                    unlift(op);
                    requiredLeft += optional[op] ? 0 : 1;
                    entry = next[op];
                }
            }
            return new PartitionResult(key, Verdict.LINEARIZABLE, n, null, null, memo.size());
        } finally {
            budget.release(charged);
        }
    }

    private PartitionResult unknown(Object key, String reason, MemoTable memo) {
        return new PartitionResult(key, Verdict.UNKNOWN, n, null, reason, memo.size());
    }

    /** Takes op's entries out of the list; {@link #unlift} puts them back (dancing links). */
    private void lift(int op) {
        unlink(op);
        if (!optional[op]) {
            unlink(n + op);
        }
    }

    private void unlift(int op) {
        if (!optional[op]) {
            relink(n + op);
        }
        relink(op);
    }

    private void unlink(int entry) {
        next[prev[entry]] = next[entry];
        prev[next[entry]] = prev[entry];
    }

    private void relink(int entry) {
        next[prev[entry]] = entry;
        prev[next[entry]] = entry;
    }

    private void include(int op) {
        int word = op >>> 6;
        linearized[word] |= 1L << op;
        setHash ^= zobrist[op];
        highWord = Math.max(highWord, word + 1);
        while (fullWords < linearized.length && linearized[fullWords] == -1L) {
            fullWords++;
        }
    }

    private void exclude(int op) {
        int word = op >>> 6;
        linearized[word] &= ~(1L << op);
        setHash ^= zobrist[op];
        fullWords = Math.min(fullWords, word);
        while (highWord > 0 && linearized[highWord - 1] == 0) {
            highWord--;
        }
    }

    /** Remembers the longest prefix that was linearized when {@code blocked} could not be. */
    private void noteDeadEnd(int blocked, S state) {
        if (depth <= bestDepth) {
            return;
        }
        bestDepth = depth;
        bestBlocked = blocked;
        bestPrefix = Arrays.copyOf(stack, depth);
        bestStates = new Object[depth + 1];
        System.arraycopy(stackStates, 0, bestStates, 0, depth);
        bestStates[depth] = state;
    }

    @SuppressWarnings("unchecked")
    private Counterexample counterexample() {
        List<Counterexample.Step> prefix = new ArrayList<>(bestDepth);
        for (int i = 0; i < bestDepth; i++) {
            prefix.add(new Counterexample.Step(ops.get(bestPrefix[i]), model.describeState((S) bestStates[i + 1])));
        }
        Operation blocked = ops.get(bestBlocked);
        List<Operation> concurrent = new ArrayList<>();
        for (Operation other : ops) {
            if (other != blocked && other.callAt() < blocked.returnAt() && other.returnAt() > blocked.callAt()) {
                concurrent.add(other);
            }
        }
        return new Counterexample(blocked, model.describeState((S) bestStates[bestDepth]), concurrent, prefix);
    }
}
