package org.icesim.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.icesim.kernel.RandomStreams;

/**
 * Compares two result sets group by group, and fails closed. Groups pair by scenario name and
 * swept parameter values (not by point index, so adding a sweep value does not shift the pairs).
 * Every quantity with values gets each of its statistics tested by a test made for it: the median
 * and p95 of a numeric metric by a {@link QuantileDifference}, a share of runs by a {@link ShareTest}.
 *
 * <p>The statistics governed by a tolerance rule form the family that can fail the comparison;
 * Holm's step-down correction over that family keeps the chance that noise alone fails it at α
 * (the other statistics are corrected among themselves and only reported). A statistic is then
 * BETTER, WORSE (or CHANGED, for a neutral metric) when it differs significantly, and FAIL when in
 * addition it moved beyond its tolerance.
 *
 * <p>Failing closed: a comparison with nothing to compare is refused, a baseline group absent from
 * the current set or a baseline metric with no value there fails unless {@link Settings#allowMissing()},
 * and a rule naming a metric neither set has is refused. Each statistic also carries what its runs
 * can detect at the family's level and the chosen power, and whether its tolerance is below that.
 */
public final class Comparison {

    /** Values needed on each side for a test. */
    public static final int MIN_VALUES = 2;
    /** The seed of the resampling generator: the same inputs always give the same verdict. */
    static final long BOOTSTRAP_SEED = 20_26_12_07L;

    /**
     * How a comparison judges.
     *
     * @param alpha        the chance that noise alone fails the comparison (Holm-corrected)
     * @param power        the chance with which a reported detectable change would be found
     * @param allowMissing whether baseline groups and metrics absent from the current set only warn
     * @param requirePower whether a tolerance below what the runs can detect fails the comparison
     */
    public record Settings(double alpha, double power, boolean allowMissing, boolean requirePower) {

        public static final Settings DEFAULT = new Settings(0.05, 0.8, false, false);

