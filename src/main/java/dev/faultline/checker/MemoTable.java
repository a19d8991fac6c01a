package dev.faultline.checker;

import java.util.Arrays;

/**
 * The set of (linearized ops, model state) pairs a search has already been in: from the same pair
 * the rest of the search goes the same way, so it is explored once.
 *
 * <p>Open addressing over parallel arrays, keyed by a hash of the pair that the caller keeps
 * incrementally. Op ids follow invoke order, so a linearized set is mostly a run of full words
 * followed by a short ragged tail; only the tail is stored, with the count of full words before it.
 */
final class MemoTable {

    private static final long ENTRY_OVERHEAD_BYTES = 64;

    private long[] hashes;
    private int[] fullWords;
    private long[][] tails;
    private Object[] states;
    private int size;
    private long bytes;

    MemoTable() {
        int capacity = 1 << 10;
        hashes = new long[capacity];
        fullWords = new int[capacity];
        tails = new long[capacity][];
        states = new Object[capacity];
    }

    int size() {
        return size;
    }

    /** Estimated bytes held by entries and slots. */
    long bytes() {
        return bytes + hashes.length * 28L;
    }

    /**
     * Adds the pair unless present.
     *
     * @param bits      the linearized set; words {@code [0, full)} are all ones, words from
     *                  {@code high} on are zero
     * @param setHash   a hash of {@code bits} alone
     * @return true when the pair was new
     */
    boolean add(long[] bits, int full, int high, long setHash, Object state) {
        long hash = setHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L);
        int mask = hashes.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long[] tail = tails[slot];
            if (tail == null) {
                store(slot, hash, bits, full, high, state);
                return true;
            }
            if (hashes[slot] == hash && fullWords[slot] == full
                    && Arrays.equals(tail, 0, tail.length, bits, full, high)
                    && states[slot].equals(state)) {
                return false;
            }
        }
    }

    private void store(int slot, long hash, long[] bits, int full, int high, Object state) {
        hashes[slot] = hash;
        fullWords[slot] = full;
        tails[slot] = Arrays.copyOfRange(bits, full, high);
        states[slot] = state;
        bytes += ENTRY_OVERHEAD_BYTES + 8L * (high - full);
        if (++size * 2 > hashes.length) {
            grow();
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldFull = fullWords;
        long[][] oldTails = tails;
        Object[] oldStates = states;
        int capacity = oldHashes.length * 2;
        hashes = new long[capacity];
        fullWords = new int[capacity];
        tails = new long[capacity][];
        states = new Object[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldTails[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (tails[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                fullWords[slot] = oldFull[i];
                tails[slot] = oldTails[i];
                states[slot] = oldStates[i];
            }
        }
    }

    private static int spread(long hash) {
        long h = hash * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31));
    }
}
