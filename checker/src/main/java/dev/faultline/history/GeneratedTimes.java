package dev.faultline.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * When each op of a generated history is invoked, takes effect and completes, by which process, on which
 * key: each process runs its ops one after another, ops go round-robin over the processes, and every op
 * takes effect at one instant between its invoke and its completion. A share of ops time out (info),
 * having taken effect or not; what each op does and returns is the generator's own.
 */
final class GeneratedTimes {

    private static final long MAX_GAP_NS = 20_000;
    private static final long MAX_HALF_LATENCY_NS = 100_000;

    /** One op's invoke or completion as the history records it, at index {@code index}. */
    @FunctionalInterface
    interface Event {
        Op of(int op, boolean completion, int index);
    }

    final int ops;
    final long[] invokedAt;
    final long[] effectAt;
    final long[] completedAt;
    final int[] process;
    final int[] key;
    final byte[] kind;
    final boolean[] timedOut;

    /** @param kindOf an op's kind from the roll of a ten-sided die (0 … 9) */
    GeneratedTimes(SplittableRandom random, int ops, int keys, int processes, double infoShare, IntUnaryOperator kindOf) {
        if (ops < 1 || keys < 1 || processes < 1 || infoShare < 0 || infoShare > 1) {
            throw new IllegalArgumentException("need ops, keys and processes of at least 1 and an info share in [0, 1], got "
                    + ops + " ops, " + keys + " keys, " + processes + " processes, info share " + infoShare);
        }
        this.ops = ops;
        invokedAt = new long[ops];
        effectAt = new long[ops];
        completedAt = new long[ops];
        process = new int[ops];
        key = new int[ops];
        kind = new byte[ops];
        timedOut = new boolean[ops];
        long[] clock = new long[processes];
        for (int op = 0; op < ops; op++) {
            int p = op % processes;
            process[op] = p;
            key[op] = random.nextInt(keys);
            kind[op] = (byte) kindOf.applyAsInt(random.nextInt(10));
            invokedAt[op] = clock[p] + 1 + random.nextLong(MAX_GAP_NS);
            effectAt[op] = invokedAt[op] + 1 + random.nextLong(MAX_HALF_LATENCY_NS);
            completedAt[op] = effectAt[op] + 1 + random.nextLong(MAX_HALF_LATENCY_NS);
            timedOut[op] = random.nextDouble() < infoShare;
            clock[p] = completedAt[op];
        }
        long end = Arrays.stream(clock).max().orElse(0);
        if (Long.numberOfLeadingZeros(end) <= 64 - Long.numberOfLeadingZeros(2L * ops)) {
            throw new IllegalArgumentException("too many ops per process to order by time: " + ops + " over " + processes);
        }
    }

    /** The ops' invokes and completions merged into one history by time; a timed-out op has no completion. */
    History events(Event event) {
        int idBits = 64 - Long.numberOfLeadingZeros(2L * ops);
        long[] byTime = new long[2 * ops];
        for (int op = 0; op < ops; op++) {
            byTime[2 * op] = (invokedAt[op] << idBits) | (2L * op);
            byTime[2 * op + 1] = (completedAt[op] << idBits) | (2L * op + 1);
        }
        Arrays.sort(byTime);
        List<Op> events = new ArrayList<>(2 * ops);
        for (long packed : byTime) {
            int id = (int) (packed & ((1L << idBits) - 1));
            int op = id / 2;
            boolean completion = id % 2 == 1;
            if (completion && timedOut[op]) {
                continue;
            }
            events.add(event.of(op, completion, events.size()));
        }
        return new History(events);
    }
}
