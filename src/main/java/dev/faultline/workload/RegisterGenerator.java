package dev.faultline.workload;

import dev.faultline.scenario.WorkloadSpec;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Register operations in the scenario's mix on keys k0…k(n-1). Every write carries a value never
 * written before, so a read names exactly the write it saw; a cas expects the last value written
 * to its key (0, which every key starts with, before any), so that it succeeds often enough to matter.
 */
public final class RegisterGenerator {

    private final WorkloadSpec.Mix mix;
    private final int keys;
    private final AtomicLong nextValue = new AtomicLong();
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    public RegisterGenerator(WorkloadSpec.Mix mix, int keys) {
        this.mix = mix;
        this.keys = keys;
    }

    /** The next op for a client; {@code random} is the client's own, seeded from the scenario. */
    public Invocation next(Random random) {
        String key = "k" + random.nextInt(keys);
        int pick = random.nextInt(mix.read() + mix.write() + mix.cas());
        if (pick < mix.read()) {
            return new Invocation("read", key, null);
        }
        long value = nextValue.incrementAndGet();
        Long previous = lastWritten.put(key, value);
        if (pick < mix.read() + mix.write()) {
            return new Invocation("write", key, value);
        }
        return new Invocation("cas", key, List.of(previous == null ? 0L : previous, value));
    }
}
