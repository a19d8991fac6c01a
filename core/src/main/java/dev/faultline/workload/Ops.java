package dev.faultline.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Seeded generators of operations: a weighted mix of reads, writes, compare-and-sets, adds, appends and ops of
 * the test's own, over keys. Each client draws from its own {@link Random}, seeded from the run's seed, so one
 * seed gives the same ops. Every write, add and append carries a value never given before, so a read names
 * exactly the write it saw; a cas expects the last value written to its key (0 before any).
 * <pre>{@code
 * Ops.mix(Ops.read().weight(3), Ops.write(), Ops.custom("transfer", (key, random) -> random.nextInt(10)))
 *    .over("a", "b", "c")
 * }</pre>
 */
public final class Ops {

    private Ops() {
    }

    /** The next op of a client, from that client's own seeded random; shared by every client of a run. */
    @FunctionalInterface
    public interface Generator {
        Invocation next(Random random);
    }

    /** {@code read} of a key: the client returns what it read. */
    public static Kind read() {
        return new Kind("read", 1, (state, key, random) -> null);
    }

    /** {@code write} of a fresh value to a key. */
    public static Kind write() {
        return new Kind("write", 1, (state, key, random) -> state.written(key));
    }

    /** {@code cas} of a key from the last value written to it (0 before any) to a fresh one: {@code [expected, new]}. */
    public static Kind cas() {
        return new Kind("cas", 1, (state, key, random) -> state.swapped(key));
    }

    /** {@code add} of a fresh element (to a set, or 1 to a counter's key with {@link #increment()}). */
    public static Kind add() {
        return new Kind("add", 1, (state, key, random) -> state.fresh());
    }

    /** {@code add} of 1, to a counter. */
    public static Kind increment() {
        return new Kind("add", 1, (state, key, random) -> 1L);
    }

    /** {@code append} of a fresh value to a key's list. */
    public static Kind append() {
        return new Kind("append", 1, (state, key, random) -> state.fresh());
    }

    /**
     * An op of the test's own, {@code f} on a drawn key with the value {@code value} makes from the key and the
     * client's random; the value is what the history keeps: numbers, strings, lists and maps of them.
     */
    public static Kind custom(String f, BiFunction<String, Random, Object> value) {
        Objects.requireNonNull(value, "value");
        return new Kind(f, 1, (state, key, random) -> value.apply(key, random));
    }

    /** An op of the test's own whose value needs no key: {@code custom("transfer", Transfers::random)}. */
    public static Kind custom(String f, Function<Random, Object> value) {
        Objects.requireNonNull(value, "value");
        return new Kind(f, 1, (state, key, random) -> value.apply(random));
    }

    /** A weighted choice among {@code kinds}, on no key until {@link Mix#over} names some. */
    public static Mix mix(Kind... kinds) {
        return new Mix(List.of(kinds), List.of());
    }

    /** One kind of op and its relative weight in a mix. */
    public static final class Kind {
        private final String f;
        private final int weight;
        private final ValueMaker value;

        private Kind(String f, int weight, ValueMaker value) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("an op's f must be a non-empty name, such as \"transfer\"");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("the weight of " + f + " is " + weight + "; allowed: 0 or more");
            }
            this.f = f;
            this.weight = weight;
            this.value = value;
        }

        /** Its weight relative to the mix's other kinds (1 unless told). */
        public Kind weight(int relative) {
            return new Kind(f, relative, value);
        }

        public String f() {
            return f;
        }
    }

    /** Makes an op's value from the run's value state, the drawn key and the client's random. */
    @FunctionalInterface
    private interface ValueMaker {
        Object make(Values state, String key, Random random);
    }

    /** The values given so far: shared by every client, so values stay unique across them. */
    private static final class Values {
        private final AtomicLong next = new AtomicLong();
        private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

        long fresh() {
            return next.incrementAndGet();
        }

        long written(String key) {
            long value = fresh();
            if (key != null) {
                lastWritten.put(key, value);
            }
            return value;
        }

        /** {@code [the last value written to key (0 before any), a fresh one]}, the fresh one now the last. */
        List<Long> swapped(String key) {
            long value = fresh();
            Long previous = key == null ? null : lastWritten.put(key, value);
            return List.of(previous == null ? 0L : previous, value);
        }
    }

    /** A weighted mix of kinds over keys: a {@link Generator}. Each {@code over} starts fresh values. */
    public static final class Mix implements Generator {
        private final List<Kind> kinds;
        private final List<String> keys;
        private final int total;
        private final Values values = new Values();

        private Mix(List<Kind> kinds, List<String> keys) {
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("a mix needs at least one kind of op");
            }
            this.kinds = List.copyOf(kinds);
            this.keys = List.copyOf(keys);
            long sum = kinds.stream().mapToLong(k -> k.weight).sum();
            if (sum == 0 || sum > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the weights of a mix must add up to 1 or more (and fit an int), got " + sum);
            }
            this.total = (int) sum;
        }

        /** The keys each op is drawn on, uniformly. */
        public Mix over(String... keyNames) {
            return over(List.of(keyNames));
        }

        public Mix over(List<String> keyNames) {
            if (keyNames.isEmpty()) {
                throw new IllegalArgumentException("over(…) needs at least one key");
            }
            return new Mix(kinds, keyNames);
        }

        /** Keys k0 … k(n-1). */
        public Mix overKeys(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("overKeys is " + count + "; allowed: 1 or more");
            }
            List<String> names = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                names.add("k" + k);
            }
            return over(names);
        }

        /** The key first, then the kind, each from the client's random. */
        @Override
        public Invocation next(Random random) {
            String key = keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
            int pick = random.nextInt(total);
            for (Kind kind : kinds) {
                if (pick < kind.weight) {
                    return new Invocation(kind.f, key, kind.value.make(values, key, random));
                }
                pick -= kind.weight;
            }
            throw new IllegalStateException("weights sum to " + total + " but none was picked");
        }
    }
}
