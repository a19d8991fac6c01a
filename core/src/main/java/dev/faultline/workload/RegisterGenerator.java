package dev.faultline.workload;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Register operations, in relative weights of read, write and cas, on keys k0…k(n-1). Every write carries a value never
 * written before, so a read names exactly the write it saw; a cas expects the last value written
 * to its key (0, which every key starts with, before any), so that it succeeds often enough to matter.
 */
public final class RegisterGenerator {

    private final int read;
    private final int write;
    private final int cas;
    private final int keys;
    private final AtomicLong nextValue = new AtomicLong();
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    public RegisterGenerator(int read, int write, int cas, int keys) {
        this.read = read;
        this.write = write;
        this.cas = cas;
        this.keys = keys;
    }

    /** The next op for a client; {@code random} is the client's own, seeded from the scenario. */
    public Invocation next(Random random) {
        String key = "k" + random.nextInt(keys);
        int pick = random.nextInt(read + write + cas);
        if (pick < read) {
            return new Invocation("read", key, null);
        }
        long value = nextValue.incrementAndGet();
        Long previous = lastWritten.put(key, value);
        if (pick < read + write) {
            return new Invocation("write", key, value);
        }
        return new Invocation("cas", key, List.of(previous == null ? 0L : previous, value));
    }
}
