package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;

import java.util.Arrays;
import org.icesim.kernel.RandomStreams;
import org.junit.jupiter.api.Test;

class JitterTest {

    private static final int N = 40_000;

    private static long[] sortedDraws(Jitter jitter) {
        Jitter.Sampler sampler = jitter.sampler(new RandomStreams(11).stream("link/jitter"));
        long[] draws = new long[N];
        for (int i = 0; i < N; i++) {
            draws[i] = sampler.nextExtraDelayNanos();
        }
        Arrays.sort(draws);
        return draws;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[(int) (q * (sorted.length - 1))];
    }

    @Test
    void noJitterAddsNothing() {
        assertThat(sortedDraws(Jitter.NONE)).containsOnly(0L);
    }

    @Test
    void halfNormalIsTheAbsoluteValueOfAZeroMeanNormal() {
        long[] draws = sortedDraws(Jitter.halfNormal(millis(10)));
        assertThat(draws[0]).isNotNegative();
        // Mean sd * sqrt(2 / pi) = 7.979 ms, standard error 6.0 ms / sqrt(N) = 0.03 ms.
        double mean = Arrays.stream(draws).average().orElseThrow();
        assertThat(mean).isBetween(7.85e6, 8.11e6);
        // Median sd * 0.6745 = 6.745 ms: the absolute value, not a truncation (which would give 0).
        assertThat(quantile(draws, 0.5)).isBetween(6_600_000L, 6_890_000L);
    }

    @Test
    void logNormalHasTheRequestedMedianAndP99() {
        long[] draws = sortedDraws(Jitter.logNormal(millis(5), millis(40)));
        assertThat(quantile(draws, 0.5)).isBetween(4_900_000L, 5_100_000L);
        assertThat(quantile(draws, 0.99)).isBetween(37_000_000L, 43_000_000L);
    }

    @Test
    void paretoIsShiftedToStartAtZero() {
        long[] draws = sortedDraws(Jitter.pareto(millis(2), 1.5));
        assertThat(draws[0]).isBetween(0L, 1_000L);
        // Median scale * (2^(1/shape) - 1) = 2 ms * 0.5874 = 1.175 ms.
        assertThat(quantile(draws, 0.5)).isBetween(1_130_000L, 1_220_000L);
    }

    @Test
    void drawsAreCappedAtOneDay() {
        long[] draws = sortedDraws(Jitter.pareto(millis(1), 0.05));
        assertThat(draws[N - 1]).isEqualTo(Jitter.MAX_EXTRA_DELAY_NANOS);
    }

    @Test
    void invalidParametersAreRejectedWithNameValueAndRange() {
        assertThatThrownBy(() -> Jitter.halfNormal(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter sd must be in [1, 86400000000000] ns, was 0 ns");
        assertThatThrownBy(() -> Jitter.logNormal(millis(5), millis(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-normal jitter p99 must be > median (5000000 ns), was 5000000 ns");
        assertThatThrownBy(() -> new Jitter.LogNormal(1, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-normal jitter sigma must be a finite number > 0, was -2.0");
        assertThatThrownBy(() -> Jitter.pareto(millis(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pareto jitter shape must be a finite number > 0, was 0.0");
    }
}
