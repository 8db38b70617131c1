package org.icesim.stats;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * A share of runs with a property (used TURN, reached failed, failed) and its Wilson score 95 %
 * interval, which stays inside [0, 1] and is sensible at 0 or n successes, unlike the normal
 * approximation. {@code proportion} and {@code ci95} are null when there were no trials.
 */
public record Proportion(int successes, int trials, Double proportion, Interval ci95) {

    public static Proportion of(int successes, int trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, trials], was " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new Proportion(0, 0, null, null);
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(trials, successes, 0.95);
        // At 0 (n) successes the Wilson bound is exactly 0 (1); the arithmetic leaves rounding noise there.
        double low = successes == 0 ? 0 : ci.getLowerBound();
        double high = successes == trials ? 1 : ci.getUpperBound();
        return new Proportion(successes, trials, (double) successes / trials, new Interval(low, high));
    }
}
