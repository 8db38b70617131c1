package org.icesim.report;

import java.util.Arrays;

/**
 * The empirical cumulative distribution of a sample: {@code probabilities[i]} is the share of
 * the {@code count} values at or below {@code values[i]}. Ties keep one point per value, at the share of the last tie.
 */
public record Cdf(int count, double[] values, double[] probabilities) {

    public static Cdf of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("sample must hold at least one value, was empty");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] xs = new double[n];
        double[] ps = new double[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && sorted[i + 1] == sorted[i]) {
                continue;
            }
            xs[points] = sorted[i];
            ps[points] = (double) (i + 1) / n;
            points++;
        }
        return new Cdf(n, Arrays.copyOf(xs, points), Arrays.copyOf(ps, points));
    }

    public int size() {
        return values.length;
    }
}
