package dev.faultline.checker;

import java.util.Arrays;

/**
 * The search nodes already visited: (linearized ops, model state) pairs. From the same pair the rest
 * of the search goes the same way, so each is explored once.
 *
 * <p>Indeterminate ops get a weaker, stronger-pruning test. A node that has linearized only some of
 * the indeterminate ops another node linearized, and otherwise the same ops and state, can do
 * everything the other can (the rest may still take effect later, or never; they block nothing).
 * So a node is seen when a visited one matches its determinate ops and state and linearized a
 * subset of its indeterminate ones.
 *
 * <p>Open addressing over parallel arrays, keyed by a hash of the determinate set and the state that
 * the caller keeps incrementally. Op ids follow invoke order, so a linearized set is mostly a run
 * of full words and a short ragged tail; only the tail is stored, with the count of full words.
 */
final class MemoTable {

    private static final long ENTRY_OVERHEAD_BYTES = 64;
    private static final long[][] NONE = new long[0][];

    private long[] hashes;
    private int[] fullWords;
    private long[][] tails;
    private Object[] states;
    private long[][][] indeterminateSets;
    private int size;
    private long bytes;

    MemoTable() {
        allocate(1 << 10);
    }

    private void allocate(int capacity) {
        hashes = new long[capacity];
        fullWords = new int[capacity];
        tails = new long[capacity][];
        states = new Object[capacity];
        indeterminateSets = new long[capacity][][];
    }

    /** Distinct nodes recorded. */
    int size() {
        return size;
    }

    /** Estimated bytes held. */
    long bytes() {
        return bytes + hashes.length * 36L;
    }

    /**
     * Records the node unless it is seen: a visited node with the same determinate ops and state
     * linearized a subset of its indeterminate ops.
     *
     * @param determinate   the determinate ops linearized: words {@code [0, full)} are all ones,
     *                      words from {@code high} on are zero
     * @param setHash       a hash of {@code determinate} alone
     * @param indeterminate the indeterminate ops linearized
     * @return true when the node is new
     */
    boolean add(long[] determinate, int full, int high, long setHash, Object state, long[] indeterminate) {
        long hash = setHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L);
        int mask = hashes.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long[] tail = tails[slot];
            if (tail == null) {
                store(slot, hash, determinate, full, high, state);
                addIndeterminate(slot, indeterminate);
                if (++size * 2 > hashes.length) {
                    grow();
                }
                return true;
            }
            if (hashes[slot] == hash && fullWords[slot] == full
                    && Arrays.equals(tail, 0, tail.length, determinate, full, high)
                    && states[slot].equals(state)) {
                for (long[] visited : indeterminateSets[slot]) {
                    if (isSubset(visited, indeterminate)) {
                        return false;
                    }
                }
                addIndeterminate(slot, indeterminate);
                return true;
            }
        }
    }

    private void store(int slot, long hash, long[] determinate, int full, int high, Object state) {
        hashes[slot] = hash;
        fullWords[slot] = full;
        tails[slot] = Arrays.copyOfRange(determinate, full, high);
        states[slot] = state;
        indeterminateSets[slot] = NONE;
        bytes += ENTRY_OVERHEAD_BYTES + 8L * (high - full);
    }

    /** Adds a set, dropping the visited ones it is a subset of: it prunes all they would. */
    private void addIndeterminate(int slot, long[] indeterminate) {
        long[][] old = indeterminateSets[slot];
        long[][] kept = new long[old.length + 1][];
        int count = 0;
        for (long[] visited : old) {
            if (!isSubset(indeterminate, visited)) {
                kept[count++] = visited;
            }
        }
        kept[count++] = indeterminate.clone();
        indeterminateSets[slot] = count == kept.length ? kept : Arrays.copyOf(kept, count);
        bytes += 16 + 8L * indeterminate.length;
    }

    private static boolean isSubset(long[] small, long[] large) {
        for (int i = 0; i < small.length; i++) {
            if ((small[i] & ~large[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldFull = fullWords;
        long[][] oldTails = tails;
        Object[] oldStates = states;
        long[][][] oldSets = indeterminateSets;
        allocate(oldHashes.length * 2);
        int mask = hashes.length - 1;
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
                indeterminateSets[slot] = oldSets[i];
            }
        }
    }

    private static int spread(long hash) {
        long h = hash * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31));
    }
}
