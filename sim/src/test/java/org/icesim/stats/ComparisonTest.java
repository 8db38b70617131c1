package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.junit.jupiter.api.Test;

/**
 * Synthetic result sets whose truth is known: identical sets, a shift of one metric, noise only,
 * an improvement, a shift inside its tolerance, a change of the tail only, sets that share
 * nothing. The comparison must flag what changed and only that, and refuse to compare nothing.
 */
class ComparisonTest {

    private static final Tolerances STRICT = Tolerances.parse(Map.of("*.median", "+0%", "*.p95", "+0%"));
    private static final Comparison.Settings DEFAULT = Comparison.Settings.DEFAULT;

    /**
     * Groups of runs: restart latency log-normal around {@code medianMs} (±20 %), STUN checks
     * around 40 ± 5 (neutral); {@code latencyChange} transforms every latency drawn.
     */
    private static List<GroupRuns> set(long seed, int groups, int runs, double medianMs, DoubleUnaryOperator latencyChange) {
        RandomGenerator random = new RandomStreams(seed).stream("synthetic");
        List<GroupRuns> result = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<RunValues> values = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double latency = latencyChange.applyAsDouble(medianMs * Math.exp(0.2 * random.nextGaussian()));
                long checks = Math.round(40 + 5 * random.nextGaussian());
                values.add(new RunValues(false, Map.of(Metric.RESTART_LATENCY_MS, new MetricValue.Duration(Math.round(latency * 1e6)),
                        Metric.STUN_CHECKS_SENT, new MetricValue.Count(checks))));
            }
            result.add(new GroupRuns(new GroupKey("s" + g, g, Map.of("links.cell.delay", g + "0ms")), values));
        }
        return result;
    }

    private static List<Change> flagged(Comparison comparison) {
        return comparison.changes().stream().filter(c -> c.verdict() != Verdict.SAME).toList();
    }

    private static Change find(Comparison comparison, String metric, Stat stat) {
        return comparison.changes().stream().filter(c -> c.metric().equals(metric) && c.stat() == stat).findFirst()
                .orElseThrow();
    }

    private static GroupRuns group(String scenario, Metric metric, double... values) {
        List<RunValues> runs = new ArrayList<>();
        for (double value : values) {
            MetricValue typed = metric.kind() == Metric.Kind.COUNT ? new MetricValue.Count(Math.round(value))
                    : new MetricValue.Duration(Math.round(value * 1e6));
            runs.add(new RunValues(false, Map.of(metric, typed)));
        }
        return new GroupRuns(new GroupKey(scenario, 0, Map.of()), runs);
    }

    @Test
    void identicalSetsShowNoChange() {
        List<GroupRuns> baseline = set(1, 3, 30, 800, x -> x);
        Comparison comparison = Comparison.of(baseline, set(1, 3, 30, 800, x -> x), STRICT, DEFAULT);
        assertThat(comparison.failed()).isFalse();
        // 2 numeric metrics × 2 statistics, plus the shares run_failed and reached_failed, in 3 groups.
        assertThat(comparison.changes()).hasSize(3 * (2 * 2 + 2));
        assertThat(comparison.changes()).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.SAME);
            assertThat(c.pValue()).isEqualTo(1.0);
        });
    }

    @Test
    void aShiftOfOneMetricIsFlaggedAndFailsBeyondTolerance() {
        List<GroupRuns> baseline = set(1, 3, 30, 800, x -> x);
        List<GroupRuns> current = set(2, 3, 30, 800, x -> x * 1.3);
        Comparison comparison = Comparison.of(baseline, current,
                Tolerances.parse(Map.of("restart_latency_ms.p95", "+5%", "restart_latency_ms.median", "+5%")), DEFAULT);
        assertThat(flagged(comparison)).isNotEmpty().allSatisfy(c -> assertThat(c.metric()).isEqualTo("restart_latency_ms"));
        assertThat(comparison.changes()).filteredOn(c -> c.metric().equals("restart_latency_ms") && c.stat() == Stat.MEDIAN)
                .hasSize(3).allSatisfy(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
                    assertThat(c.test()).isEqualTo("permutation");
                });
        assertThat(comparison.failed()).isTrue();
    }

    @Test
    void withoutRulesTheDefaultsFailASignificantWorseningOfAHeadlineMetric() {
        List<GroupRuns> baseline = set(1, 2, 30, 800, x -> x);
        List<GroupRuns> current = set(2, 2, 30, 800, x -> x * 1.5);
        Comparison none = Comparison.of(baseline, current, Tolerances.NONE, DEFAULT);
        assertThat(none.failed()).as("without any rule nothing can fail").isFalse();
        Comparison defaults = Comparison.of(baseline, current, Tolerances.DEFAULTS, DEFAULT);
        assertThat(defaults.failed()).isTrue();
        Change median = find(defaults, "restart_latency_ms", Stat.MEDIAN);
        assertThat(median.rule()).hasToString("restart_latency_ms.median: " + Tolerances.DEFAULT_MEDIAN);
        assertThat(median.verdict()).isEqualTo(Verdict.FAIL);
        // stun_checks_sent is a neutral detail metric: no default rule governs it.
        assertThat(find(defaults, "stun_checks_sent", Stat.MEDIAN).rule()).isNull();
    }

    @Test
    void noiseOnlyFailsNoMoreOftenThanAlphaAcrossManyTests() {
        // 20 pairs of independent draws from one distribution, each comparing 5 groups × 2 metrics × 2
        // statistics under zero tolerances: 400 tests. Uncorrected, about 5 % would come out "significant".
        int setsFailing = 0;
        int rawSignificant = 0;
        int tests = 0;
        for (int trial = 0; trial < 20; trial++) {
            Comparison comparison = Comparison.of(set(100 + trial, 5, 30, 800, x -> x), set(200 + trial, 5, 30, 800, x -> x),
                    STRICT, DEFAULT);
            setsFailing += comparison.failed() ? 1 : 0;
            for (Change change : comparison.changes()) {
                if (change.stat() != Stat.SHARE) {
                    tests++;
                    rawSignificant += change.pValue() < 0.05 ? 1 : 0;
                }
            }
        }
        assertThat(tests).isEqualTo(400);
        assertThat(rawSignificant).as("uncorrected false positives").isGreaterThan(4);
        assertThat(setsFailing).as("comparisons failing after Holm's correction").isLessThanOrEqualTo(2);
    }

    @Test
    void anImprovementIsMarkedBetterAndDoesNotFail() {
        Comparison comparison = Comparison.of(set(1, 2, 30, 800, x -> x), set(2, 2, 30, 800, x -> x * 0.7), STRICT, DEFAULT);
        assertThat(comparison.changes()).filteredOn(c -> c.metric().equals("restart_latency_ms"))
                .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.BETTER));
        assertThat(comparison.failed()).isFalse();
    }

    @Test
    void anEitherWayRuleFailsAnImprovementBeyondIt() {
        Comparison comparison = Comparison.of(set(1, 2, 30, 800, x -> x), set(2, 2, 30, 800, x -> x * 0.7),
                Tolerances.parse(Map.of("restart_latency_ms.median", "±10%")), DEFAULT);
        assertThat(comparison.failed()).isTrue();
    }

    @Test
    void aSignificantShiftInsideItsToleranceIsWorseButPasses() {
        // Almost no noise: a 3 % shift is certain, and within +5 % but not within +1 %.
        DoubleUnaryOperator flat = x -> 800 + (x - 800) / 1000;
        List<GroupRuns> baseline = set(1, 1, 30, 800, flat);
        List<GroupRuns> current = set(2, 1, 30, 800, x -> flat.applyAsDouble(x) * 1.03);
        Comparison within = Comparison.of(baseline, current, Tolerances.parse(Map.of("restart_latency_ms.median", "+5%")),
                DEFAULT);
        Change median = find(within, "restart_latency_ms", Stat.MEDIAN);
        assertThat(median.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(median.relativeChange()).isCloseTo(0.03, within(0.001));
        assertThat(within.failed()).isFalse();
        Comparison beyond = Comparison.of(baseline, current, Tolerances.parse(Map.of("restart_latency_ms.median", "+1%")),
                DEFAULT);
        assertThat(beyond.failed()).isTrue();
    }

    @Test
    void aNeutralMetricThatFallsIsChangedNotBetterAndAHigherIsBetterMetricThatFallsIsWorse() {
        double[] low = java.util.stream.IntStream.range(0, 30).mapToDouble(i -> 100 + i).toArray();
        double[] high = java.util.stream.IntStream.range(0, 30).mapToDouble(i -> 200 + i).toArray();
        Comparison relayed = Comparison.of(List.of(group("s", Metric.BYTES_RELAYED, high)),
                List.of(group("s", Metric.BYTES_RELAYED, low)), Tolerances.NONE, DEFAULT);
        assertThat(find(relayed, "bytes_relayed", Stat.MEDIAN).verdict()).isEqualTo(Verdict.CHANGED);
        Comparison connected = Comparison.of(List.of(group("s", Metric.CALLS_CONNECTED, high)),
                List.of(group("s", Metric.CALLS_CONNECTED, low)), Tolerances.parse(Map.of("calls_connected", "+10%")), DEFAULT);
        assertThat(find(connected, "calls_connected", Stat.MEDIAN).verdict()).isEqualTo(Verdict.FAIL);
        Comparison rose = Comparison.of(List.of(group("s", Metric.CALLS_CONNECTED, low)),
                List.of(group("s", Metric.CALLS_CONNECTED, high)), Tolerances.parse(Map.of("calls_connected", "+10%")), DEFAULT);
        assertThat(find(rose, "calls_connected", Stat.MEDIAN).verdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void aChangeOfTheTailAloneMovesTheP95TestAndNotTheMedianTest() {
        // The slowest tenth of the runs takes half as long again; the middle of the distribution stays put.
        List<GroupRuns> baseline = set(1, 1, 200, 800, x -> x);
        List<GroupRuns> current = set(2, 1, 200, 800, x -> x > 800 * Math.exp(0.2 * 1.2816) ? 1.5 * x : x);
        Comparison comparison = Comparison.of(baseline, current, Tolerances.DEFAULTS, DEFAULT);
        Change p95 = find(comparison, "restart_latency_ms", Stat.P95);
        Change median = find(comparison, "restart_latency_ms", Stat.MEDIAN);
        assertThat(p95.pValue()).isLessThan(0.05).isLessThan(median.pValue());
        assertThat(median.verdict()).isEqualTo(Verdict.SAME);
    }

    @Test
    void groupsPairByScenarioAndSweptValuesNotByPointIndex() {
        List<GroupRuns> baseline = set(1, 2, 10, 800, x -> x);
        GroupRuns moved = baseline.get(1);
        List<GroupRuns> current = List.of(
                new GroupRuns(new GroupKey("s1", 7, moved.group().parameters()), moved.runs()),
                new GroupRuns(new GroupKey("new", 0, Map.of()), moved.runs()));
        Comparison comparison = Comparison.of(baseline, current, STRICT, new Comparison.Settings(0.05, 0.8, true, false));
        assertThat(comparison.changes()).extracting(c -> c.group().scenario()).containsOnly("s1");
        assertThat(flagged(comparison)).isEmpty();
        assertThat(comparison.missingGroups()).extracting(GroupKey::scenario).containsExactly("s0");
        assertThat(comparison.onlyInCurrent()).extracting(GroupKey::scenario).containsExactly("new");
        assertThat(comparison.failed()).as("missing groups allowed").isFalse();
    }

    @Test
    void aBaselineGroupMissingFromTheCurrentSetFailsUnlessAllowed() {
        List<GroupRuns> baseline = set(1, 3, 10, 800, x -> x);
        List<GroupRuns> current = set(1, 3, 10, 800, x -> x).subList(0, 1);
        assertThat(Comparison.of(baseline, current, STRICT, DEFAULT).failed()).isTrue();
        assertThat(Comparison.of(baseline, current, STRICT, DEFAULT).missingGroups()).extracting(GroupKey::scenario)
                .containsExactly("s1", "s2");
        assertThat(Comparison.of(baseline, current, STRICT, new Comparison.Settings(0.05, 0.8, true, false)).failed())
                .isFalse();
    }

    @Test
    void aMetricTheBaselineHasRegularlyAndTheCurrentSetLacksFailsUnlessAllowed() {
        List<GroupRuns> baseline = set(1, 1, 10, 800, x -> x);
        List<RunValues> withoutLatency = new ArrayList<>();
        for (RunValues run : baseline.get(0).runs()) {
            Map<Metric, MetricValue> values = new EnumMap<>(run.metrics());
            values.remove(Metric.RESTART_LATENCY_MS);
            withoutLatency.add(new RunValues(false, values));
        }
        List<GroupRuns> current = List.of(new GroupRuns(baseline.get(0).group(), withoutLatency));
        Comparison comparison = Comparison.of(baseline, current, Tolerances.NONE, DEFAULT);
        assertThat(find(comparison, "restart_latency_ms", Stat.MEDIAN).verdict()).isEqualTo(Verdict.MISSING);
        assertThat(comparison.failed()).isTrue();
        assertThat(Comparison.of(baseline, current, Tolerances.NONE, new Comparison.Settings(0.05, 0.8, true, false)).failed())
                .isFalse();
    }

    @Test
    void aSparseMetricAbsentByChanceIsNotMissing() {
        // detect_failed_ms in 2 of 10 baseline runs and none of the current ones: chance, not a loss.
        GroupKey key = new GroupKey("s", 0, Map.of());
        List<RunValues> base = new ArrayList<>();
        List<RunValues> now = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            base.add(new RunValues(false, MetricTexts.values(i < 2 ? Map.of(Metric.DETECT_FAILED_MS, "25000", Metric.RECOVERY_MS, "10")
                    : Map.of(Metric.RECOVERY_MS, "10"))));
            now.add(new RunValues(false, MetricTexts.values(Map.of(Metric.RECOVERY_MS, "10"))));
        }
        Comparison comparison = Comparison.of(List.of(new GroupRuns(key, base)), List.of(new GroupRuns(key, now)),
                Tolerances.DEFAULTS, DEFAULT);
        assertThat(find(comparison, "detect_failed_ms", Stat.MEDIAN).verdict()).isEqualTo(Verdict.UNTESTED);
        assertThat(comparison.failed()).isFalse();
    }

    @Test
    void comparingNothingIsRefusedWithTheReason() {
        List<GroupRuns> baseline = set(1, 2, 10, 800, x -> x);
        List<GroupRuns> elsewhere = List.of(new GroupRuns(new GroupKey("other", 0, Map.of()), baseline.get(0).runs()));
        assertThatThrownBy(() -> Comparison.of(baseline, elsewhere, Tolerances.DEFAULTS, DEFAULT))
                .hasMessageStartingWith("nothing to compare: no group of the baseline is in the current set")
                .hasMessageContaining("s0/p0 links.cell.delay=00ms").hasMessageContaining("other/p0");
        assertThatThrownBy(() -> Comparison.of(baseline, List.of(), Tolerances.DEFAULTS, DEFAULT))
                .hasMessage("nothing to compare: the current set has no runs");
        assertThatThrownBy(() -> Comparison.of(List.of(), baseline, Tolerances.DEFAULTS, DEFAULT))
                .hasMessage("nothing to compare: the baseline set has no runs");
        GroupKey key = new GroupKey("s", 0, Map.of());
        GroupRuns one = new GroupRuns(key, List.of(new RunValues(false, MetricTexts.values(Map.of(Metric.RECOVERY_MS, "10")))));
        assertThatThrownBy(() -> Comparison.of(List.of(one), List.of(one), Tolerances.DEFAULTS, DEFAULT))
                .hasMessageStartingWith("nothing to compare: no statistic has 2 or more values on both sides");
    }

    @Test
    void aRuleForAMetricNeitherSetHasIsRefused() {
        List<GroupRuns> baseline = set(1, 1, 10, 800, x -> x);
        assertThatThrownBy(() -> Comparison.of(baseline, baseline, Tolerances.parse(Map.of("recovery_ms.p95", "+10%")),
                DEFAULT)).hasMessage("rule 'recovery_ms.p95: +10%': neither result set has a value of recovery_ms");
        assertThat(Comparison.of(baseline, baseline, Tolerances.parse(Map.of("*", "+10%")), DEFAULT).failed()).isFalse();
    }

    @Test
    void theDetectableChangeHalvesWithFourTimesTheRunsAndATighterToleranceIsUnderpowered() {
        List<GroupRuns> small = set(1, 1, 25, 800, x -> x);
        List<GroupRuns> large = set(1, 1, 100, 800, x -> x);
        Tolerances rule = Tolerances.parse(Map.of("restart_latency_ms.median", "+5%"));
        Change few = find(Comparison.of(small, set(2, 1, 25, 800, x -> x), rule, DEFAULT), "restart_latency_ms", Stat.MEDIAN);
        Change many = find(Comparison.of(large, set(2, 1, 100, 800, x -> x), rule, DEFAULT), "restart_latency_ms",
                Stat.MEDIAN);
        assertThat(many.detectable() / few.detectable()).isCloseTo(0.5, within(0.15));
        // ±20 % log-normal noise: 25 runs per group detect about a +20 % rise of the median at 80 % power.
        assertThat(few.detectable() / few.baseline()).isBetween(0.12, 0.3);
        assertThat(few.underpowered()).isTrue();
        assertThat(few.runsNeeded()).isBetween(100, 1000);
        // The runs needed for +5 % bring the detectable change down to about +5 %.
        List<GroupRuns> enough = set(1, 1, few.runsNeeded(), 800, x -> x);
        Change planned = find(Comparison.of(enough, set(2, 1, few.runsNeeded(), 800, x -> x), rule, DEFAULT),
                "restart_latency_ms", Stat.MEDIAN);
        assertThat(planned.detectable() / planned.baseline()).isCloseTo(0.05, within(0.01));
        Comparison required = Comparison.of(small, set(2, 1, 25, 800, x -> x), rule, new Comparison.Settings(0.05, 0.8, false,
                true));
        assertThat(required.failed()).isTrue();
        assertThat(Comparison.of(small, set(2, 1, 25, 800, x -> x), rule, DEFAULT).failed()).isFalse();
    }

    @Test
    void theBootstrapIsSeededSoTheSameInputsGiveTheSameVerdict() {
        List<GroupRuns> baseline = set(1, 2, 20, 800, x -> x);
        List<GroupRuns> current = set(2, 2, 20, 800, x -> x * 1.1);
        Comparison first = Comparison.of(baseline, current, Tolerances.DEFAULTS, DEFAULT);
        Comparison second = Comparison.of(baseline, current, Tolerances.DEFAULTS, DEFAULT);
        assertThat(first.changes()).extracting(Change::pValue).containsExactlyElementsOf(
                second.changes().stream().map(Change::pValue).toList());
        assertThat(first.changes()).extracting(Change::detectable).containsExactlyElementsOf(
                second.changes().stream().map(Change::detectable).toList());
    }

    @Test
    void tooFewValuesAreUntestedAndNeverFail() {
        GroupKey key = new GroupKey("s", 0, Map.of());
        GroupRuns one = new GroupRuns(key, List.of(new RunValues(false, MetricTexts.values(Map.of(Metric.RECOVERY_MS, "10")))));
        GroupRuns other = new GroupRuns(key, List.of(new RunValues(false, MetricTexts.values(Map.of(Metric.RECOVERY_MS, "99")))));
        GroupRuns tested = set(1, 1, 10, 800, x -> x).get(0);
        Comparison comparison = Comparison.of(List.of(one, tested), List.of(other, tested), STRICT, DEFAULT);
        assertThat(comparison.changes()).filteredOn(c -> c.metric().equals("recovery_ms")).hasSize(2).allSatisfy(c -> {
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
}
