package dev.faultline.checker;

import dev.faultline.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The search of one partition, helped by idle threads once it runs long.
 *
 * <p>The partition's own search goes on exactly as it would alone; the helpers search the same
 * partition in other orders ({@link WglSearch.Order}), each with its own memo. A helper that
 * linearizes the partition proves it linearizable, and the partition's search stops with that
 * verdict, which has no counterexample. Any other answer of a helper is dropped: a verdict of not
 * linearizable is the partition's own search's to give, so its counterexample is the one a search
 * alone reports, whatever the threads did. (A split of one search over a shared memo would prove it
 * sooner but make the counterexample, the deepest dead end met, depend on which thread got where
 * first.)
 *
 * <p>Helpers take only threads no partition uses, and together at most half the memo memory; when
 * the partition's own search needs more, the helpers are stopped and give theirs back.
 */
final class HelpedSearch<S> implements Spending {

    // the first helper differs the most: on two cores it is the only one
    private static final List<WglSearch.Order> HELPER_ORDERS = List.of(
            new WglSearch.Order(true, true), new WglSearch.Order(true, false), new WglSearch.Order(false, true));
    private static final double HELPERS_MEMORY_SHARE = 0.5;

    private final Model<S> model;
    private final WglSearch.Input input;
    private final Object key;
    private final SearchBudget budget;
    private final List<Thread> helpers = new ArrayList<>();
    private volatile boolean linearized;
    private volatile boolean helpersStopped;

    private HelpedSearch(Model<S> model, WglSearch.Input input, Object key, SearchBudget budget) {
        this.model = model;
        this.input = input;
        this.key = key;
        this.budget = budget;
    }

    static <S> PartitionResult run(Model<S> model, WglSearch.Input input, Object key, SearchBudget budget) {
        HelpedSearch<S> search = new HelpedSearch<>(model, input, key, budget);
        budget.takeThread();
        try {
            return new WglSearch<>(model, input).run(key, search);
        } finally {
            search.stopHelpers();
            budget.giveBackThreads(1);
        }
    }

    @Override
    public boolean stopped() {
        return budget.stopped();
    }

    @Override
    public boolean pastDeadline() {
        return budget.pastDeadline();
    }

    @Override
    public boolean charge(long bytes) {
        if (budget.charge(bytes)) {
            return true;
        }
        stopHelpers();
        return budget.within(1);
    }

    @Override
    public void release(long bytes) {
        budget.release(bytes);
    }

    @Override
    public boolean linearizedElsewhere(long steps) {
        if (helpers.isEmpty() && !helpersStopped && steps >= budget.helpAfterSteps()) {
            startHelpers();
        }
        return linearized;
    }

    private void startHelpers() {
        int count = budget.takeIdleThreads(HELPER_ORDERS.size());
        for (int i = 0; i < count; i++) {
            WglSearch.Order order = HELPER_ORDERS.get(i);
            Thread helper = new Thread(() -> help(order), "faultline-search-helper-" + i);
            helper.setDaemon(true);
            helpers.add(helper);
            helper.start();
        }
    }

    private void help(WglSearch.Order order) {
        try {
            PartitionResult result = new WglSearch<>(model, input, order).run(key, new Helper());
            if (result.verdict() == Verdict.LINEARIZABLE) {
                linearized = true;
            }
        } finally {
            budget.giveBackThreads(1);
        }
    }

    /** Stops the helpers and waits until they gave back their memory. */
    private void stopHelpers() {
        helpersStopped = true;
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A helper's spending: it stops with the partition's search, and within its share of memory. */
    private final class Helper implements Spending {

        @Override
        public boolean stopped() {
            return helpersStopped || linearized || budget.stopped();
        }

        @Override
        public boolean pastDeadline() {
            return budget.pastDeadline();
        }

        @Override
        public boolean charge(long bytes) {
            return budget.charge(bytes) && budget.within(HELPERS_MEMORY_SHARE);
        }

        @Override
        public void release(long bytes) {
            budget.release(bytes);
        }
    }
}
