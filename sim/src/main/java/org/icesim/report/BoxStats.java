package org.icesim.report;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.icesim.stats.Distribution;

/**
 * What a box of a box plot shows: quartiles (the box), median (the line), mean (the dot), and
 * minimum and maximum (the whiskers). Median, mean and extremes are those of
 * {@link Distribution}; the quartiles use the same R type 7 interpolation.
 */
public record BoxStats(int count, double min, double q1, double median, double q3, double max, double mean) {

    /** The box of a non-empty sample. */
    public static BoxStats of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("sample must hold at least one value, was empty");
        }
        Distribution d = Distribution.of(sample);
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(sample);
        return new BoxStats(d.count(), d.min(), percentile.evaluate(25), d.median(), percentile.evaluate(75), d.max(),
                d.mean());
    }
}
