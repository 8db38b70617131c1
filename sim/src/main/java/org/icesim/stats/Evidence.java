package org.icesim.stats;

import java.util.OptionalInt;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What the test of one statistic found: a two-sided p-value, and what the same runs can and
 * cannot detect. Power figures take the significance level each test faces after the multiple-test
 * correction, so they answer "would a change this large come out significant here?".
 */
public sealed interface Evidence permits QuantileDifference.Result, ShareTest.Result {

    /** The test's name as the output shows it. */
    String method();

    /** The two-sided p-value of "the statistic is the same in both sets". */
    double pValue();

    /**
     * The smallest worsening (in the metric's unit) that a test at {@code level} would find
     * significant with probability {@code power}, given runs like these.
     */
    double detectable(double level, double power);

    /**
     * About how many runs per group a test at {@code level} needs to find a worsening of
     * {@code change} significant with probability {@code power}; empty when no number of runs can.
     */
    OptionalInt runsNeeded(double change, double level, double power);

    /** z(1 − level/2) + z(power): the standardised distance a change must have to be detected. */
    static double distance(double level, double power) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        return normal.inverseCumulativeProbability(1 - level / 2) + normal.inverseCumulativeProbability(power);
    }
}
