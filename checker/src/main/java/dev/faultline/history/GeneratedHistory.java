package dev.faultline.history;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded histories of a key-value store of registers that is linearizable by construction: every op
 * takes effect at one instant between its invoke and its completion, and reads return what the
 * store held then. For benchmarks and tests of the checker at scale.
 *
 * <p>Ops are reads, writes (of unique values) and cas; a share of them times out (info), having
 * taken effect or not. An impossible read, when asked for, returns the value its key held before a
 * write that completed before the read began, where that value's own write had completed before the
 * overwriting write began; or, when the first eligible read has no such value or nil is asked for,
 * nil, which a write completed before the read began had replaced. No order consistent with real time
 * explains it.
 */
public final class GeneratedHistory {

    private final SplittableRandom random;
    private final int ops;
    private final int keys;
    private final int processes;
    private final GeneratedTimes times;

    private final long[] argument;
    private final long[] result;
    private final boolean[] succeeded;

    private static final byte READ = 0;
    private static final byte WRITE = 1;
    private static final byte CAS = 2;
    private static final long NIL = Long.MIN_VALUE;

    /**
     * Where an impossible read goes, if anywhere: after the first 2 % of ops, or after 90 %, or a read of
     * nil (the initial value) after half of them.
     */
    public enum ImpossibleRead {
        NONE(-1, false), EARLY(0.02, false), LATE(0.9, false), NIL(0.5, true);

        private final double after;
        private final boolean nil;

        ImpossibleRead(double after, boolean nil) {
            this.after = after;
            this.nil = nil;
        }

        /** The share of ops after which the impossible read goes; negative for none. */
        double after() {
            return after;
        }

        /** Whether it returns the initial value. */
        boolean nil() {
            return nil;
        }
    }

    private GeneratedHistory(long seed, int ops, int keys, int processes, double infoShare) {
        this.random = new SplittableRandom(seed);
        this.times = new GeneratedTimes(random, ops, keys, processes, infoShare, dice -> dice < 5 ? READ : dice < 9 ? WRITE : CAS);
        this.ops = ops;
        this.keys = keys;
        this.processes = processes;
        argument = new long[ops];
        result = new long[ops];
        succeeded = new boolean[ops];
    }

    /**
     * A linearizable history with one op in a thousand timing out; with {@code staleRead}, one that is
     * not (one impossible read in the second half).
     */
    public static History kvRegisters(long seed, int ops, int keys, int processes, boolean staleRead) {
        return generate(seed, ops, keys, processes, 0.001, staleRead ? 0.5 : -1, false);
    }

    /**
     * One register hammered by many processes while a share of ops time out: Jepsen's histories of a
     * hot key under partitions, where every indeterminate write may take effect at any later time.
     *
     * @param infoShare the share of ops that time out (info), e.g. 0.2
     */
    public static History singleRegister(long seed, int ops, int processes, double infoShare, ImpossibleRead read) {
        return generate(seed, ops, 1, processes, infoShare, read.after(), read.nil());
    }

    private static History generate(long seed, int ops, int keys, int processes, double infoShare, double readAfter,
            boolean nil) {
        GeneratedHistory generated = new GeneratedHistory(seed, ops, keys, processes, infoShare);
        generated.takeEffect(readAfter, nil);
        return generated.events();
    }

