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
    // Values as numbers, 0 being the initial state: the value each op observes and sets, -1 for none.
    private final int[] observes;
    private final int[] sets;
    private final Object[] values;
    // The setters of each value, the initial state's first: it is set by a write acknowledged before
    // anything else happened, numbered past the last op.
    private final Extremes[] setters;
    private final int initialWrite;
    // The latest return of an op that requires the state not to be some value, MIN_VALUE for none.
    private final int latestObservingOther;

    private RegisterFacts(Model<S> model, List<Operation> ops, int[] observes, int[] sets, Object[] values,
            int latestObservingOther) {
        this.model = model;
        this.ops = ops;
        this.observes = observes;
        this.sets = sets;
        this.values = values;
        this.latestObservingOther = latestObservingOther;
        this.initialWrite = ops.size();
        this.setters = extremes(sets, true);
    }

    /**
     * The facts of a partition, or null when the model does not know the effect of one of its ops or
     * one of them appends (the state is then more than the last value set).
     */
    static <S> RegisterFacts<S> of(Model<S> model, List<Operation> ops) {
        int[] observes = new int[ops.size()];
        int[] sets = new int[ops.size()];
        int latestObservingOther = Integer.MIN_VALUE;
        Map<Object, Integer> numbers = new HashMap<>();
        numbers.put(model.init(), 0);
        for (int i = 0; i < ops.size(); i++) {
            RegisterEffect effect = model.registerEffect(ops.get(i));
            Object observed = null;
            Object written = null;
            if (effect instanceof RegisterEffect.Observes o) {
                observed = o.value();
            } else if (effect instanceof RegisterEffect.Sets w) {
                written = w.value();
            } else if (effect instanceof RegisterEffect.Swaps c) {
                observed = c.expected();
                written = c.value();
            } else if (effect instanceof RegisterEffect.ObservesOther) {
                // it sets nothing and observes no one value: the refutations may leave it out
                latestObservingOther = Math.max(latestObservingOther, ops.get(i).returnAt());
            } else if (!(effect instanceof RegisterEffect.Unconstrained)) {
                return null;
            }
            observes[i] = observed == null ? -1 : numbers.computeIfAbsent(observed, v -> numbers.size());
            sets[i] = written == null ? -1 : numbers.computeIfAbsent(written, v -> numbers.size());
        }
        Object[] values = new Object[numbers.size()];
        numbers.forEach((value, number) -> values[number] = value);
        return new RegisterFacts<>(model, ops, observes, sets, values, latestObservingOther);
    }

    /**
     * Per value, the extremes of the ops that have it in {@code valueOf}, and with {@code initialWrite}
     * the write of the initial state: called and returned before the first event (at -1).
     */
    private Extremes[] extremes(int[] valueOf, boolean initialWrite) {
        Extremes[] byValue = new Extremes[values.length];
        if (initialWrite) {
            byValue[0] = new Extremes();
            byValue[0].add(this.initialWrite, -1, -1);
        }
        for (int i = 0; i < ops.size(); i++) {
            if (valueOf[i] >= 0) {
                if (byValue[valueOf[i]] == null) {
                    byValue[valueOf[i]] = new Extremes();
                }
                byValue[valueOf[i]].add(i, ops.get(i).callAt(), ops.get(i).returnAt());
            }
        }
        for (int v = 0; v < byValue.length; v++) {
            byValue[v] = byValue[v] == null ? Extremes.NONE : byValue[v];
        }
        return byValue;
    }

    /**
     * A determinate observer that no linearization can place, with why, or null. The first in call
     * order by either rule:
     *
     * <p>The initial state is set by a write like any other, one acknowledged before the first event
     * (called and returned at -1), so a read of it (nil for a register never written) is refuted by the
     * same rules as a read of any value. Ops that only require the state not to be some value (a
     * failed cas that ran) are left out: a refutation of the ops without them refutes them too.
     *
     * <p><b>Nothing could have written it.</b> Observer o of v, and every setter of v other than o
     * called after o returned. Proof: the state at o's point is v, so some setter s ≠ o of v (the
     * initial write included) comes before o: s.call ≤ point(s) &lt; point(o) &lt; o.return, a
     * contradiction.
     *
     * <p><b>Everything that wrote it was overwritten.</b> Observer o of v, and a determinate setter
     * w that returned before o was called, called after every setter of v other than o returned
     * (so all of them are determinate). Proof: w happens (it is determinate), and point(s) &lt;
     * s.return &lt; w.call ≤ point(w) &lt; w.return &lt; o.call ≤ point(o) for every setter s ≠ o of v.
     * w itself does not set v (it would then have returned before its own call). So the last setter
     * before o is w or one after w, and none of those sets v: the state at o is not v.
     */
    Counterexample refutation() {
        // the determinate setters by return, each with the latest-called setter returned by then
        long[] byReturn = new long[ops.size()];
        int count = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (sets[i] >= 0 && !ops.get(i).isIndeterminate()) {
                byReturn[count++] = ((long) ops.get(i).returnAt() << 32) | i;
            }
        }
        Arrays.sort(byReturn, 0, count);
        int[] returns = new int[count];
        int[] latestCalled = new int[count];
        for (int k = 0; k < count; k++) {
            int setter = (int) byReturn[k];
            returns[k] = ops.get(setter).returnAt();
            latestCalled[k] = k > 0 && ops.get(latestCalled[k - 1]).callAt() > ops.get(setter).callAt()
                    ? latestCalled[k - 1] : setter;
        }
        for (int o = 0; o < ops.size(); o++) {
            Operation observer = ops.get(o);
            if (observes[o] < 0 || observer.isIndeterminate()) {
                continue;
            }
            Extremes ofValue = setters[observes[o]];
            if (ofValue.earliestCallExcept(o) > observer.returnAt()) {
                return new Counterexample(observer, model.describeState(model.init()),
                        Counterexample.concurrentWith(observer, ops), List.of());
            }
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
        // the initial write is no op of the history: the first step of the proof overwrote it
        if (lastWriter >= 0 && lastWriter != initialWrite) {
            proof.add(new Counterexample.Step(ops.get(lastWriter), model.describeState((S) values[sets[lastWriter]])));
        }
        String after = model.describeState((S) values[sets[overwriter]]);
        proof.add(new Counterexample.Step(ops.get(overwriter), after));
        return new Counterexample(ops.get(observer), after, Counterexample.concurrentWith(ops.get(observer), ops),
                proof);
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
     *
     * <p>An op that requires the state not to be some value (a failed cas that ran) may be among the
     * ops after x, and taking x out could give it the very value it requires not to see: an
     * indeterminate setter is left out only when every such op returned before it was called.
     */
    WglSearch.Input reduced() {
        Extremes[] observers = extremes(observes, false);
        boolean[] dropped = new boolean[ops.size()];
        int[] settersLeft = new int[values.length];
        int kept = 0;
        for (int x = 0; x < ops.size(); x++) {
            dropped[x] = sets[x] >= 0 && ops.get(x).isIndeterminate()
                    && observers[sets[x]].latestReturnExcept(x) < ops.get(x).callAt()
                    && latestObservingOther < ops.get(x).callAt();
            if (!dropped[x]) {
                kept++;
                if (sets[x] >= 0) {
                    settersLeft[sets[x]]++;
                }
            }
        }
        List<Operation> keptOps = new ArrayList<>(kept);
        int[] deadlines = new int[kept];
        Operation[] blame = new Operation[kept];
        int[] keptSets = new int[kept];
        int[] keptObserves = new int[kept];
        for (int x = 0; x < ops.size(); x++) {
            if (dropped[x]) {
                continue;
            }
            Operation op = ops.get(x);
            int k = keptOps.size();
            keptOps.add(op);
            deadlines[k] = op.returnAt();
            blame[k] = op;
            keptSets[k] = sets[x];
            keptObserves[k] = observes[x];
            if (sets[x] > 0 && settersLeft[sets[x]] == 1) {
                int firstObserver = observers[sets[x]].earliestDeterminateReturnedExcept(x);
                if (firstObserver >= 0 && ops.get(firstObserver).returnAt() < deadlines[k]) {
                    deadlines[k] = ops.get(firstObserver).returnAt();
                    blame[k] = ops.get(firstObserver);
                }
            }
        }
        return new WglSearch.Input(keptOps, deadlines, blame, new WglSearch.Values(keptSets, keptObserves, 0, values.length));
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
