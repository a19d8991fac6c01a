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
 * <p>Memory per node is what ends a hard search, so nodes are kept compact. Op ids follow invoke
 * order, so a linearized set is mostly a run of full words and a short ragged tail: only the tail
 * is stored, with the count of full words. A slot of the open-addressed table holds a 32-bit hash,
 * the state (shared, never copied) and where the node's words are in an arena of long chunks: a
 * header word (full words and tail length), the tail, and (when the partition has indeterminate ops)
 * the first of the node's indeterminate sets, each a link word and the set's words. No object per
 * node, so no object headers or references.
 */
final class MemoTable {

    private static final int INITIAL_SLOTS = 1 << 10;
    private static final int FIRST_CHUNK_LONGS = 1 << 8;
    private static final int CHUNK_SHIFT_MIN = 14;
    private static final int NONE = 0;

    private final int indeterminateWords;
    private final int chunkShift;
    private final int chunkMask;

    private int[] hashes;
    private int[] nodes;
    private Object[] states;
    private int size;

    // The arena: index i is word i & chunkMask of chunk i >>> chunkShift. Index 0 is never used, so
    // 0 means "none". The first chunk grows up to full size, so a small search allocates little.
    private long[][] chunks = new long[1][FIRST_CHUNK_LONGS];
    private int used = 1;
    private long arenaLongs = FIRST_CHUNK_LONGS;

    /**
     * @param determinateWords   words of a determinate set
     * @param indeterminateWords words of an indeterminate set
     */
    MemoTable(int determinateWords, int indeterminateWords) {
        this.indeterminateWords = indeterminateWords;
        int largest = 2 + Math.max(determinateWords, indeterminateWords);
        this.chunkShift = Math.max(CHUNK_SHIFT_MIN, 32 - Integer.numberOfLeadingZeros(largest));
        this.chunkMask = (1 << chunkShift) - 1;
        allocate(INITIAL_SLOTS);
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        nodes = new int[capacity];
        states = new Object[capacity];
    }

    /** Distinct nodes recorded. */
    int size() {
        return size;
    }

    /** Bytes held: the slots and the arena (array headers aside). */
    long bytes() {
        return hashes.length * (4L + 4L + 4L) + arenaLongs * 8;
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
        int hash = mix(setHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
        long shape = shape(full, high - full);
        int mask = hashes.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int node = nodes[slot];
            if (node == NONE) {
                store(slot, hash, shape, determinate, full, high, state, indeterminate);
                if (++size * 4L > hashes.length * 3L) {
                    grow();
                }
                return true;
            }
            if (hashes[slot] == hash && sameNode(node, shape, determinate, full, high) && states[slot].equals(state)) {
                return indeterminateWords > 0 && addIndeterminate(node + 1 + high - full, indeterminate);
            }
        }
    }

    /** The header word: full words and tail length. */
    private static long shape(int full, int tailLength) {
        return ((long) full << 32) | tailLength;
    }

    private boolean sameNode(int node, long shape, long[] determinate, int full, int high) {
        if (word(node) != shape) {
            return false;
        }
        long[] chunk = chunks[node >>> chunkShift];
        int at = (node & chunkMask) + 1;
        return Arrays.equals(chunk, at, at + high - full, determinate, full, high);
    }

    private void store(int slot, int hash, long shape, long[] determinate, int full, int high, Object state,
            long[] indeterminate) {
        int tail = high - full;
        int node = reserve(1 + tail + (indeterminateWords > 0 ? 1 : 0));
        long[] chunk = chunks[node >>> chunkShift];
        int at = node & chunkMask;
        System.arraycopy(determinate, full, chunk, at + 1, tail);
        chunk[at] = shape;
        hashes[slot] = hash;
        nodes[slot] = node;
        states[slot] = state;
        if (indeterminateWords > 0) {
            addIndeterminate(node + 1 + tail, indeterminate);
        }
    }

    /**
     * Adds a node's indeterminate set unless a visited one is a subset of it, and unlinks the visited
     * ones it is a subset of: it prunes all they would.
     *
     * @param first the arena index of the node's link to its first set
     * @return false when a visited set is a subset (the node is seen)
     */
    private boolean addIndeterminate(int first, long[] indeterminate) {
        for (int set = (int) word(first); set != NONE; set = (int) word(set)) {
            if (isSubset(set, indeterminate)) {
                return false;
            }
        }
        int link = first;
        for (int set = (int) word(first); set != NONE; set = (int) word(set)) {
            if (isSuperset(set, indeterminate)) {
                setWord(link, word(set));
            } else {
                link = set;
            }
        }
        int added = reserveSet(indeterminate);
        setWord(added, word(first));
        setWord(first, added);
        return true;
    }

    private int reserveSet(long[] indeterminate) {
        int set = reserve(1 + indeterminateWords);
        long[] chunk = chunks[set >>> chunkShift];
        System.arraycopy(indeterminate, 0, chunk, (set & chunkMask) + 1, indeterminateWords);
        return set;
    }

    private boolean isSubset(int set, long[] large) {
        long[] chunk = chunks[set >>> chunkShift];
        int at = (set & chunkMask) + 1;
        for (int i = 0; i < indeterminateWords; i++) {
            if ((chunk[at + i] & ~large[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isSuperset(int set, long[] small) {
        long[] chunk = chunks[set >>> chunkShift];
        int at = (set & chunkMask) + 1;
        for (int i = 0; i < indeterminateWords; i++) {
            if ((small[i] & ~chunk[at + i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private long word(int index) {
        return chunks[index >>> chunkShift][index & chunkMask];
    }

    private void setWord(int index, long value) {
        chunks[index >>> chunkShift][index & chunkMask] = value;
    }

    /** The arena index of {@code longs} free words in one chunk. */
    private int reserve(int longs) {
        int chunk = used >>> chunkShift;
        int at = used & chunkMask;
        if (at + longs > 1 << chunkShift) {
            chunk++;
            at = 0;
        }
        if (((long) chunk << chunkShift) + at + longs > Integer.MAX_VALUE) {
            throw new IllegalStateException("memo arena past 2^31 words");
        }
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new long[1 << chunkShift];
            arenaLongs += 1L << chunkShift;
        } else if (at + longs > chunks[chunk].length) {
            // only the first chunk is short: double it, up to a full chunk
            int length = Math.min(1 << chunkShift, Math.max(2 * chunks[chunk].length, at + longs));
            arenaLongs += length - chunks[chunk].length;
            chunks[chunk] = Arrays.copyOf(chunks[chunk], length);
        }
        int index = (chunk << chunkShift) | at;
        used = index + longs;
        return index;
    }

    private void grow() {
        int[] oldHashes = hashes;
        int[] oldNodes = nodes;
        Object[] oldStates = states;
        allocate(oldHashes.length * 2);
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldNodes[i] != NONE) {
                int slot = oldHashes[i] & mask;
                while (nodes[slot] != NONE) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                nodes[slot] = oldNodes[i];
                states[slot] = oldStates[i];
            }
        }
    }

    private static int mix(long hash) {
        long h = hash * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }
}
