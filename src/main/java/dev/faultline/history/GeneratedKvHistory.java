package dev.faultline.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * wrote.
 */
public final class GeneratedKvHistory {

    private static final long MAX_GAP_NS = 20_000;
    private static final long MAX_HALF_LATENCY_NS = 100_000;
    private static final byte GET = 0;
    private static final byte PUT = 1;
    private static final byte APPEND = 2;

    private final SplittableRandom random;
    private final int ops;
    private final int keys;
    private final long[] invokedAt;
    private final long[] effectAt;
    private final long[] completedAt;
    private final int[] process;
    private final int[] key;
    private final byte[] kind;
    private final boolean[] timedOut;
    private final String[] got;

    private GeneratedKvHistory(long seed, int ops, int keys) {
        this.random = new SplittableRandom(seed);
        this.ops = ops;
        this.keys = keys;
        invokedAt = new long[ops];
        effectAt = new long[ops];
        completedAt = new long[ops];
        process = new int[ops];
        key = new int[ops];
        kind = new byte[ops];
        timedOut = new boolean[ops];
        got = new String[ops];
    }

    /**
     * @param infoShare the share of ops that time out (info), e.g. 0.2
     * @param read      where one impossible get goes, if anywhere
     */
    public static History generate(long seed, int ops, int keys, int processes, double infoShare,
            GeneratedHistory.ImpossibleRead read) {
        if (ops < 1 || keys < 1 || processes < 1 || infoShare < 0 || infoShare > 1) {
            throw new IllegalArgumentException("need ops, keys and processes of at least 1 and an info share in [0, 1], got "
                    + ops + " ops, " + keys + " keys, " + processes + " processes, info share " + infoShare);
        }
        GeneratedKvHistory generated = new GeneratedKvHistory(seed, ops, keys);
        generated.schedule(processes, infoShare);
        generated.takeEffect(read.after());
        return generated.events();
    }

    /** Each process runs its ops one after another; ops go round-robin over the processes. */
    private void schedule(int processes, double infoShare) {
        long[] clock = new long[processes];
        for (int op = 0; op < ops; op++) {
            int p = op % processes;
            process[op] = p;
            key[op] = random.nextInt(keys);
            int dice = random.nextInt(10);
            kind[op] = dice < 4 ? GET : dice < 5 ? PUT : APPEND;
            invokedAt[op] = clock[p] + 1 + random.nextLong(MAX_GAP_NS);
            effectAt[op] = invokedAt[op] + 1 + random.nextLong(MAX_HALF_LATENCY_NS);
            completedAt[op] = effectAt[op] + 1 + random.nextLong(MAX_HALF_LATENCY_NS);
            timedOut[op] = random.nextDouble() < infoShare;
            clock[p] = completedAt[op];
        }
    }

    /** Applies the ops in the order they take effect; the first get past {@code readAfter} that can be made impossible is. */
    private void takeEffect(double readAfter) {
        Integer[] order = new Integer[ops];
        Arrays.setAll(order, op -> op);
        Arrays.sort(order, (a, b) -> Long.compare(effectAt[a], effectAt[b]));
        String[] value = new String[keys];
        String[] previous = new String[keys];
        Arrays.fill(value, "");
        // per key: the op that set the value (-1 for none), and whether the value before it is provably gone
        int[] setter = new int[keys];
        Arrays.fill(setter, -1);
        boolean[] previousGone = new boolean[keys];
        boolean placed = readAfter < 0;
        for (int op : order) {
            int k = key[op];
            if (kind[op] == GET) {
                got[op] = value[k];
                if (!placed && op >= readAfter * ops && !timedOut[op]) {
                    boolean stale = previousGone[k] && setter[k] >= 0 && !timedOut[setter[k]]
                            && completedAt[setter[k]] < invokedAt[op];
                    got[op] = stale ? previous[k] : value[k] + token(-1);
                    placed = true;
                }
            } else if (!timedOut[op] || random.nextBoolean()) {
                // the value before is gone for good once this op began after its maker (if any) completed
                previousGone[k] = setter[k] < 0 || !timedOut[setter[k]] && completedAt[setter[k]] < invokedAt[op];
                previous[k] = value[k];
                value[k] = (kind[op] == APPEND ? value[k] : "") + token(op);
                setter[k] = op;
            }
        }
    }

    private static String token(int op) {
        return "[" + op + "]";
    }

    /** Merges the invokes and completions of all processes into one list by time. */
    private History events() {
        int idBits = 64 - Long.numberOfLeadingZeros(2L * ops);
        long[] byTime = new long[2 * ops];
        for (int op = 0; op < ops; op++) {
            byTime[2 * op] = (invokedAt[op] << idBits) | (2L * op);
            byTime[2 * op + 1] = (completedAt[op] << idBits) | (2L * op + 1);
        }
        Arrays.sort(byTime);
        List<Op> events = new ArrayList<>(2 * ops);
        for (long packed : byTime) {
            int event = (int) (packed & ((1L << idBits) - 1));
            int op = event / 2;
            boolean completion = event % 2 == 1;
            if (completion && timedOut[op]) {
                continue;
            }
            String f = kind[op] == GET ? "get" : kind[op] == PUT ? "put" : "append";
            Object value = kind[op] != GET ? token(op) : completion ? got[op] : null;
            events.add(new Op(events.size(), Process.client(process[op]), completion ? OpType.OK : OpType.INVOKE,
                    f, "k" + key[op], value, completion ? completedAt[op] : invokedAt[op]));
        }
        return new History(events);
    }
}
