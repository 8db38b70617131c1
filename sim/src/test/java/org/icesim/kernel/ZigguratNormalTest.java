package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat's draws against the standard normal distribution. Every bound is a test at a
 * significance of about 10^-4 or smaller, so a correct sampler fails none of them for this fixed
 * seed by more than chance, while a wrong table, wedge or tail shows up as a gross excess.
 */
class ZigguratNormalTest {

    private static final int N = 1_000_000;
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private static double[] draws(RandomGenerator rng, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = ZigguratNormal.sample(rng);
        }
        return values;
    }

    private static double[] draws(long seed, String stream, int n) {
        return draws(new RandomStreams(seed).stream(stream), n);
    }

    /** Whether {@code count} of {@code n} draws is within 4.5 binomial standard deviations of n·p. */
    private static void assertFrequency(String what, long count, int n, double p) {
        double expected = n * p;
        double bound = 4.5 * Math.sqrt(n * p * (1 - p));
        assertThat((double) count).as(what + ": expected " + expected + " ± " + bound)
                .isBetween(expected - bound, expected + bound);
    }

    /**
     * Whether sorted draws pass the one-sample Kolmogorov–Smirnov test against {@code cdf} at
     * significance 10^-4: the asymptotic critical value is sqrt(−ln(0.5·10^-4) / 2) / sqrt(n) =
     * 2.226 / sqrt(n).
     */
    private static void assertKolmogorovSmirnov(double[] sorted, DoubleUnaryOperator cdf) {
        int n = sorted.length;
        double largestGap = 0;
        for (int i = 0; i < n; i++) {
            double expected = cdf.applyAsDouble(sorted[i]);
            largestGap = Math.max(largestGap, Math.max((i + 1.0) / n - expected, expected - (double) i / n));
        }
        assertThat(largestGap).as("Kolmogorov-Smirnov statistic of " + n + " draws").isLessThan(2.226 / Math.sqrt(n));
    }

    @Test
    void theEmpiricalDistributionIsTheStandardNormalByKolmogorovSmirnov() {
        double[] sorted = draws(2024, "link/wifi/jitter", N);
        Arrays.sort(sorted);
        assertKolmogorovSmirnov(sorted, STANDARD::cumulativeProbability);
    }

    @Test
    void countsInEquallyLikelyBinsPassAChiSquareTest() {
        int bins = 1000;
        long[] counts = new long[bins];
        for (double value : draws(7, "link/cell/jitter", N)) {
            int bin = (int) (STANDARD.cumulativeProbability(value) * bins);
            counts[Math.min(bin, bins - 1)]++;
        }
        double expected = (double) N / bins;
        double statistic = 0;
        for (long count : counts) {
            statistic += (count - expected) * (count - expected) / expected;
        }
        double critical = new ChiSquaredDistribution(null, bins - 1).inverseCumulativeProbability(1 - 1e-4);
        assertThat(statistic).isLessThan(critical);
    }

    @Test
    void meanVarianceAndSignMatchTheStandardNormal() {
        double[] values = draws(99, "link/access/jitter", N);
        double sum = 0;
        double squares = 0;
        long negative = 0;
        for (double value : values) {
            sum += value;
            squares += value * value;
            negative += value < 0 ? 1 : 0;
        }
        double mean = sum / N;
        double variance = squares / N - mean * mean;
        // Standard errors: 1/sqrt(N) = 0.001 for the mean, sqrt(2/N) = 0.0014 for the variance.
        assertThat(mean).isBetween(-0.0045, 0.0045);
        assertThat(variance).isBetween(1 - 0.0064, 1 + 0.0064);
        assertFrequency("draws below 0", negative, N, 0.5);
    }

    @Test
    void tailsBeyondThreeAndFourSigmaHaveTheirNormalFrequencies() {
        double[] values = draws(3, "link/sat/jitter", N);
        long beyondThree = Arrays.stream(values).filter(v -> Math.abs(v) > 3).count();
        long beyondFour = Arrays.stream(values).filter(v -> Math.abs(v) > 4).count();
        assertFrequency("|z| > 3", beyondThree, N, 2 * STANDARD.cumulativeProbability(-3));
        assertFrequency("|z| > 4", beyondFour, N, 2 * STANDARD.cumulativeProbability(-4));
    }

    @Test
    void drawsFromTheTailSamplerFollowTheNormalTail() {
        // Beyond 3.654 (where the base layer hands over to the tail sampler) lie 2.6e-4 of all
        // draws: 10^7 draws give about 2 600, enough to compare their shape with the normal tail.
        double edge = 3.6541528853610088;
        double[] tail = Arrays.stream(draws(5, "nat/cgn", 10_000_000)).map(Math::abs).filter(v -> v > edge)
                .sorted().toArray();
        assertFrequency("|z| > 3.654", tail.length, 10_000_000, 2 * STANDARD.cumulativeProbability(-edge));
        double tailMass = STANDARD.cumulativeProbability(-edge);
        // |z| given |z| > edge: P(edge < |z| <= t) / P(|z| > edge) = 1 − Φ(−t) / Φ(−edge).
        assertKolmogorovSmirnov(tail, t -> 1 - STANDARD.cumulativeProbability(-t) / tailMass);
        assertThat(tail[tail.length - 1]).as("the largest of 10^7 draws").isBetween(4.5, 7.0);
    }

    @Test
    void theSameSeedAndStreamGiveTheSameDrawsAndAnotherStreamOthers() {
        double[] first = draws(42, "link/wifi/jitter", 1000);
        assertThat(draws(42, "link/wifi/jitter", 1000)).isEqualTo(first);
        double[] otherStream = draws(42, "link/cell/jitter", 1000);
        double[] otherSeed = draws(43, "link/wifi/jitter", 1000);
        for (int i = 0; i < first.length; i++) {
            assertThat(otherStream[i]).as("draw " + i + " of another stream").isNotEqualTo(first[i]);
            assertThat(otherSeed[i]).as("draw " + i + " of another seed").isNotEqualTo(first[i]);
        }
    }
}
