package dev.faultline.run;

import dev.faultline.checker.Budget;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.model.Model;
import dev.faultline.model.RegisterModel;

import java.time.Duration;

/**
 * What checks a test's history: every built-in checker, and linearizability against a sequential model of the
 * test's own (a {@link Model}: its initial state, how each op steps it, and how to tell its states and ops),
 * such as an account balance. A check is made once the test knows how many clients it runs.
 */
@FunctionalInterface
public interface Checks {

    /** The checker for a run of {@code clients} clients. */
    Checker checker(int clients);

    /** Linearizable against {@code model}: some order of the ops, each taking effect between its call and return, is legal. */
    static Checks linearizable(Model<?> model) {
        return clients -> Checkers.linearizability(model, Budget.defaults());
    }

    /**
     * As {@link #linearizable(Model)}, searching for at most {@code timeLimit} per history instead of a minute: many
     * indeterminate ops on one key (contended lightweight transactions) can leave the search undecided.
     */
    static Checks linearizable(Model<?> model, Duration timeLimit) {
        if (timeLimit == null || timeLimit.isZero() || timeLimit.isNegative()) {
            throw new IllegalArgumentException("the linearizability search's time limit is " + timeLimit + "; allowed: more than 0");
        }
        return clients -> Checkers.linearizability(model, Budget.defaults().withTimeLimit(timeLimit));
    }

    /** Linearizable registers on independent keys: reads, writes and compare-and-sets ({@code cas} of {@code [expected, new]}). */
    static Checks linearizableRegisters() {
        return linearizable(RegisterModel.casRegister());
    }

    /** Read-your-writes and monotonic reads per client, for registers whose writes carry unique values. */
    static Checks sessionGuarantees() {
        return Checkers::sessionGuarantees;
    }

    /** Every acknowledged {@code add} of a unique element is in the set's final {@code read}. */
    static Checks noLostAddsToSet() {
        return clients -> Checkers.lostWritesOfSet();
    }

    /** Each writer's acknowledged {@code append}s, numbered, are all in its final {@code read-all}, once each. */
    static Checks noLostAppends() {
        return clients -> Checkers.lostWritesOfSequences();
    }

    /** Each counter's final {@code read} lies between its acknowledged {@code add}s and those plus the indeterminate ones. */
    static Checks counter() {
        return clients -> Checkers.counter();
    }

    /** Any checker of the test's own. */
    static Checks of(Checker checker) {
        return clients -> checker;
    }
}
