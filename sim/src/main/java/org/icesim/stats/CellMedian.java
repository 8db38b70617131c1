package org.icesim.stats;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.icesim.metrics.Metric;

/**
 * The median of one metric over the finished runs of a group, where a run without a value (the
 * event never happened: no failure, no recovery) counts as "never", later than any time. The
 * median is "never" when at least half of the runs never reach the event; otherwise it is the
 * R type-7 median (as {@link Distribution}) of the runs with "never" sorted last, which only
 * reads runs with a value.
 *
 * @param runs   finished runs of the group (failed runs do not count)
 * @param never  of those, runs without a value
 * @param median the median in ms; null when it is "never" or there are no runs
 */
public record CellMedian(int runs, int never, Double median) {

    public CellMedian {
        if (runs < 0 || never < 0 || never > runs) {
            throw new IllegalArgumentException("need 0 <= never <= runs, was never " + never + " of " + runs);
        }
        if ((median == null) != (runs == 0 || 2 * never >= runs)) {
            throw new IllegalArgumentException("the median is never exactly when at least half of the runs never reach "
                    + "the event: never " + never + " of " + runs + ", median " + median);
        }
    }

    public static CellMedian of(GroupRuns group, Metric metric) {
        double[] values = group.numbers(metric);
        int runs = group.finished().size();
        return of(values, runs - values.length);
    }

    /** The median of {@code values} together with {@code never} runs that have no value. */
    public static CellMedian of(double[] values, int never) {
        int runs = values.length + never;
        if (runs == 0 || 2 * never >= runs) {
            return new CellMedian(runs, never, null);
        }
        // "Never" sorts last; with fewer than half of the runs there, the median's two order
        // statistics are both values, so any finite stand-in above them gives the same result.
        double[] sorted = Arrays.copyOf(values, runs);
        Arrays.sort(sorted, 0, values.length);
        Arrays.fill(sorted, values.length, runs, Double.MAX_VALUE);
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        return new CellMedian(runs, never, percentile.evaluate(sorted, 50));
    }

    /** The median in ms with one decimal, "never", or "-" without runs. */
    public String text() {
        if (runs == 0) {
            return "-";
        }
        return median == null ? "never" : String.format(Locale.ROOT, "%.1f", median);
    }

    public boolean isNever() {
        return runs > 0 && median == null;
    }
}
