package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Ticks.step(20e9, 6)).isEqualTo(5e9);
        assertThat(Ticks.step(20e9, 10)).isEqualTo(2e9);
        assertThat(Ticks.step(13, 6)).isEqualTo(5);
        assertThat(Ticks.step(0.3, 3)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Ticks.step(91e6, 12)).isEqualTo(1e7);
        assertThat(Ticks.step(0, 5)).as("nothing to divide").isEqualTo(1);
    }

    @Test
    void multiplesIncludeBothEnds() {
        assertThat(Ticks.multiples(0, 20, 5)).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0);
        assertThat(Ticks.multiples(3, 19, 5)).containsExactly(5.0, 10.0, 15.0);
    }

    @Test
    void everyLabelCarriesItsUnitAndOnlyTheDecimalsTheStepNeeds() {
        assertThat(Ticks.TimeFormat.of(5e9, 41e9).format(10e9)).isEqualTo("10 s");
        assertThat(Ticks.TimeFormat.of(5e8, 3e9).format(1.5e9)).isEqualTo("1.5 s");
        assertThat(Ticks.TimeFormat.of(1e7, 90e6).format(20e6)).isEqualTo("20 ms");
        assertThat(Ticks.TimeFormat.of(5e6, 40.1e9).format(40.005e9)).as("past a second, seconds")
                .isEqualTo("40.005 s");
        assertThat(Ticks.TimeFormat.of(2e5, 9e5).format(4e5)).isEqualTo("400 µs");
        assertThat(Ticks.TimeFormat.of(1e9, 5e9).format(-1e-3)).isEqualTo("0 s");
        assertThat(Ticks.millis(2500, 500)).isEqualTo("2500 ms");
        assertThat(Ticks.millis(0.4, 0.2)).isEqualTo("0.4 ms");
    }
}