        public Settings {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
            }
            if (!(power > 0 && power < 1)) {
                throw new IllegalArgumentException("power must be in (0, 1), was " + power);
            }
        }
    }

    private final List<Change> changes;
    private final List<GroupKey> missingGroups;
    private final List<GroupKey> onlyInCurrent;
    private final Settings settings;

    private Comparison(List<Change> changes, List<GroupKey> missingGroups, List<GroupKey> onlyInCurrent, Settings settings) {
        this.changes = List.copyOf(changes);
        this.missingGroups = List.copyOf(missingGroups);
        this.onlyInCurrent = List.copyOf(onlyInCurrent);
        this.settings = settings;
    }

    /**
     * @throws IllegalArgumentException when there is nothing to compare (a set without runs, no
     *                                  group in common, no statistic with values on both sides),
     *                                  or a rule names a metric neither set has
     */
    public static Comparison of(List<GroupRuns> baseline, List<GroupRuns> current, Tolerances tolerances, Settings settings) {
        refuseEmpty("baseline", baseline);
        refuseEmpty("current", current);
        refuseRulesWithoutValues(tolerances, baseline, current);
        Map<PairKey, GroupRuns> currentByKey = new LinkedHashMap<>();
        for (GroupRuns group : current) {
            currentByKey.put(PairKey.of(group.group()), group);
        }
        List<GroupKey> missingGroups = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        RandomStreams random = new RandomStreams(BOOTSTRAP_SEED);
        for (GroupRuns base : baseline) {
            GroupRuns now = currentByKey.remove(PairKey.of(base.group()));
            if (now == null || now.runs().isEmpty()) {
                missingGroups.add(base.group());
                continue;
            }
            Sides sides = new Sides(base, now, Summaries.of(base), Summaries.of(now));
            for (Quantity quantity : Quantity.values()) {
                for (Stat stat : quantity.stats()) {
                    sides.pending(quantity, stat, tolerances.find(quantity, stat).orElse(null), random).ifPresent(pending::add);
                }
            }
        }
        List<GroupKey> onlyInCurrent = currentByKey.values().stream().map(GroupRuns::group).toList();
        if (missingGroups.size() == baseline.size()) {
            throw new IllegalArgumentException("nothing to compare: no group of the baseline is in the current set (baseline: "
                    + labels(baseline.stream().map(GroupRuns::group).toList()) + "; current: "
                    + labels(current.stream().map(GroupRuns::group).toList()) + ")");
        }
        if (pending.stream().noneMatch(p -> p.evidence != null)) {
            throw new IllegalArgumentException("nothing to compare: no statistic has " + MIN_VALUES
                    + " or more values on both sides in the groups the sets share");
        }
        List<Change> changes = judge(pending, settings);
        return new Comparison(changes, missingGroups, onlyInCurrent, settings);
    }

    private static void refuseEmpty(String side, List<GroupRuns> groups) {
        if (groups.stream().allMatch(g -> g.runs().isEmpty())) {
            throw new IllegalArgumentException("nothing to compare: the " + side + " set has no runs");
        }
    }

    private static void refuseRulesWithoutValues(Tolerances tolerances, List<GroupRuns> baseline, List<GroupRuns> current) {
        for (Tolerance rule : tolerances.rules()) {
            if (rule.metric().equals(Tolerance.ANY_METRIC)) {
                continue;
            }
            Quantity quantity = Quantity.named(rule.metric());
            boolean anywhere = false;
            for (List<GroupRuns> set : List.of(baseline, current)) {
                for (GroupRuns group : set) {
                    anywhere |= Sides.count(quantity, group, Summaries.of(group)) > 0;
                }
            }
            if (!anywhere) {
                throw new IllegalArgumentException("rule '" + rule + "': neither result set has a value of " + rule.metric());
            }
        }
    }

    /** Holm within each family (statistics with a rule, and the rest), then the verdicts. */
    private static List<Change> judge(List<Pending> pending, Settings settings) {
        Map<Boolean, double[]> adjusted = new LinkedHashMap<>();
        Map<Boolean, Integer> familySize = new LinkedHashMap<>();
        for (boolean gated : new boolean[] {true, false}) {
            double[] p = pending.stream().mapToDouble(t -> t.gated() == gated && t.evidence != null ? t.evidence.pValue()
                    : Double.NaN).toArray();
            adjusted.put(gated, holm(p));
            familySize.put(gated, (int) Arrays.stream(p).filter(x -> !Double.isNaN(x)).count());
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending test = pending.get(i);
            double adjustedP = adjusted.get(test.gated())[i];
            double level = settings.alpha() / Math.max(1, familySize.get(test.gated()));
            changes.add(test.change(Double.isNaN(adjustedP) ? null : adjustedP, level, settings));
        }
        return changes;
    }

    public List<Change> changes() {
        return changes;
    }

    /** Baseline groups with no runs in the current set. */
    public List<GroupKey> missingGroups() {
        return missingGroups;
    }

    public List<GroupKey> onlyInCurrent() {
        return onlyInCurrent;
    }

    public Settings settings() {
        return settings;
    }

    /** The statistics that a rule governs: the ones that can fail the comparison. */
    public List<Change> gated() {
        return changes.stream().filter(c -> c.rule() != null).toList();
    }

    /** Whether the comparison fails: a change beyond tolerance, something missing, or (if required) too little power. */
    public boolean failed() {
        return changes.stream().anyMatch(this::fails) || (!settings.allowMissing() && !missingGroups.isEmpty());
    }

    /** Whether this statistic on its own fails the comparison. */
    public boolean fails(Change change) {
        return change.verdict() == Verdict.FAIL
                || (change.verdict() == Verdict.MISSING && !settings.allowMissing())
                || (settings.requirePower() && change.underpowered());
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

    private static String labels(List<GroupKey> groups) {
        return groups.stream().map(GroupKey::label).collect(Collectors.joining(", "));
    }

    /** Groups pair by scenario and parameter values; the point index may differ. */
    private record PairKey(String scenario, Map<String, String> parameters) {
        static PairKey of(GroupKey group) {
            return new PairKey(group.scenario(), group.parameters());
        }
    }

    /** One group in both sets. */
    private record Sides(GroupRuns base, GroupRuns now, GroupSummary baseSummary, GroupSummary nowSummary) {

        /** The number of values (runs with a value, or trials of a share) of {@code quantity} in a group. */
        static int count(Quantity quantity, GroupRuns group, GroupSummary summary) {
            return quantity.share() ? summary.proportions().get(quantity.name()).trials() : group.numbers(quantity.metric()).length;
        }

        Optional<Pending> pending(Quantity quantity, Stat stat, Tolerance rule, RandomStreams random) {
            int baseCount = count(quantity, base, baseSummary);
            int nowCount = count(quantity, now, nowSummary);
            if (baseCount == 0 && nowCount == 0) {
                return Optional.empty();
            }
            if (quantity.share()) {
                Proportion b = baseSummary.proportions().get(quantity.name());
                Proportion c = nowSummary.proportions().get(quantity.name());
                Evidence evidence = baseCount < MIN_VALUES || nowCount < MIN_VALUES ? null
                        : ShareTest.test(b, c, quantity.direction());
                return Optional.of(new Pending(base.group(), quantity, stat, baseCount, nowCount, b.proportion(),
                        c.proportion(), evidence, rule, regular(baseCount)));
            }
            double[] b = base.numbers(quantity.metric());
            double[] c = now.numbers(quantity.metric());
            Evidence evidence = null;
            if (baseCount >= MIN_VALUES && nowCount >= MIN_VALUES) {
                RandomGenerator stream = random.stream(base.group().label() + "|" + quantity.name() + "|" + stat.key());
                evidence = QuantileDifference.test(b, c, stat.percentile(), stream);
            }
            return Optional.of(new Pending(base.group(), quantity, stat, baseCount, nowCount, quantile(b, stat),
                    quantile(c, stat), evidence, rule, regular(baseCount)));
        }

        /**
         * Whether the baseline has the metric regularly: in at least half its finished runs (and
         * {@link #MIN_VALUES}), so that none of it in the current set is a loss and not chance
         * (at half, 30 runs without a value happen by chance once in 10^9).
         */
        private boolean regular(int baseCount) {
            return baseCount >= MIN_VALUES && 2L * baseCount >= base.finished().size();
        }

        private static Double quantile(double[] values, Stat stat) {
            if (values.length == 0) {
                return null;
            }
            return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, stat.percentile());
        }
    }

    /** A statistic tested but not yet judged: the verdict needs the corrected p-value. */
    private record Pending(GroupKey group, Quantity quantity, Stat stat, int baselineCount, int currentCount, Double baseline,
            Double current, Evidence evidence, Tolerance rule, boolean regularInBaseline) {

        boolean gated() {
            return rule != null;
        }

        Change change(Double adjustedP, double level, Settings settings) {
            Verdict verdict;
            if (currentCount == 0 && regularInBaseline) {
                verdict = Verdict.MISSING;
            } else if (adjustedP == null) {
                verdict = Verdict.UNTESTED;
            } else if (adjustedP >= settings.alpha() || baseline.equals(current)) {
                verdict = Verdict.SAME;
            } else if (rule != null && rule.exceededBy(quantity.direction(), baseline, current)) {
                verdict = Verdict.FAIL;
            } else {
                double worsening = quantity.direction().worsening(baseline, current);
                verdict = switch (quantity.direction()) {
                    case NEUTRAL -> Verdict.CHANGED;
                    case LOWER_IS_BETTER, HIGHER_IS_BETTER -> worsening > 0 ? Verdict.WORSE : Verdict.BETTER;
                };
            }
            Double detectable = evidence == null ? null : evidence.detectable(level, settings.power());
            Change change = new Change(group, quantity, stat, baselineCount, currentCount, baseline, current, evidence,
                    adjustedP, level, detectable, rule, verdict, null);
            if (!change.underpowered()) {
                return change;
            }
            OptionalInt needed = evidence.runsNeeded(change.allowed(), level, settings.power());
            return new Change(group, quantity, stat, baselineCount, currentCount, baseline, current, evidence, adjustedP,
                    level, detectable, rule, verdict, needed.isPresent() ? needed.getAsInt() : null);
        }
    }
}
