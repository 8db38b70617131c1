package org.icesim.stats;

/**
 * One statistic of one metric in one group of two result sets.
 *
 * @param baseline   the statistic in the baseline set (null without values)
 * @param current    the statistic in the current set (null without values)
 * @param evidence   the test and what it found (null if untested)
 * @param adjustedP  the p-value after Holm's correction over the tests of its family
 * @param level      the significance level the power figures assume: α over the number of tests in the family
 * @param detectable the smallest worsening these runs detect with the comparison's power, in the
 *                   metric's unit (null if untested)
 * @param rule       the tolerance that applies, or null
 * @param runsNeeded when {@link #underpowered()}: about how many runs per group would detect a
 *                   worsening of the rule's tolerance (null if none would, or not underpowered)
 */
public record Change(GroupKey group, Quantity quantity, Stat stat, int baselineCount, int currentCount, Double baseline,
        Double current, Evidence evidence, Double adjustedP, double level, Double detectable, Tolerance rule,
        Verdict verdict, Integer runsNeeded) {

    /** The metric's name. */
    public String metric() {
        return quantity.name();
    }

    /** current / baseline − 1, or null when undefined. */
    public Double relativeChange() {
        if (baseline == null || current == null || baseline == 0) {
            return null;
        }
        return current / baseline - 1;
    }

    /** The raw p-value of the test, or null. */
    public Double pValue() {
        return evidence == null ? null : evidence.pValue();
    }

    /** The name of the test used ("permutation", "fisher"), or null. */
    public String test() {
        return evidence == null ? null : evidence.method();
    }

    /** The change the rule allows from the baseline value, or null. */
    public Double allowed() {
        return rule == null || baseline == null ? null : rule.allowed(baseline);
    }

    /**
     * Whether a worsening just beyond the rule's tolerance would likely go unnoticed: the tolerance
     * is above zero (a zero tolerance asks only for significance) but below what these runs can detect.
     */
    public boolean underpowered() {
        Double allowed = allowed();
        return allowed != null && detectable != null && allowed > 0 && detectable > allowed;
    }
}
