package dev.faultline.checker;

import dev.faultline.history.Operation;
import dev.faultline.model.Model;
import dev.faultline.model.RegisterEffect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be concluded about one partition of a single-value model without searching, when the
 * model knows every op's {@link RegisterEffect}: refutations that prove it not linearizable, and
 * reductions that leave the search less to do and never change its verdict.
 *
 * <p>Terms. An op happens at one point of its interval: after its call, before its return
 * (an indeterminate op has no return, and may also never happen). Positions are event indices, so
 * no two are equal. A <em>setter</em> of v is an op that sets the state to v (a write of v, a cas
 * to v); an <em>observer</em> of v requires the state to be v (a read of v, a cas from v). Other
 * ops leave the state and require nothing. So in any linearization the state at an op's point is
 * the value of the last setter before it, or the initial state if none: everything below follows
 * from that.
 */
final class RegisterFacts<S> {

    private static final int NEVER = Operation.NEVER;

    private final Model<S> model;
    private final List<Operation> ops;
    private final Object[] observed;
    private final Object[] written;
    private final Map<Object, Extremes> setters = new HashMap<>();

    private RegisterFacts(Model<S> model, List<Operation> ops, Object[] observed, Object[] written) {
        this.model = model;
        this.ops = ops;
        this.observed = observed;
        this.written = written;
        for (int i = 0; i < ops.size(); i++) {
            if (written[i] != null) {
                Operation op = ops.get(i);
                setters.computeIfAbsent(written[i], v -> new Extremes()).add(i, op.callAt(), op.returnAt());
            }
        }
    }

    /** The facts of a partition, or null when the model does not know the effect of one of its ops. */
    static <S> RegisterFacts<S> of(Model<S> model, List<Operation> ops) {
        Object[] observed = new Object[ops.size()];
        Object[] written = new Object[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            RegisterEffect effect = model.registerEffect(ops.get(i));
            if (effect == null) {
                return null;
            }
            if (effect instanceof RegisterEffect.Observes observes) {
                observed[i] = observes.value();
            } else if (effect instanceof RegisterEffect.Sets sets) {
                written[i] = sets.value();
            } else if (effect instanceof RegisterEffect.Swaps swaps) {
                observed[i] = swaps.expected();
                written[i] = swaps.value();
            }
        }
        return new RegisterFacts<>(model, ops, observed, written);
    }

