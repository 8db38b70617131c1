package org.icesim.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Descriptive statistics of one metric over the runs of a group. Quantiles use the linear
 * interpolation between order statistics that R (type 7), numpy and pandas use by default, so
 * notebooks reading runs.csv get the same numbers. Fields that need more values than there are
 * (the standard deviation of one value, an interval that cannot reach 95 %) are {@code null}.
 *
 * @param meanCi95   Student-t interval of the mean
 * @param medianCi95 distribution-free interval of the median from order statistics: the
 *                   narrowest symmetric pair of ranks whose binomial(n, 1/2) coverage is at least
 *                   95 %; it exists from n = 6 on
 */
public record Distribution(int count, Double mean, Double sd, Double median, Double p90, Double p95, Double p99,
        Double min, Double max, Interval meanCi95, Interval medianCi95) {

    private static final double CONFIDENCE = 0.95;

    public static Distribution of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Distribution(0, null, null, null, null, null, null, null, null, null, null);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(sorted);
        double mean = StatUtils.mean(sorted);
        Double sd = n > 1 ? Math.sqrt(StatUtils.variance(sorted, mean)) : null;
        return new Distribution(n, mean, sd, percentile.evaluate(50), percentile.evaluate(90), percentile.evaluate(95),
                percentile.evaluate(99), sorted[0], sorted[n - 1], meanInterval(n, mean, sd), medianInterval(sorted));
    }

    private static Interval meanInterval(int n, double mean, Double sd) {
        if (sd == null) {
            return null;
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(mean - half, mean + half);
    }

    /**
     * [x(l), x(n+1-l)] (1-based ranks) covers the median with probability P(l <= B <= n-l) for
     * B ~ binomial(n, 1/2); the largest l that keeps the coverage at 95 % gives the narrowest interval.
     */
    private static Interval medianInterval(double[] sorted) {
        int n = sorted.length;
        BinomialDistribution b = new BinomialDistribution(n, 0.5);
        int best = 0;
        for (int l = 1; l <= n / 2; l++) {
            double coverage = b.cumulativeProbability(n - l) - b.cumulativeProbability(l - 1);
            if (coverage < CONFIDENCE) {
                break;
            }
            best = l;
        }
        return best == 0 ? null : new Interval(sorted[best - 1], sorted[n - best]);
    }
}
