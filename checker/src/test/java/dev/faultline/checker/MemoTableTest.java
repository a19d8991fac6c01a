package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoTableTest {

    @Test
    void aNodeIsSeenWhenAVisitedOneLinearizedASubsetOfItsIndeterminateOps() {
        MemoTable memo = new MemoTable(1, 1);
        long[] determinate = {0b101};
        assertThat(memo.add(determinate, 0, 1, 7, "s", new long[] {0b01})).isTrue();
        assertThat(memo.add(determinate, 0, 1, 7, "s", new long[] {0b11})).as("superset").isFalse();
        assertThat(memo.add(determinate, 0, 1, 7, "s", new long[] {0b10})).as("neither").isTrue();
        assertThat(memo.add(determinate, 0, 1, 7, "s", new long[] {0b00})).as("subset of both").isTrue();
        // {} replaced both sets it is a subset of, and prunes everything now
        assertThat(memo.add(determinate, 0, 1, 7, "s", new long[] {0b10})).isFalse();
        assertThat(memo.add(determinate, 0, 1, 7, "t", new long[] {0b11})).as("another state").isTrue();
        assertThat(memo.add(new long[] {0b111}, 0, 1, 7, "s", new long[] {0b11})).as("other ops").isTrue();
        assertThat(memo.size()).isEqualTo(3);
    }

    @Test
    void everyNodeIsKeptExactlyAcrossChunksAndGrowth() {
        int words = 3;
        MemoTable memo = new MemoTable(words, 0);
        // 50,000 nodes fill several 16k-word chunks of the arena and grow the slots several times; with only 48 distinct
        // hashes every probe walks a cluster, so the cost is quadratic (200,000 took 30 s)
        int count = 50_000;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < count; i++) {
                long[] set = {-1L, i, (long) i * 31};
                int high = i % 7 == 0 ? 2 : 3;
                // a poor hash on purpose: equality, not the hash, decides
                assertThat(memo.add(set, 1, high, i & 15, i % 3, new long[0])).isEqualTo(round == 0);
            }
        }
        assertThat(memo.size()).isEqualTo(count);
        assertThat(memo.bytes()).isGreaterThan(count * 8L * 3);
    }
}
