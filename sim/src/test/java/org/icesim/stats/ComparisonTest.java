package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.Metric;
import org.junit.jupiter.api.Test;

/**
 * Synthetic result sets whose truth is known: identical sets, a shift of one metric, noise only,
 * an improvement, a shift inside its tolerance. The comparison must flag what changed and only that.
 */
class ComparisonTest {

    private static final Tolerances STRICT = Tolerances.parse(Map.of("*.median", "+0%", "*.p95", "+0%"));

    /**
     * Groups of runs: restart latency log-normal around {@code medianMs} (±20 %), and STUN
     * checks around 40 ± 5; {@code latencyChange} transforms every latency drawn.
     */
    private static List<GroupRuns> set(long seed, int groups, int runs, double medianMs, DoubleUnaryOperator latencyChange) {
        RandomGenerator random = new RandomStreams(seed).stream("synthetic");
        List<GroupRuns> result = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<RunValues> values = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double latency = latencyChange.applyAsDouble(medianMs * Math.exp(0.2 * random.nextGaussian()));
                long checks = Math.round(40 + 5 * random.nextGaussian());
                values.add(new RunValues(false, Map.of(Metric.RESTART_LATENCY_MS, Double.toString(latency),
                        Metric.STUN_CHECKS_SENT, Long.toString(checks))));
            }
            result.add(new GroupRuns(new GroupKey("s" + g, g, Map.of("links.cell.delay", g + "0ms")), values));
        }
        return result;
    }

    private static List<Change> flagged(Comparison comparison) {
        return comparison.changes().stream().filter(c -> c.verdict() != Verdict.SAME).toList();
    }

    @Test
    void identicalSetsShowNoChange() {
        List<GroupRuns> baseline = set(1, 3, 30, 800, x -> x);
        Comparison comparison = Comparison.of(baseline, set(1, 3, 30, 800, x -> x), STRICT, 0.05);
        assertThat(flagged(comparison)).isEmpty();
        assertThat(comparison.failed()).isFalse();
        assertThat(comparison.changes()).hasSize(3 * 2 * 2);
        assertThat(comparison.changes()).allSatisfy(c -> assertThat(c.effectSize()).isZero());
    }

    @Test
    void aShiftOfOneMetricIsFlaggedAndFailsBeyondTolerance() {
        List<GroupRuns> baseline = set(1, 3, 30, 800, x -> x);
        List<GroupRuns> current = set(2, 3, 30, 800, x -> x * 1.3);
        Comparison comparison = Comparison.of(baseline, current,
                Tolerances.parse(Map.of("restart_latency_ms.p95", "+5%", "restart_latency_ms.median", "+5%")), 0.05);
        assertThat(flagged(comparison)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.metric()).isEqualTo(Metric.RESTART_LATENCY_MS);
            assertThat(c.effectSize()).isGreaterThan(0.4);
        });
        assertThat(comparison.changes()).filteredOn(c -> c.metric() == Metric.RESTART_LATENCY_MS && c.stat() == Stat.MEDIAN)
                .hasSize(3).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(comparison.failed()).isTrue();
    }

    @Test
    void noiseOnlyIsFlaggedNoMoreOftenThanAlphaAcrossManyTests() {
        // 20 pairs of independent draws from one distribution, each comparing 10 groups × 2 metrics:
        // 400 tests. Uncorrected, about 5 % of them would come out "significant".
        int setsWithAFlag = 0;
        int rawSignificant = 0;
        int tests = 0;
        for (int trial = 0; trial < 20; trial++) {
            Comparison comparison = Comparison.of(set(100 + trial, 10, 30, 800, x -> x), set(200 + trial, 10, 30, 800, x -> x),
                    STRICT, 0.05);
            setsWithAFlag += flagged(comparison).isEmpty() ? 0 : 1;
            for (Change change : comparison.changes()) {
                if (change.stat() == Stat.MEDIAN) {
                    tests++;
                    rawSignificant += change.pValue() < 0.05 ? 1 : 0;
                }
            }
        }
        assertThat(tests).isEqualTo(400);
        assertThat(rawSignificant).as("uncorrected false positives").isGreaterThan(4);
        assertThat(setsWithAFlag).as("comparisons flagging anything after Holm's correction").isLessThanOrEqualTo(2);
    }

    @Test
    void anImprovementIsMarkedBetterAndDoesNotFail() {
        Comparison comparison = Comparison.of(set(1, 2, 30, 800, x -> x), set(2, 2, 30, 800, x -> x * 0.7), STRICT, 0.05);
        assertThat(flagged(comparison)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
            assertThat(c.effectSize()).isLessThan(-0.4);
        });
        assertThat(comparison.failed()).isFalse();
    }

    @Test
    void anEitherWayRuleFailsAnImprovementBeyondIt() {
        Comparison comparison = Comparison.of(set(1, 2, 30, 800, x -> x), set(2, 2, 30, 800, x -> x * 0.7),
                Tolerances.parse(Map.of("restart_latency_ms.median", "±10%")), 0.05);
        assertThat(comparison.failed()).isTrue();
    }

    @Test
    void aSignificantShiftInsideItsToleranceIsWorseButPasses() {
        // Almost no noise: a 3 % shift is certain, and within +5 % but not within +1 %.
        DoubleUnaryOperator flat = x -> 800 + (x - 800) / 1000;
        List<GroupRuns> baseline = set(1, 1, 30, 800, flat);
        List<GroupRuns> current = set(2, 1, 30, 800, x -> flat.applyAsDouble(x) * 1.03);
        Comparison within = Comparison.of(baseline, current, Tolerances.parse(Map.of("restart_latency_ms.median", "+5%")), 0.05);
        Change median = within.changes().stream()
                .filter(c -> c.metric() == Metric.RESTART_LATENCY_MS && c.stat() == Stat.MEDIAN).findFirst().orElseThrow();
        assertThat(median.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(median.relativeChange()).isCloseTo(0.03, within(0.001));
        assertThat(within.failed()).isFalse();
        Comparison beyond = Comparison.of(baseline, current, Tolerances.parse(Map.of("restart_latency_ms.median", "+1%")), 0.05);
        assertThat(beyond.failed()).isTrue();
    }

    @Test
    void groupsPairByScenarioAndSweptValuesNotByPointIndex() {
        List<GroupRuns> baseline = set(1, 2, 10, 800, x -> x);
        GroupRuns moved = baseline.get(1);
        List<GroupRuns> current = List.of(
                new GroupRuns(new GroupKey("s1", 7, moved.group().parameters()), moved.runs()),
                new GroupRuns(new GroupKey("new", 0, Map.of()), moved.runs()));
        Comparison comparison = Comparison.of(baseline, current, STRICT, 0.05);
        assertThat(comparison.changes()).extracting(c -> c.group().scenario()).containsOnly("s1");
        assertThat(flagged(comparison)).isEmpty();
        assertThat(comparison.onlyInBaseline()).extracting(GroupKey::scenario).containsExactly("s0");
        assertThat(comparison.onlyInCurrent()).extracting(GroupKey::scenario).containsExactly("new");
    }

    @Test
    void tooFewValuesAreUntestedAndNeverFail() {
        GroupKey key = new GroupKey("s", 0, Map.of());
        GroupRuns one = new GroupRuns(key, List.of(new RunValues(false, Map.of(Metric.RECOVERY_MS, "10"))));
        GroupRuns other = new GroupRuns(key, List.of(new RunValues(false, Map.of(Metric.RECOVERY_MS, "99"))));
        Comparison comparison = Comparison.of(List.of(one), List.of(other), STRICT, 0.05);
        assertThat(comparison.changes()).hasSize(2).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.UNTESTED);
            assertThat(c.baseline()).isEqualTo(10);
            assertThat(c.current()).isEqualTo(99);
        });
        assertThat(comparison.failed()).isFalse();
    }

    @Test
    void holmMultipliesTheIthSmallestPValueByTheTestsLeftAndKeepsOrder() {
        double[] adjusted = Comparison.holm(new double[] {0.01, 0.04, 0.03, Double.NaN});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[3]).isNaN();
    }

    @Test
    void theEffectSizeIsOneWhenEveryCurrentValueIsHigher() {
        GroupKey key = new GroupKey("s", 0, Map.of());
        List<RunValues> low = new ArrayList<>();
        List<RunValues> high = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            low.add(new RunValues(false, Map.of(Metric.RECOVERY_MS, Integer.toString(i))));
            high.add(new RunValues(false, Map.of(Metric.RECOVERY_MS, Integer.toString(100 + i))));
        }
        Comparison comparison = Comparison.of(List.of(new GroupRuns(key, low)), List.of(new GroupRuns(key, high)),
                Tolerances.NONE, 0.05);
        assertThat(comparison.changes()).allSatisfy(c -> {
            assertThat(c.effectSize()).isEqualTo(1.0);
            assertThat(c.verdict()).isEqualTo(Verdict.WORSE);
        });
    }
}
