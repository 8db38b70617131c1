package org.icesim.stats;

/** What a comparison says about one statistic of one metric in one group. */
public enum Verdict {
    /** No significant difference between the two sets. */
    SAME,
    /** Significantly lower in the current set (every numeric metric is a cost, so lower is better). */
    BETTER,
    /** Significantly higher, but within its tolerance or with no tolerance rule. */
    WORSE,
    /** A significant change beyond its tolerance: the comparison fails. */
    FAIL,
    /** Too few values on one side for a test (fewer than {@link Comparison#MIN_VALUES}). */
    UNTESTED
}
