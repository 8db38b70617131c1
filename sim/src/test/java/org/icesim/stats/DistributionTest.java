package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void describesOneToAHundred() {
        Distribution d = Distribution.of(ONE_TO_HUNDRED);
        assertThat(d.count()).isEqualTo(100);
        assertThat(d.mean()).isEqualTo(50.5);
        // Sample variance of 1..n is n(n+1)/12.
        assertThat(d.sd()).isCloseTo(Math.sqrt(100 * 101 / 12.0), within(1e-12));
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(100);
    }

    @Test
    void quantilesInterpolateLikeRType7AndPandas() {
        Distribution d = Distribution.of(ONE_TO_HUNDRED);
        // Type 7: h = (n - 1) p + 1, interpolated between the order statistics around h.
        assertThat(d.median()).isCloseTo(50.5, within(1e-12));
        assertThat(d.p90()).isCloseTo(90.1, within(1e-12));
        assertThat(d.p95()).isCloseTo(95.05, within(1e-12));
        assertThat(d.p99()).isCloseTo(99.01, within(1e-12));
    }

    @Test
    void theMeanIntervalIsStudentT() {
        Distribution d = Distribution.of(ONE_TO_HUNDRED);
        double t99 = 1.9842169515; // t(0.975, 99 degrees of freedom), from tables
        double half = t99 * Math.sqrt(100 * 101 / 12.0) / 10;
        assertThat(d.meanCi95().low()).isCloseTo(50.5 - half, within(1e-8));
        assertThat(d.meanCi95().high()).isCloseTo(50.5 + half, within(1e-8));
    }

    @Test
    void theMedianIntervalIsTheOrderStatisticsThatCoverNinetyFivePercent() {
        // For n = 100 the binomial(100, 1/2) ranks are the 40th and 61st: P(40 <= B <= 60) = 0.965.
        assertThat(Distribution.of(ONE_TO_HUNDRED).medianCi95()).isEqualTo(new Interval(40, 61));
        // n = 6 is the smallest sample with a 95 % interval: min to max covers 1 - 2/64 = 96.9 %.
        assertThat(Distribution.of(new double[] {6, 1, 5, 2, 4, 3}).medianCi95()).isEqualTo(new Interval(1, 6));
        assertThat(Distribution.of(new double[] {1, 2, 3, 4, 5}).medianCi95()).isNull();
    }

    @Test
    void orderOfValuesDoesNotMatter() {
        double[] shuffled = {7.5, 1, 3, 9, 2.25, 4};
        double[] sorted = {1, 2.25, 3, 4, 7.5, 9};
        assertThat(Distribution.of(shuffled)).isEqualTo(Distribution.of(sorted));
    }

    @Test
    void oneValueHasNoSpreadAndNoIntervals() {
        Distribution d = Distribution.of(new double[] {42});
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.mean()).isEqualTo(42);
        assertThat(d.median()).isEqualTo(42);
        assertThat(d.p99()).isEqualTo(42);
        assertThat(d.sd()).isNull();
        assertThat(d.meanCi95()).isNull();
        assertThat(d.medianCi95()).isNull();
    }

    @Test
    void noValuesGiveOnlyACountOfZero() {
        Distribution d = Distribution.of(new double[0]);
        assertThat(d.count()).isZero();
        assertThat(d.mean()).isNull();
        assertThat(d.median()).isNull();
        assertThat(d.max()).isNull();
    }
}
