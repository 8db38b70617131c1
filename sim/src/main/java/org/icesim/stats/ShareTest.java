package org.icesim.stats;

import java.util.OptionalInt;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.icesim.metrics.Direction;

/**
 * A test of a share of runs (reached failed, run failed, used TURN) between two sets: Fisher's
 * exact test of the 2 × 2 table, whose null distribution is hypergeometric given the margins; the
 * two-sided p-value doubles the smaller tail (capped at 1). It stays exact at the few runs and
 * shares near 0 that regression baselines have, where a normal approximation does not hold. Power
 * figures use the arcsine transformation, under which a share's variance is 1/n whatever the share
 * (Cohen, Statistical Power Analysis, 1988, ch. 6: h = 2·asin√p₂ − 2·asin√p₁).
 */
public final class ShareTest {

    private ShareTest() {
    }

    /** @param direction which way is a worsening, for the power figures (neutral: a rise) */
    public record Result(int baselineSuccesses, int baselineTrials, int currentSuccesses, int currentTrials,
            Direction direction) implements Evidence {

        @Override
        public String method() {
            return "fisher";
        }

        @Override
        public double pValue() {
            int successes = baselineSuccesses + currentSuccesses;
            int population = baselineTrials + currentTrials;
            if (successes == 0 || successes == population) {
                return 1;
            }
            HypergeometricDistribution table = new HypergeometricDistribution(null, population, successes, currentTrials);
            double lower = table.cumulativeProbability(currentSuccesses);
            double upper = table.upperCumulativeProbability(currentSuccesses);
            return Math.min(1, 2 * Math.min(lower, upper));
        }

        @Override
        public double detectable(double level, double power) {
            double h = Evidence.distance(level, power) * Math.sqrt(1.0 / baselineTrials + 1.0 / currentTrials);
            double angle = angle(baseline());
            double worse = direction == Direction.HIGHER_IS_BETTER ? Math.max(0, angle - h) : Math.min(Math.PI, angle + h);
            return Math.abs(share(worse) - baseline());
        }

        @Override
        public OptionalInt runsNeeded(double change, double level, double power) {
            double target = direction == Direction.HIGHER_IS_BETTER ? baseline() - change : baseline() + change;
            if (!(change > 0) || target < 0 || target > 1) {
                return OptionalInt.empty();
            }
            double h = Math.abs(angle(target) - angle(baseline()));
            return OptionalInt.of((int) Math.max(2, Math.ceil(2 * Math.pow(Evidence.distance(level, power) / h, 2))));
        }

        private double baseline() {
            return (double) baselineSuccesses / baselineTrials;
        }

        private static double angle(double share) {
            return 2 * Math.asin(Math.sqrt(share));
        }

        private static double share(double angle) {
            double root = Math.sin(angle / 2);
            return root * root;
        }
    }

    public static Result test(Proportion baseline, Proportion current, Direction direction) {
        return new Result(baseline.successes(), baseline.trials(), current.successes(), current.trials(), direction);
    }
}
