package org.icesim.stats;

/** What a comparison says about one statistic of one metric in one group. */
public enum Verdict {
    /** No significant difference between the two sets. */
    SAME,
    /** A significant move the metric's direction calls an improvement. */
    BETTER,
    /** A significant worsening, but within its tolerance or with no tolerance rule. */
    WORSE,
    /** A significant move of a neutral metric (a count of messages or bytes), within any rule. */
    CHANGED,
    /** A significant change beyond its tolerance: the comparison fails. */
    FAIL,
    /** The baseline has the metric, the current set has no value of it: fails unless missing values are allowed. */
    MISSING,
    /** Too few values on one side for a test (fewer than {@link Comparison#MIN_VALUES}). */
    UNTESTED
}