    /**
     * A determinate observer that no linearization can place, with why, or null. The first in call
     * order by either rule:
     *
     * <p><b>Nothing could have written it.</b> Observer o of v, v not the initial state, and every
     * setter of v other than o called after o returned. Proof: the state at o's point is v, not the
     * initial state, so some setter s ≠ o of v comes before o: s.call ≤ point(s) &lt; point(o) &lt;
     * o.return, a contradiction.
     *
     * <p><b>Everything that wrote it was overwritten.</b> Observer o of v, and a determinate setter
     * w that returned before o was called, called after every setter of v other than o returned
     * (so all of them are determinate). Proof: w happens (it is determinate), and point(s) &lt;
     * s.return &lt; w.call ≤ point(w) &lt; w.return &lt; o.call ≤ point(o) for every setter s ≠ o of v.
     * w itself does not set v (it would then have returned before its own call). So the last setter
     * before o is w or one after w, and none of those sets v: the state at o is not v. The initial
     * state counts as set before everything, so it changes nothing here.
     */
    Counterexample refutation() {
        List<Integer> determinateSetters = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (written[i] != null && !ops.get(i).isIndeterminate()) {
                determinateSetters.add(i);
            }
        }
        determinateSetters.sort((a, b) -> Integer.compare(ops.get(a).returnAt(), ops.get(b).returnAt()));
        int count = determinateSetters.size();
        int[] returns = new int[count];
        int[] latestCalled = new int[count];
        for (int k = 0; k < count; k++) {
            int setter = determinateSetters.get(k);
            returns[k] = ops.get(setter).returnAt();
            latestCalled[k] = k > 0 && ops.get(latestCalled[k - 1]).callAt() > ops.get(setter).callAt()
                    ? latestCalled[k - 1] : setter;
        }
        S initial = model.init();
        for (int o = 0; o < ops.size(); o++) {
            Operation observer = ops.get(o);
            if (observed[o] == null || observer.isIndeterminate()) {
                continue;
            }
            Extremes ofValue = setters.getOrDefault(observed[o], Extremes.NONE);
            if (!observed[o].equals(initial) && ofValue.earliestCallExcept(o) > observer.returnAt()) {
                return new Counterexample(observer, model.describeState(initial), concurrentWith(observer), List.of());
            }
            // the determinate setters that returned before o was called: the one called last
            int before = Arrays.binarySearch(returns, observer.callAt());
            before = before >= 0 ? before : -before - 1;
            if (before > 0) {
                int w = latestCalled[before - 1];
                if (ops.get(w).callAt() > ofValue.latestReturnExcept(o)) {
                    return overwritten(o, w, ofValue.latestReturnedExcept(o));
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Counterexample overwritten(int observer, int overwriter, int lastWriter) {
        List<Counterexample.Step> proof = new ArrayList<>(2);
        if (lastWriter >= 0) {
            proof.add(new Counterexample.Step(ops.get(lastWriter), model.describeState((S) written[lastWriter])));
        }
        String after = model.describeState((S) written[overwriter]);
        proof.add(new Counterexample.Step(ops.get(overwriter), after));
        return new Counterexample(ops.get(observer), after, concurrentWith(ops.get(observer)), proof);
    }

    private List<Operation> concurrentWith(Operation op) {
        List<Operation> concurrent = new ArrayList<>();
        for (Operation other : ops) {
            if (other != op && other.callAt() < op.returnAt() && other.returnAt() > op.callAt()) {
                concurrent.add(other);
            }
        }
        return concurrent;
    }

    /**
     * The partition with fewer choices left to the search, and the same verdict:
     *
     * <p><b>Unobserved indeterminate setters are left out.</b> An indeterminate setter x of v such that
     * every observer of v other than x (indeterminate ones included) returned before x was called.
     * Proof: take a linearization with x in it. The ops after x up to the next setter are at points
     * after x.call, so none of them observes v, yet the state there is v: they observe nothing. The next
     * setter observes nothing either (a cas after x would observe v), so it is a write. Taking x out
     * leaves every other op's state as it was, and breaks no real-time order. The other way round is
     * plain: x may never happen.
     *
     * <p><b>A value's only setter comes before its observers.</b> When x is the only setter of v (of the
     * ops left) and v is not the initial state, every linearization has x before each observer o ≠ x
     * of v (the state at o is v, and only x sets it). If o is determinate it happens, so x happens too,
     * before o.return: x gets that return as its own (the earliest over such o), which makes an
     * indeterminate x determinate. Adding a constraint every linearization already meets keeps the
     * verdict. When the search is stuck at such a deadline, the observer is the op to blame.
     */
    WglSearch.Input reduced() {
        Map<Object, Extremes> observers = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (observed[i] != null) {
                Operation op = ops.get(i);
                observers.computeIfAbsent(observed[i], v -> new Extremes()).add(i, op.callAt(), op.returnAt());
            }
        }
        boolean[] dropped = new boolean[ops.size()];
        Map<Object, Integer> settersLeft = new HashMap<>();
        for (int x = 0; x < ops.size(); x++) {
            if (written[x] == null) {
                continue;
            }
            Extremes watching = observers.getOrDefault(written[x], Extremes.NONE);
            dropped[x] = ops.get(x).isIndeterminate() && watching.latestReturnExcept(x) < ops.get(x).callAt();
            if (!dropped[x]) {
                settersLeft.merge(written[x], 1, Integer::sum);
            }
        }
        S initial = model.init();
        List<Operation> kept = new ArrayList<>(ops.size());
        int[] deadlines = new int[ops.size()];
        Operation[] blame = new Operation[ops.size()];
        for (int x = 0; x < ops.size(); x++) {
            if (dropped[x]) {
                continue;
            }
            Operation op = ops.get(x);
            int k = kept.size();
            kept.add(op);
            deadlines[k] = op.returnAt();
            blame[k] = op;
            if (written[x] != null && settersLeft.get(written[x]) == 1 && !written[x].equals(initial)) {
                Extremes watching = observers.getOrDefault(written[x], Extremes.NONE);
                int firstObserver = watching.earliestDeterminateReturnedExcept(x);
                if (firstObserver >= 0 && ops.get(firstObserver).returnAt() < deadlines[k]) {
                    deadlines[k] = ops.get(firstObserver).returnAt();
                    blame[k] = ops.get(firstObserver);
                }
            }
        }
        return new WglSearch.Input(kept, Arrays.copyOf(deadlines, kept.size()), Arrays.copyOf(blame, kept.size()),
                numbered(dropped, initial));
    }

    /** The values of the kept ops as numbers, for the search's stranding test. */
    private WglSearch.Values numbered(boolean[] dropped, S initial) {
        Map<Object, Integer> numbers = new HashMap<>();
        numbers.put(initial, 0);
        int kept = 0;
        for (boolean out : dropped) {
            kept += out ? 0 : 1;
        }
        int[] sets = new int[kept];
        int[] observes = new int[kept];
        int k = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (!dropped[i]) {
                sets[k] = written[i] == null ? -1 : numbers.computeIfAbsent(written[i], v -> numbers.size());
                observes[k] = observed[i] == null ? -1 : numbers.computeIfAbsent(observed[i], v -> numbers.size());
                k++;
            }
        }
        return new WglSearch.Values(sets, observes, 0, numbers.size());
    }

    /**
     * The earliest call, the latest return and the earliest determinate return among a value's
     * setters or observers, each with a runner-up, so that any one op can be left out.
     */
    private static final class Extremes {
        static final Extremes NONE = new Extremes();

        private final TopTwo earliestCall = new TopTwo();
        private final TopTwo latestReturn = new TopTwo();
        private final TopTwo earliestDeterminateReturn = new TopTwo();

        void add(int op, int callAt, int returnAt) {
            earliestCall.offer(op, -(long) callAt);
            latestReturn.offer(op, returnAt);
            if (returnAt != NEVER) {
                earliestDeterminateReturn.offer(op, -(long) returnAt);
            }
        }

        int earliestCallExcept(int op) {
            return earliestCall.holds(op) ? (int) -earliestCall.scoreExcept(op) : NEVER;
        }

        int latestReturnExcept(int op) {
            return latestReturn.holds(op) ? (int) latestReturn.scoreExcept(op) : Integer.MIN_VALUE;
        }

        int latestReturnedExcept(int op) {
            return latestReturn.opExcept(op);
        }

        int earliestDeterminateReturnedExcept(int op) {
            return earliestDeterminateReturn.opExcept(op);
        }
    }

    /** The two ops of highest score offered. */
    private static final class TopTwo {
        private final int[] ops = {-1, -1};
        private final long[] scores = new long[2];

        void offer(int op, long score) {
            if (ops[0] < 0 || score > scores[0]) {
                ops[1] = ops[0];
                scores[1] = scores[0];
                ops[0] = op;
                scores[0] = score;
            } else if (ops[1] < 0 || score > scores[1]) {
                ops[1] = op;
                scores[1] = score;
            }
        }

        /** Whether an op other than {@code op} was offered. */
        boolean holds(int op) {
            return opExcept(op) >= 0;
        }

        /** The best op other than {@code op}, or -1. */
        int opExcept(int op) {
            return ops[ops[0] == op ? 1 : 0];
        }

        long scoreExcept(int op) {
            return scores[ops[0] == op ? 1 : 0];
        }
    }
}
