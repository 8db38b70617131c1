package org.icesim.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.icesim.metrics.Metric;

/**
 * Compares two result sets group by group. Groups pair by scenario name and swept parameter
 * values (not by point index, so adding a sweep value does not shift the pairs). For every
 * numeric metric with values on both sides, the medians and 95th percentiles are reported with
 * a two-sided Mann-Whitney U test of the values and its rank-biserial effect size.
 *
 * <p>Many metrics in many groups make many tests, and at α = 5 % one in twenty would flag noise;
 * Holm's step-down correction over all tests of the comparison keeps the chance of flagging any
 * noise at α. A statistic is then BETTER or WORSE when its metric differs significantly, and
 * FAIL when, in addition, it moved beyond its tolerance.
 */
public final class Comparison {

    /** Values needed on each side for a test. */
    public static final int MIN_VALUES = 2;

    private final List<Change> changes;
    private final List<GroupKey> onlyInBaseline;
    private final List<GroupKey> onlyInCurrent;

    private Comparison(List<Change> changes, List<GroupKey> onlyInBaseline, List<GroupKey> onlyInCurrent) {
        this.changes = List.copyOf(changes);
        this.onlyInBaseline = List.copyOf(onlyInBaseline);
        this.onlyInCurrent = List.copyOf(onlyInCurrent);
    }

    public static Comparison of(List<GroupRuns> baseline, List<GroupRuns> current, Tolerances tolerances, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        Map<PairKey, GroupRuns> currentByKey = new LinkedHashMap<>();
        for (GroupRuns group : current) {
            currentByKey.put(PairKey.of(group.group()), group);
        }
        List<GroupKey> onlyInBaseline = new ArrayList<>();
        List<Test> tests = new ArrayList<>();
        List<GroupKey> paired = new ArrayList<>();
        for (GroupRuns base : baseline) {
            GroupRuns now = currentByKey.remove(PairKey.of(base.group()));
            if (now == null) {
                onlyInBaseline.add(base.group());
                continue;
            }
            paired.add(base.group());
            for (Metric metric : Metric.values()) {
                if (metric.kind() == Metric.Kind.MILLIS || metric.kind() == Metric.Kind.COUNT) {
                    tests.add(Test.of(base.group(), metric, base.numbers(metric), now.numbers(metric)));
                }
            }
        }
        double[] adjusted = holm(tests.stream().mapToDouble(t -> t.p == null ? Double.NaN : t.p).toArray());
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            Test test = tests.get(i);
            if (test.baseline.length == 0 && test.current.length == 0) {
                continue;
            }
            Double adjustedP = Double.isNaN(adjusted[i]) ? null : adjusted[i];
            for (Stat stat : Stat.values()) {
                changes.add(test.change(stat, adjustedP, tolerances.find(test.metric, stat), alpha));
            }
        }
        List<GroupKey> onlyInCurrent = currentByKey.values().stream().map(GroupRuns::group).toList();
        return new Comparison(changes, onlyInBaseline, onlyInCurrent);
    }

    public List<Change> changes() {
        return changes;
    }

    public List<GroupKey> onlyInBaseline() {
        return onlyInBaseline;
    }

    public List<GroupKey> onlyInCurrent() {
        return onlyInCurrent;
    }

    /** Whether some statistic changed significantly beyond its tolerance. */
    public boolean failed() {
        return changes.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
    }

    /**
     * Holm's step-down adjustment: the i-th smallest of m p-values becomes
     * max over j <= i of min(1, (m − j + 1) · p(j)). NaN entries (no test) stay NaN and do not count.
     */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            m += Double.isNaN(p[i]) ? 0 : 1;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Groups pair by scenario and parameter values; the point index may differ. */
    private record PairKey(String scenario, Map<String, String> parameters) {
        static PairKey of(GroupKey group) {
            return new PairKey(group.scenario(), group.parameters());
        }
    }

    private record Test(GroupKey group, Metric metric, double[] baseline, double[] current, Double p, Double effect) {

        static Test of(GroupKey group, Metric metric, double[] baseline, double[] current) {
            if (baseline.length < MIN_VALUES || current.length < MIN_VALUES) {
                return new Test(group, metric, baseline, current, null, null);
            }
            double p = new MannWhitneyUTest().mannWhitneyUTest(baseline, current);
            return new Test(group, metric, baseline, current, p, rankBiserial(baseline, current));
        }

        Change change(Stat stat, Double adjustedP, Optional<Tolerance> rule, double alpha) {
            Double base = quantile(baseline, stat);
            Double now = quantile(current, stat);
            Verdict verdict;
            if (adjustedP == null) {
                verdict = Verdict.UNTESTED;
            } else if (adjustedP >= alpha || base.equals(now)) {
                verdict = Verdict.SAME;
            } else if (rule.isPresent() && rule.get().exceededBy(base, now)) {
                verdict = Verdict.FAIL;
            } else {
                verdict = now > base ? Verdict.WORSE : Verdict.BETTER;
            }
            return new Change(group, metric, stat, baseline.length, current.length, base, now, p, adjustedP, effect,
                    rule.orElse(null), verdict);
        }

        private static Double quantile(double[] values, Stat stat) {
            if (values.length == 0) {
                return null;
            }
            return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, stat.percentile());
        }

        /**
         * 2·U/(n1·n2) − 1, with U the Mann-Whitney statistic of the current sample (the number of
         * (baseline, current) pairs where current is higher, ties counting one half).
         */
        private static double rankBiserial(double[] baseline, double[] current) {
            double[] all = new double[baseline.length + current.length];
            System.arraycopy(baseline, 0, all, 0, baseline.length);
            System.arraycopy(current, 0, all, baseline.length, current.length);
            double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(all);
            double rankSum = 0;
            for (int i = baseline.length; i < all.length; i++) {
                rankSum += ranks[i];
            }
            double n1 = baseline.length;
            double n2 = current.length;
            double u = rankSum - n2 * (n2 + 1) / 2;
            return 2 * u / (n1 * n2) - 1;
        }
    }
}
