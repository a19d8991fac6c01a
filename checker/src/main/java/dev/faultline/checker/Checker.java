package dev.faultline.checker;

import dev.faultline.history.History;

/**
 * A pure check of a whole history, named so that a run's results and analysis.json can say which
 * checker concluded what. A workload declares the checkers its histories need; {@link Checkers}
 * makes them and reads their results back.
 */
public interface Checker {

    /** The name its results carry, such as {@code linearizability}. */
    String name();

    CheckerResult check(History history);
}
