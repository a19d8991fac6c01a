package dev.faultline.checker;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The oracle the properties hold the checkers to: every order of a history's ops that respects real time, and
 * every choice of which indeterminate ops took effect, tried one by one. A failed op took no effect; an op that
 * completed ok is stepped as its completion names it.
 */
final class BruteForce {

    /** One op as the oracle sees it: what it asked, what it returned if it completed ok, and when (event indexes). */
    record Call(String f, String key, Object value, boolean required, int invokedAt, int returnedAt) {
    }

    private BruteForce() {
    }

    /** @param step the model's state after {@code call}, or null where the call cannot take effect in that state */
    static <S> boolean linearizable(List<Op> events, S initial, BiFunction<S, Call, S> step) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Op invoke = events.get(i);
            if (invoke.type() != OpType.INVOKE) {
                continue;
            }
            Op completion = null;
            int returnedAt = Integer.MAX_VALUE;
            for (int j = i + 1; j < events.size(); j++) {
                if (events.get(j).process().equals(invoke.process())) {
                    completion = events.get(j);
                    returnedAt = j;
                    break;
                }
            }
            if (completion != null && completion.type() == OpType.FAIL) {
                continue;
            }
            boolean required = completion != null && completion.type() == OpType.OK;
            Object value = required ? completion.value() : invoke.value();
            // a completion may refine the function: Porcupine's failed cas ran, as a cas-fail
            String f = required ? completion.f() : invoke.f();
            calls.add(new Call(f, (String) invoke.key(), value, required, i, required ? returnedAt : Integer.MAX_VALUE));
        }
        return search(calls, new boolean[calls.size()], initial, step);
    }

    private static <S> boolean search(List<Call> calls, boolean[] done, S state, BiFunction<S, Call, S> step) {
        boolean allRequiredDone = true;
        for (int i = 0; i < calls.size(); i++) {
            allRequiredDone &= done[i] || !calls.get(i).required();
        }
        if (allRequiredDone) {
            return true;
        }
        for (int i = 0; i < calls.size(); i++) {
            if (done[i] || !mayGoNext(calls, done, i)) {
                continue;
            }
            S after = step.apply(state, calls.get(i));
            if (after != null) {
                done[i] = true;
                boolean found = search(calls, done, after, step);
                done[i] = false;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No op still to be placed returned before this one was invoked. */
    private static boolean mayGoNext(List<Call> calls, boolean[] done, int candidate) {
        for (int j = 0; j < calls.size(); j++) {
            if (!done[j] && j != candidate && calls.get(j).returnedAt() < calls.get(candidate).invokedAt()) {
                return false;
            }
        }
        return true;
    }
}
