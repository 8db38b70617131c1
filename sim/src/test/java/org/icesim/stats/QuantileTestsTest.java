package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.Direction;
import org.junit.jupiter.api.Test;

/** The two tests a comparison uses, against values worked out by hand. */
class QuantileTestsTest {

    @Test
    void harrellDavisWeightsSumToOneAndTheMedianOfASymmetricSampleIsItsMiddle() {
        double[] weights = QuantileDifference.weights(5, 0.5);
        assertThat(Arrays.stream(weights).sum()).isCloseTo(1, within(1e-12));
        assertThat(weights[0]).isCloseTo(weights[4], within(1e-12));
        assertThat(QuantileDifference.estimate(new double[] {5, 1, 4, 2, 3}, weights)).isCloseTo(3, within(1e-12));
        // For n = 2 and p = 1/2 the weights are I_{1/2}(1.5, 1.5) = 1/2 each: the mean of the two values.
        assertThat(QuantileDifference.estimate(new double[] {10, 20}, QuantileDifference.weights(2, 0.5)))
                .isCloseTo(15, within(1e-12));
        // The p95 weights lean on the top order statistics.
        double[] upper = QuantileDifference.weights(20, 0.95);
        assertThat(upper[19] + upper[18]).isGreaterThan(0.5);
    }

    @Test
    void equalConstantSamplesHaveNoErrorAndFiveRunsCannotBeSignificant() {
        QuantileDifference.Result equal = QuantileDifference.test(new double[] {7, 7, 7}, new double[] {7, 7}, 50,
                new RandomStreams(1).stream("t"));
        assertThat(equal.standardError()).isZero();
        assertThat(equal.pValue()).isEqualTo(1);
        // 3 runs against 2: of the 10 re-splits of the pooled runs, the observed one is among the most extreme.
        QuantileDifference.Result apart = QuantileDifference.test(new double[] {7, 7, 7}, new double[] {9, 9}, 50,
                new RandomStreams(1).stream("t"));
        assertThat(apart.difference()).isEqualTo(2);
        assertThat(apart.pValue()).isGreaterThan(0.05);
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(QuantileDifference.test(values, values.clone(), 95, new RandomStreams(1).stream("t")).pValue()).isEqualTo(1);
    }

    @Test
    void fisherExactTestOfTheTeaTastingTableDoublesTheOneSidedTail() {
        // Fisher's tea-tasting table: 3 of 4 in one column versus 1 of 4; P(X >= 3) = 17/70 one-sided.
        ShareTest.Result tea = new ShareTest.Result(1, 4, 3, 4, Direction.LOWER_IS_BETTER);
        assertThat(tea.pValue()).isCloseTo(2 * 17.0 / 70, within(1e-12));
        assertThat(new ShareTest.Result(0, 30, 0, 30, Direction.LOWER_IS_BETTER).pValue()).isEqualTo(1);
        assertThat(new ShareTest.Result(0, 30, 30, 30, Direction.LOWER_IS_BETTER).pValue()).isLessThan(1e-15);
    }

    @Test
    void theDetectableShareFollowsTheArcsineRuleAndItsRunsNeededReachIt() {
        ShareTest.Result none = new ShareTest.Result(0, 30, 0, 30, Direction.LOWER_IS_BETTER);
        // h = (z(0.975) + z(0.8)) · √(2/30) = 0.7234; share = sin²(h/2) = 0.1255.
        assertThat(none.detectable(0.05, 0.8)).isCloseTo(0.1255, within(0.0005));
        int runs = none.runsNeeded(0.05, 0.05, 0.8).orElseThrow();
        ShareTest.Result planned = new ShareTest.Result(0, runs, 0, runs, Direction.LOWER_IS_BETTER);
        assertThat(planned.detectable(0.05, 0.8)).isLessThanOrEqualTo(0.05).isGreaterThan(0.048);
        ShareTest.Result connected = new ShareTest.Result(30, 30, 30, 30, Direction.HIGHER_IS_BETTER);
        assertThat(connected.detectable(0.05, 0.8)).isCloseTo(0.1255, within(0.0005));
    }
}
