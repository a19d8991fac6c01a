package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    private static final long MS = 1_000_000;

    @Test
    void aLongIdleStretchIsCutSoTheOpsAroundItGetTheWidth() {
        // a lesson: a partition at 2 ms, 21 s of failure-detector wait, two ops 5 ms apart
        List<long[]> busy = List.of(new long[] {2 * MS, 3 * MS}, new long[] {21_102 * MS, 21_105 * MS},
                new long[] {21_110 * MS, 21_112 * MS});
        Axis axis = Axis.around(0, 21_120 * MS, busy, false, 100, 1000);

        assertThat(axis.cuts()).containsExactly(new Axis.Cut(3 * MS, 21_102 * MS));
        assertThat(axis.x(0)).isEqualTo(100);
        assertThat(axis.x(21_120 * MS)).isCloseTo(1100, within(1e-6));
        assertThat(axis.x(21_110 * MS) - axis.x(21_102 * MS)).as("8 ms of ops, in pixels").isGreaterThan(300);
        assertThat(axis.x(21_102 * MS) - axis.x(3 * MS)).as("21 s of wait").isCloseTo(Axis.CUT_WIDTH, within(1e-6));
    }

    @Test
    void busyRunsAndShortPausesStayToScale() {
        List<long[]> busy = List.of(new long[] {0, 400 * MS}, new long[] {1_300 * MS, 2_000 * MS});
        assertThat(Axis.around(0, 2_000 * MS, busy, false, 0, 1000).cuts()).as("a 0.9 s pause").isEmpty();
        List<long[]> steady = List.of(new long[] {0, 20_000 * MS}, new long[] {21_500 * MS, 45_000 * MS});
        assertThat(Axis.around(0, 45_000 * MS, steady, false, 0, 1000).cuts())
                .as("1.5 s idle in a 45 s run is worth seeing").isEmpty();
        assertThat(Axis.around(0, 100, List.of(new long[] {0, 1}), true, 0, 1000).cuts()).as("event indexes").isEmpty();
    }

    @Test
    void timeMapsMonotonicallyAcrossCuts() {
        List<long[]> busy = List.of(new long[] {0, MS}, new long[] {5_000 * MS, 5_001 * MS}, new long[] {9_000 * MS, 9_002 * MS});
        Axis axis = Axis.around(0, 9_002 * MS, busy, false, 0, 1000);
        assertThat(axis.cuts()).hasSize(2);
        double last = -1;
        for (long t = 0; t <= 9_002 * MS; t += 7 * MS) {
            assertThat(axis.x(t)).isGreaterThanOrEqualTo(last);
            last = axis.x(t);
        }
    }
}