    /**
     * Applies the ops in the order they take effect, to learn what each one returned; the first read
     * past {@code readAfter} of the ops (none if negative) that can be made impossible is, returning
     * nil when asked to.
     */
    private void takeEffect(double readAfter, boolean nil) {
        int idBits = 64 - Long.numberOfLeadingZeros(ops);
        long[] order = new long[ops];
        for (int op = 0; op < ops; op++) {
            order[op] = (times.effectAt[op] << idBits) | op;
        }
        Arrays.sort(order);
        long[] value = new long[keys];
        long[] previous = new long[keys];
        Arrays.fill(value, NIL);
        Arrays.fill(previous, NIL);
        // per key: when the current value's write completed (MIN for nil, MAX if it timed out), and
        // whether the previous value is provably gone (its write completed before this one began)
        long[] writeCompleted = new long[keys];
        boolean[] previousGone = new boolean[keys];
        Arrays.fill(writeCompleted, Long.MIN_VALUE);
        long[] firstWriteCompleted = new long[keys];
        Arrays.fill(firstWriteCompleted, Long.MAX_VALUE);
        boolean impossibleReadPlaced = readAfter < 0;
        for (long packed : order) {
            int op = (int) (packed & ((1L << idBits) - 1));
            int k = times.key[op];
            boolean takesEffect = !times.timedOut[op] || random.nextBoolean();
            switch (times.kind[op]) {
                case READ -> {
                    result[op] = value[k];
                    if (!impossibleReadPlaced && op >= readAfter * ops && !times.timedOut[op]) {
                        if (!nil && previousGone[k] && writeCompleted[k] < times.invokedAt[op]) {
                            result[op] = previous[k];
                            impossibleReadPlaced = true;
                        } else if (value[k] != NIL && firstWriteCompleted[k] < times.invokedAt[op]) {
                            result[op] = NIL;
                            impossibleReadPlaced = true;
                        }
                    }
                }
                case WRITE -> {
                    argument[op] = op;
                    if (takesEffect) {
                        overwrite(k, op, value, previous, writeCompleted, previousGone);
                        firstWriteCompleted[k] = Math.min(firstWriteCompleted[k], times.timedOut[op] ? Long.MAX_VALUE : times.completedAt[op]);
                    }
                }
                default -> {
                    // usually expects the current value, so most cas succeed
                    argument[op] = random.nextInt(4) == 0 || value[k] == NIL ? ops + random.nextInt(3) : value[k];
                    result[op] = op;
                    succeeded[op] = argument[op] == value[k];
                    if (succeeded[op] && takesEffect) {
                        overwrite(k, op, value, previous, writeCompleted, previousGone);
                        firstWriteCompleted[k] = Math.min(firstWriteCompleted[k], times.timedOut[op] ? Long.MAX_VALUE : times.completedAt[op]);
                    }
                }
            }
        }
    }

    private void overwrite(int k, int op, long[] value, long[] previous, long[] writeCompleted, boolean[] previousGone) {
        previous[k] = value[k];
        value[k] = op;
        previousGone[k] = writeCompleted[k] < times.invokedAt[op];
        // a write that timed out may not have happened: a read of the value before it is not stale
        writeCompleted[k] = times.timedOut[op] ? Long.MAX_VALUE : times.completedAt[op];
    }

    /** Merges the invokes and completions of all processes into one list by time. */
    private History events() {
        String[] keyNames = new String[keys];
        for (int k = 0; k < keys; k++) {
            keyNames[k] = "k" + k;
        }
        Process[] clients = new Process[processes];
        for (int p = 0; p < processes; p++) {
            clients[p] = Process.client(p);
        }
        return times.events((op, completion, index) -> completion ? complete(op, index, clients, keyNames)
                : invoke(op, index, clients, keyNames));
    }

    private Op invoke(int op, int index, Process[] clients, String[] keyNames) {
        Object value = switch (times.kind[op]) {
            case READ -> null;
            case WRITE -> argument[op];
            default -> List.of(argument[op], result[op]);
        };
        return new Op(index, clients[times.process[op]], OpType.INVOKE, f(op), keyNames[times.key[op]], value, times.invokedAt[op]);
    }

    private Op complete(int op, int index, Process[] clients, String[] keyNames) {
        Object value = switch (times.kind[op]) {
            case READ -> result[op] == NIL ? null : result[op];
            case WRITE -> argument[op];
            default -> List.of(argument[op], result[op]);
        };
        OpType type = times.kind[op] == CAS && !succeeded[op] ? OpType.FAIL : OpType.OK;
        return new Op(index, clients[times.process[op]], type, f(op), keyNames[times.key[op]], value, times.completedAt[op]);
    }

    private String f(int op) {
        return switch (times.kind[op]) {
            case READ -> "read";
            case WRITE -> "write";
            default -> "cas";
        };
    }
}
