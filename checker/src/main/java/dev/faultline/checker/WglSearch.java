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
 * <p>Every op has a call entry and a return entry in one list ordered by real time. The ops that
 * may take effect next (the candidates) are the calls before the first return entry. Linearizing
 * a candidate steps the model, lifts the op out of the list, and looks at the new candidates, unless
 * the resulting (linearized set, state) pair was seen before: from the same pair the search goes
 * the same way. When no candidate is left to try, the last choice is undone (backtracking).
 * Linearizing every op is success; having no choice left to undo is failure.
 *
 * <p>An op's return entry sits at its deadline: its return, or an earlier one {@link RegisterFacts}
 * proved (then the op it names is blamed for a dead end there). An op with no deadline (an
 * indeterminate one, response time +infinity) has no return entry and need not be linearized at
 * all: the search ends once every other op is. (Indeterminate read-only ops tell nothing and never
 * get here: {@link LinearizabilityChecker} drops them.) Given the values ops set and observe, the
 * search never takes an op that would strand an observer ({@link #strands}).
 *
 * <p>Candidates are tried in three passes, which changes only the order, never the answer:
 * <ol>
 *   <li>a read-only op ({@link Model#readOnly}) that fits the state is taken at once, with no
 *       alternative: if the history can be linearized from here, it can with that op first, since
 *       it changes no state and no pending op had to precede it;</li>
 *   <li>then determinate ops;</li>
 *   <li>then indeterminate ones, which most histories never need.</li>
 * </ol>
 * A helper of a long search ({@link HelpedSearch}) may swap the last two, or go back to front.
 *
 * <p>Data is kept compact for speed: ops are ints (their index in invoke order), the list is two
 * int arrays, the linearized set is a long[] bitset with an incrementally kept Zobrist hash, and
 * the memo prunes by subsets of indeterminate ops ({@link MemoTable}).
 */
final class WglSearch<S> {

    private static final int CHECK_BUDGET_EVERY = 1 << 12;
    private static final long CHARGE_EVERY_BYTES = 1 << 16;

    // Passes over the candidates: harmless reads, then determinate and indeterminate ops (in the
    // order's turn).
    private static final int HARMLESS = 0;
    private static final int LAST_PASS = 2;

    private final Model<S> model;
    private final Order order;
    private final List<Operation> ops;
    private final int[] deadlines;
    private final Operation[] blame;
    private final Values values;
    private final int n;

    // With values: the value the state holds, the setters of each value not yet linearized, and
    // its determinate observers not yet linearized.
    private int value;
    private final int[] stackValues;
    private final int[] settersLeft;
    private final int[] observersLeft;
    private final boolean[] optional;
    private final boolean[] readOnly;

    // The entry list, circular through HEAD: entry i < n is op i's call, n + i its return.
    private final int head;
    private final int[] next;
    private final int[] prev;

    // The linearized ops: determinate ones in `linearized`, where words [0, fullWords) are all ones
    // and words from highWord on are zero; indeterminate ones in `linearizedIndeterminate`. An op's
    // bit is its rank among the ops of its kind.
    private final int[] bit;
    private final long[] linearized;
    private final long[] linearizedIndeterminate;
    private final long[] zobrist;
    private long setHash;
    private int fullWords;
    private int highWord;

    // The choices made so far: op stack[i] was linearized in state stackStates[i]; a forced one
    // (taken in the first pass) has no alternatives.
    private final int[] stack;
    private final Object[] stackStates;
    private final boolean[] stackForced;
    private int depth;

    // Where the search is.
    private S state;
    private int entry;
    private int pass;
    private int requiredLeft;
    private final MemoTable memo;
    // The states the memo holds that the history does not (see StateBytes).
    private long stateBytes;

    // The deepest dead end, for the counterexample.
    private int bestDepth = -1;
    private int bestRequiredLeft = Integer.MAX_VALUE;
    private int[] bestPrefix;
    private Object[] bestStates;
    private int bestBlocked;

    /**
     * What to search: ops in call order, the position each must take effect before ({@link
     * Operation#NEVER} for one that may also never take effect), and the op to name when one cannot.
     */
    record Input(List<Operation> ops, int[] deadlines, Operation[] blame, Values values) {

        /** The ops as the history has them: each due by its return, each to blame for itself. */
        static Input of(List<Operation> ops) {
            return new Input(ops, ops.stream().mapToInt(Operation::returnAt).toArray(), ops.toArray(Operation[]::new), null);
        }
    }

    /**
     * For a single-value model (see {@link RegisterFacts}): the value each op sets and observes, as
     * numbers ({@code -1} for none), and the number of the initial state.
     */
    record Values(int[] sets, int[] observes, int initial, int count) {}

    /**
     * The order candidates are tried in, which changes the path to an answer, never the answer: front
     * to back or back to front of the entry list, determinate ops before indeterminate ones or after.
     * Searches in different orders beside each other find a linearization when either would.
     */
    record Order(boolean backToFront, boolean indeterminateFirst) {
        static final Order SEQUENTIAL = new Order(false, false);
    }

    WglSearch(Model<S> model, Input input) {
        this(model, input, Order.SEQUENTIAL);
    }

    WglSearch(Model<S> model, Input input, Order order) {
        this.model = model;
        this.order = order;
        this.ops = input.ops();
        this.deadlines = input.deadlines();
        this.blame = input.blame();
        this.values = input.values();
        this.n = ops.size();
        this.optional = new boolean[n];
        this.readOnly = new boolean[n];
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.bit = new int[n];
        this.zobrist = new long[n];
        this.stack = new int[n];
        this.stackStates = new Object[n];
        this.stackForced = new boolean[n];
        SplittableRandom random = new SplittableRandom(n);
        int indeterminate = 0;
        for (int i = 0; i < n; i++) {
            optional[i] = deadlines[i] == Operation.NEVER;
            readOnly[i] = model.readOnly(ops.get(i));
            bit[i] = optional[i] ? indeterminate++ : requiredLeft++;
            zobrist[i] = random.nextLong();
        }
        this.linearized = new long[(requiredLeft + 63) >>> 6];
        this.linearizedIndeterminate = new long[(indeterminate + 63) >>> 6];
        this.memo = new MemoTable(linearized.length, linearizedIndeterminate.length);
        linkEntries();
        this.stackValues = new int[values == null ? 0 : n];
        this.settersLeft = new int[values == null ? 0 : values.count()];
        this.observersLeft = new int[values == null ? 0 : values.count()];
        if (values != null) {
            value = values.initial();
            for (int i = 0; i < n; i++) {
                if (values.sets()[i] >= 0) {
                    settersLeft[values.sets()[i]]++;
                }
                if (values.observes()[i] >= 0 && !optional[i]) {
                    observersLeft[values.observes()[i]]++;
                }
            }
        }
    }

    /**
     * True when taking {@code op} now would strand an observer: it sets another value while the
     * state's value still has determinate observers to come and no setter left to bring it back.
     * Every completion must place those observers at a state of that value, which only a setter of it
     * can make, so no completion exists: skipping {@code op} here loses no linearization.
     */
    private boolean strands(int op) {
        if (values == null || values.sets()[op] < 0 || values.sets()[op] == value || settersLeft[value] > 0) {
            return false;
        }
        int itself = values.observes()[op] == value && !optional[op] ? 1 : 0;
        return observersLeft[value] - itself > 0;
    }

    private void countIn(int op) {
        if (values == null) {
            return;
        }
        stackValues[depth] = value;
        int sets = values.sets()[op];
        if (sets >= 0) {
            settersLeft[sets]--;
            value = sets;
        }
        int observes = values.observes()[op];
        if (observes >= 0 && !optional[op]) {
            observersLeft[observes]--;
        }
    }

    private void countOut(int op) {
        if (values == null) {
            return;
        }
        value = stackValues[depth];
        int sets = values.sets()[op];
        if (sets >= 0) {
            settersLeft[sets]++;
        }
        int observes = values.observes()[op];
        if (observes >= 0 && !optional[op]) {
            observersLeft[observes]++;
        }
    }

    /** Orders all call and return entries by their position in the history and links them. */
    private void linkEntries() {
        long[] byPosition = new long[2 * n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            byPosition[count++] = ((long) ops.get(i).callAt() << 32) | i;
            if (!optional[i]) {
                byPosition[count++] = ((long) deadlines[i] << 32) | (n + i);
            }
        }
        Arrays.sort(byPosition, 0, count);
        int last = head;
        for (int k = 0; k < count; k++) {
            int e = (int) byPosition[k];
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = head;
        prev[head] = last;
    }

    PartitionResult run(Object key, Spending budget) {
        long charged = 0;
        try {
            state = model.init();
            startNode();
            long steps = 0;
            while (requiredLeft > 0) {
                if (++steps % CHECK_BUDGET_EVERY == 1) {
                    if (budget.stopped()) {
                        return unknown(key, PartitionResult.STOPPED);
                    }
                    if (budget.pastDeadline()) {
                        return unknown(key, "time limit reached");
                    }
                    if (budget.linearizedElsewhere(steps)) {
                        return linearizable(key);
                    }
                }
                if (heldBytes() - charged > CHARGE_EVERY_BYTES) {
                    boolean withinBudget = budget.charge(heldBytes() - charged);
                    charged = heldBytes();
                    if (!withinBudget) {
                        return unknown(key, "memory budget for the search reached");
                    }
                }
                if (entry >= n) {
                    // The first return (or, back to front, the head): every candidate of this pass has been tried.
                    if (pass < LAST_PASS) {
                        pass++;
                        entry = firstCandidate();
                    } else {
                        noteDeadEnd((order.backToFront() ? firstReturn() : entry) - n);
                        if (!backtrack()) {
                            return notLinearizable(key);
                        }
                    }
                    continue;
                }
                int op = entry;
                entry = order.backToFront() ? prev[op] : next[op];
                if (pass == HARMLESS ? !readOnly[op] : readOnly[op] || optional[op] != indeterminatePass(pass)) {
                    // A read-only op that fits was taken in the first pass; one that does not never will.
                    continue;
                }
                if (strands(op)) {
                    continue;
                }
                S after = model.step(state, ops.get(op));
                if (after == null) {
                    continue;
                }
                if (pass == HARMLESS) {
                    // This node stands or falls with this op taken first; if the memo has seen that
                    // (or a node that can do all it can), it fell.
                    if (!linearize(op, after, true) && !backtrack()) {
                        return notLinearizable(key);
                    }
                } else {
                    linearize(op, after, false);
                }
            }
            return linearizable(key);
        } finally {
            budget.release(charged);
        }
    }

    private long heldBytes() {
        return memo.bytes() + stateBytes;
    }

    /** Looks at the candidates of a new node. */
    private void startNode() {
        pass = HARMLESS;
        entry = firstCandidate();
    }

    /** The candidate a pass starts at: the first call in the list, or the last before the first return. */
    private int firstCandidate() {
        return order.backToFront() ? prev[firstReturn()] : next[head];
    }

    /** The first return entry in the list (the head when none is left). */
    private int firstReturn() {
        int e = next[head];
        while (e < n) {
            e = next[e];
        }
        return e;
    }

    private boolean indeterminatePass(int pass) {
        return (pass == LAST_PASS) != order.indeterminateFirst();
    }

    /**
     * Takes {@code op} now, reaching state {@code after}, unless that pair was seen before.
     *
     * @return false when the pair was seen before (nothing changed)
     */
    private boolean linearize(int op, S after, boolean forced) {
        include(op);
        if (!memo.add(linearized, fullWords, highWord, setHash, after, linearizedIndeterminate)) {
            exclude(op);
            return false;
        }
        stateBytes += StateBytes.of(after, state, ops.get(op));
        stack[depth] = op;
        stackForced[depth] = forced;
        countIn(op);
        stackStates[depth++] = state;
        state = after;
        lift(op);
        requiredLeft -= optional[op] ? 0 : 1;
        startNode();
        return true;
    }

    /**
     * Undoes choices up to and including the last one that has alternatives left, and goes on with
     * the candidate after it.
     *
     * @return false when there is nothing left to undo: not linearizable
     */
    @SuppressWarnings("unchecked")
    private boolean backtrack() {
        while (depth > 0) {
            int op = stack[--depth];
            state = (S) stackStates[depth];
            countOut(op);
            stackStates[depth] = null;
            exclude(op);
            unlift(op);
            requiredLeft += optional[op] ? 0 : 1;
            if (!stackForced[depth]) {
                entry = order.backToFront() ? prev[op] : next[op];
                pass = optional[op] == indeterminatePass(LAST_PASS) ? LAST_PASS : LAST_PASS - 1;
                return true;
            }
        }
        return false;
    }

    private PartitionResult linearizable(Object key) {
        return new PartitionResult(key, Verdict.LINEARIZABLE, n, null, null, memo.size());
    }

    private PartitionResult notLinearizable(Object key) {
        return new PartitionResult(key, Verdict.NOT_LINEARIZABLE, n, counterexample(), null, memo.size());
    }

    private PartitionResult unknown(Object key, String reason) {
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
        if (optional[op]) {
            linearizedIndeterminate[bit[op] >>> 6] |= 1L << bit[op];
            return;
        }
        int word = bit[op] >>> 6;
        linearized[word] |= 1L << bit[op];
        setHash ^= zobrist[op];
        highWord = Math.max(highWord, word + 1);
        while (fullWords < linearized.length && linearized[fullWords] == -1L) {
            fullWords++;
        }
    }

    private void exclude(int op) {
        if (optional[op]) {
            linearizedIndeterminate[bit[op] >>> 6] &= ~(1L << bit[op]);
            return;
        }
        int word = bit[op] >>> 6;
        linearized[word] &= ~(1L << bit[op]);
        setHash ^= zobrist[op];
        fullWords = Math.min(fullWords, word);
        while (highWord > 0 && linearized[highWord - 1] == 0) {
            highWord--;
        }
    }

    /** Remembers the longest prefix that was linearized when {@code blocked} could not be. */
    private void noteDeadEnd(int blocked) {
        // Deepest in determinate ops; the fewer indeterminate ones tacked on, the plainer.
        if (requiredLeft > bestRequiredLeft || requiredLeft == bestRequiredLeft && depth >= bestDepth) {
            return;
        }
        bestRequiredLeft = requiredLeft;
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
        Operation blocked = blame[bestBlocked];
        return new Counterexample(blocked, model.describeState((S) bestStates[bestDepth]),
                Counterexample.concurrentWith(blocked, ops), prefix);
    }
}
