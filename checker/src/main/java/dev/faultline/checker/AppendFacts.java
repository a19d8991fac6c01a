package dev.faultline.checker;

import dev.faultline.history.Operation;
import dev.faultline.model.Model;
import dev.faultline.model.RegisterEffect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What can be concluded without searching about a partition of a string value that ops append to,
 * besides reading, setting and swapping it (Porcupine's kv): a refutation, and a reduction that keeps
 * the verdict. The search cannot merge the orders of appends (the state spells the order), so every
 * op left out halves what it may have to try.
 *
 * <p>An <em>observer</em> requires the state to equal a string: a read of it, or a cas from it (an
 * indeterminate cas too: it may happen). A <em>setter</em> sets the state whatever it was: a write,
 * a cas. An append adds its suffix at the end.
 *
 * <p><b>An indeterminate append x of s is left out</b> when no observer that returns after x's call
 * observes a string containing s. Proof: take a linearization with x. From x to the next setter (or
 * the end) only appends happen, so the state there contains s. Every op at a point after x's call
 * returns after it, so no observer is there: the ops there are appends, and nothing observes the
 * states they make. Taking x out changes only those states, and breaks no real-time order; the
 * setter after them makes the same state as before. The other way round is plain: x may never happen.
 *
 * <p><b>An indeterminate setter x of s is left out</b> when no such observer observes a string
 * starting with s: from x to the next setter the state starts with s, and the same proof holds.
 *
 * <p>Each rule looks only at observers, and none is left out, so all ops they allow can go at once.
 */
final class AppendFacts<S> {

    private final Model<S> model;
    private final List<Operation> ops;
    private final RegisterEffect[] effects;

    private AppendFacts(Model<S> model, List<Operation> ops, RegisterEffect[] effects) {
        this.model = model;
        this.ops = ops;
        this.effects = effects;
    }

    /**
     * The facts of a partition, or null when it has no append or an op the rules do not cover (one
     * whose effect the model does not give, a value that is not a string).
     */
    static <S> AppendFacts<S> of(Model<S> model, List<Operation> ops) {
        if (!(model.init() instanceof String)) {
            return null;
        }
        RegisterEffect[] effects = new RegisterEffect[ops.size()];
        boolean appends = false;
        for (int i = 0; i < ops.size(); i++) {
            effects[i] = model.registerEffect(ops.get(i));
            if (!(effects[i] instanceof RegisterEffect.Unconstrained) && observed(effects[i]) == null && set(effects[i]) == null) {
                return null;
            }
            appends |= effects[i] instanceof RegisterEffect.Appends;
        }
        return appends ? new AppendFacts<>(model, ops, effects) : null;
    }

    /**
     * A determinate observer whose string no order could make, or null: the first in call order.
     *
     * <p>Observer o of g. The state at o's point is the value of the last setter before it (or the
     * initial state) followed by the suffixes of the appends after that setter, in order; each of
     * them is at a point before o's, so it was called before o returned, and none is o (o observes
     * before it sets). So g is such a value followed by such suffixes, even when a suffix may be used
     * more than once ({@link SuffixChain}); when it is not, no linearization places o. (The starts
     * and suffixes grow with the observers' returns, so each op is added once.)
     */
    Counterexample refutation() {
        // observers by return, ops by call: the suffixes and starts grow as the returns go on
        Integer[] byReturn = new Integer[ops.size()];
        Integer[] byCall = new Integer[ops.size()];
        Arrays.setAll(byReturn, i -> i);
        Arrays.setAll(byCall, i -> i);
        Arrays.sort(byReturn, Comparator.comparingInt(i -> ops.get(i).returnAt()));
        Arrays.sort(byCall, Comparator.comparingInt(i -> ops.get(i).callAt()));
        SuffixChain chain = new SuffixChain();
        List<String> starts = new ArrayList<>();
        starts.add((String) model.init());
        int called = 0;
        Operation first = null;
        for (int o : byReturn) {
            Operation observer = ops.get(o);
            String seen = observed(effects[o]);
            if (seen == null || observer.isIndeterminate()) {
                continue;
            }
            for (; called < byCall.length && ops.get(byCall[called]).callAt() < observer.returnAt(); called++) {
                // o's own value is a start too, which only ever saves a history from refutation
                RegisterEffect effect = effects[byCall[called]];
                if (effect instanceof RegisterEffect.Appends append) {
                    chain.add(append.suffix());
                } else if (set(effect) != null) {
                    starts.add(set(effect));
                }
            }
            if (!chain.makes(seen, starts) && (first == null || observer.callAt() < first.callAt())) {
                first = observer;
            }
        }
        return first == null ? null
                : new Counterexample(first, model.describeState(model.init()), Counterexample.concurrentWith(first, ops),
                        List.of());
    }

    /** The ops less those left out by the rules above. */
    List<Operation> reduced() {
        List<Operation> kept = new ArrayList<>(ops.size());
        for (int x = 0; x < ops.size(); x++) {
            if (!ops.get(x).isIndeterminate() || set(effects[x]) == null || effects[x] instanceof RegisterEffect.Swaps
                    || observedLater(x)) {
                kept.add(ops.get(x));
            }
        }
        return kept;
    }

    /** Whether an observer returning after x's call sees x's suffix (or, for a setter, its value) in its string. */
    private boolean observedLater(int x) {
        String written = set(effects[x]);
        boolean append = effects[x] instanceof RegisterEffect.Appends;
        for (int o = 0; o < ops.size(); o++) {
            String seen = observed(effects[o]);
            if (seen != null && ops.get(o).returnAt() > ops.get(x).callAt()
                    && (append ? seen.contains(written) : seen.startsWith(written))) {
                return true;
            }
        }
        return false;
    }

    /** The string an op requires, or null. */
    private static String observed(RegisterEffect effect) {
        if (effect instanceof RegisterEffect.Observes o) {
            return o.value() instanceof String s ? s : null;
        }
        if (effect instanceof RegisterEffect.Swaps c) {
            return c.expected() instanceof String s && c.value() instanceof String ? s : null;
        }
        return null;
    }

    /** The string an op sets or appends, or null. */
    private static String set(RegisterEffect effect) {
        if (effect instanceof RegisterEffect.Sets w) {
            return w.value() instanceof String s ? s : null;
        }
        if (effect instanceof RegisterEffect.Appends a) {
            return a.suffix();
        }
        if (effect instanceof RegisterEffect.Swaps c) {
            return c.expected() instanceof String && c.value() instanceof String s ? s : null;
        }
        return null;
    }
}
