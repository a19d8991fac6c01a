package dev.faultline.history;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded histories of Porcupine's key-value store (get, put, append on strings), linearizable by
 * construction: every op takes effect at one instant between its invoke and its completion, and a
 * get returns what its key held then. A share of ops time out (info), having taken effect or not.
 * Appends make these hard: the state spells the order the appends took effect in, so no two orders
 * meet again in the search's memo, and a timed-out append may have happened at any later time.
 *
 * <p>Every put and append writes its own token {@code [n]}, so a key's value is a sequence of tokens
 * and its last token names the op that last set it. An impossible get, when asked for, is the first
 * determinate get past a share of the ops. It returns the value its key held before an op W that
 * completed before the get began, where the op X that made that value had completed before W began
 * (or the value is the initial "", which no op makes). No order explains it: X precedes W precedes
 * the get, W ends the value with its own token and only X ends one with X's, so the get's value needs
 * X after W. When its key's last ops do not allow that, it returns its value with a token no op
 * wrote. An impossible get of nil returns "" (the initial value) after an op that completed before
 * it began had put or appended to its key.
 */
public final class GeneratedKvHistory {

    private static final byte GET = 0;
    private static final byte PUT = 1;
    private static final byte APPEND = 2;

    private final SplittableRandom random;
    private final int ops;
    private final int keys;
    private final GeneratedTimes times;
    private final String[] got;

    private GeneratedKvHistory(long seed, int ops, int keys, int processes, double infoShare) {
        this.random = new SplittableRandom(seed);
        this.times = new GeneratedTimes(random, ops, keys, processes, infoShare, dice -> dice < 4 ? GET : dice < 5 ? PUT : APPEND);
        this.ops = ops;
        this.keys = keys;
        got = new String[ops];
    }

    /**
     * @param infoShare the share of ops that time out (info), e.g. 0.2
     * @param read      where one impossible get goes, if anywhere
     */
    public static History generate(long seed, int ops, int keys, int processes, double infoShare,
            GeneratedHistory.ImpossibleRead read) {
        GeneratedKvHistory generated = new GeneratedKvHistory(seed, ops, keys, processes, infoShare);
        generated.takeEffect(read.after(), read.nil());
        return generated.events();
    }

    /**
     * Applies the ops in the order they take effect; the first get past {@code readAfter} that can be
     * made impossible is (with {@code nil}, by returning "").
     */
    private void takeEffect(double readAfter, boolean nil) {
        Integer[] order = new Integer[ops];
        Arrays.setAll(order, op -> op);
        Arrays.sort(order, (a, b) -> Long.compare(times.effectAt[a], times.effectAt[b]));
        String[] value = new String[keys];
        String[] previous = new String[keys];
        Arrays.fill(value, "");
        // per key: the op that set the value (-1 for none), and whether the value before it is provably gone
        int[] setter = new int[keys];
        Arrays.fill(setter, -1);
        boolean[] previousGone = new boolean[keys];
        long[] firstSetCompleted = new long[keys];
        Arrays.fill(firstSetCompleted, Long.MAX_VALUE);
        boolean placed = readAfter < 0;
        for (int op : order) {
            int k = times.key[op];
            if (times.kind[op] == GET) {
                got[op] = value[k];
                if (!placed && nil && op >= readAfter * ops && !times.timedOut[op]
                        && firstSetCompleted[k] < times.invokedAt[op]) {
                    got[op] = "";
                    placed = true;
                } else if (!placed && !nil && op >= readAfter * ops && !times.timedOut[op]) {
                    boolean stale = previousGone[k] && setter[k] >= 0 && !times.timedOut[setter[k]]
                            && times.completedAt[setter[k]] < times.invokedAt[op];
                    got[op] = stale ? previous[k] : value[k] + token(-1);
                    placed = true;
                }
            } else if (!times.timedOut[op] || random.nextBoolean()) {
                // the value before is gone for good once this op began after its maker (if any) completed
                previousGone[k] = setter[k] < 0 || !times.timedOut[setter[k]] && times.completedAt[setter[k]] < times.invokedAt[op];
                previous[k] = value[k];
                value[k] = (times.kind[op] == APPEND ? value[k] : "") + token(op);
                setter[k] = op;
                if (!times.timedOut[op]) {
                    firstSetCompleted[k] = Math.min(firstSetCompleted[k], times.completedAt[op]);
                }
            }
        }
    }

    private static String token(int op) {
        return "[" + op + "]";
    }

    /** Merges the invokes and completions of all processes into one list by time. */
    private History events() {
        return times.events((op, completion, index) -> {
            String f = times.kind[op] == GET ? "get" : times.kind[op] == PUT ? "put" : "append";
            Object value = times.kind[op] != GET ? token(op) : completion ? got[op] : null;
            return new Op(index, Process.client(times.process[op]), completion ? OpType.OK : OpType.INVOKE,
                    f, "k" + times.key[op], value, completion ? times.completedAt[op] : times.invokedAt[op]);
        });
    }
}
