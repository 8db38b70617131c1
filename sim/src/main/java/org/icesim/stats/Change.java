package org.icesim.stats;

import org.icesim.metrics.Metric;

/**
 * One statistic of one metric in one group of two result sets.
 *
 * @param baseline      the statistic in the baseline set (null without values)
 * @param current       the statistic in the current set (null without values)
 * @param pValue        two-sided Mann-Whitney U p-value of the metric's values (null if untested)
 * @param adjustedP     the p-value after Holm's correction over every test of the comparison
 * @param effectSize    rank-biserial correlation in [-1, 1]: the probability that a current value
 *                      exceeds a baseline value minus the reverse; positive means current is higher
 * @param rule          the tolerance that applies, or null
 */
public record Change(GroupKey group, Metric metric, Stat stat, int baselineCount, int currentCount, Double baseline,
        Double current, Double pValue, Double adjustedP, Double effectSize, Tolerance rule, Verdict verdict) {

    /** current / baseline − 1, or null when undefined. */
    public Double relativeChange() {
        if (baseline == null || current == null || baseline == 0) {
            return null;
        }
        return current / baseline - 1;
    }
}
