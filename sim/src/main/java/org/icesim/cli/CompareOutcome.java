package org.icesim.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icesim.metrics.Direction;
import org.icesim.stats.Change;
import org.icesim.stats.Comparison;
import org.icesim.stats.GroupKey;
import org.icesim.stats.Stat;
import org.icesim.stats.Tolerances;
import org.icesim.stats.Verdict;

/**
 * A finished comparison with what every output format (text, JSON, JUnit, Markdown) shows of it:
 * the cells of a statistic's line, the warnings, the closing verdict and the exit status.
 */
record CompareOutcome(Side baseline, Side current, Tolerances tolerances, Comparison comparison) {

    /** One result set: where it is, its batch name, its runs. */
    record Side(String directory, String batch, int runs) {
    }

    boolean failed() {
        return comparison.failed();
    }

    int exitStatus() {
        return failed() ? ExitCodes.FOUND_FAILURES : 0;
    }

    /** "FAIL: …" or "OK: …". */
    String conclusion() {
        if (!failed()) {
            return "OK: no significant worsening beyond tolerance, nothing missing";
        }
        List<String> reasons = new ArrayList<>();
        long beyond = comparison.changes().stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        long missing = comparison.missingGroups().size()
                + comparison.changes().stream().filter(c -> c.verdict() == Verdict.MISSING).count();
        long weak = comparison.changes().stream().filter(c -> comparison.settings().requirePower() && c.underpowered()).count();
        if (beyond > 0) {
            reasons.add(beyond + " significant change" + (beyond == 1 ? "" : "s") + " beyond tolerance");
        }
        if (missing > 0 && !comparison.settings().allowMissing()) {
            reasons.add(missing + " missing in the current set");
        }
        if (weak > 0) {
            reasons.add(weak + " tolerance" + (weak == 1 ? "" : "s") + " below what the runs can detect");
        }
        return "FAIL: " + String.join(", ", reasons);
    }

    /** "N statistics compared (M governed by rules): a same, b worse, …". */
    String tally() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        comparison.changes().forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, count) -> parts.add(count + " " + verdict.name().toLowerCase(Locale.ROOT)));
        return String.format(Locale.ROOT, "%d statistics compared (%d governed by rules): %s", comparison.changes().size(),
                comparison.gated().size(), String.join(", ", parts));
    }

    /** "α = 0.05 (Holm-corrected over the N statistics governed by rules); power 80%". */
    String settingsLine() {
        return String.format(Locale.ROOT, "alpha %s (Holm-corrected within the statistics governed by rules), power %s; "
                + "tests: permutation test of the Harrell-Davis quantile (median, p95), Fisher's exact (shares)",
                plain(comparison.settings().alpha()), TextTable.percent(comparison.settings().power()));
    }

    /** Missing groups, groups only in the current set, and tolerances the runs cannot resolve. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        String missing = comparison.settings().allowMissing() ? " (allowed)" : "";
        for (GroupKey group : comparison.missingGroups()) {
            warnings.add("group " + group.label() + " is in the baseline but has no runs in the current set" + missing);
        }
        for (Change change : comparison.changes()) {
            if (change.verdict() == Verdict.MISSING) {
                warnings.add(change.group().label() + ": " + change.metric() + " has " + change.baselineCount()
                        + " values in the baseline and none in the current set" + missing);
            }
        }
        for (GroupKey group : comparison.onlyInCurrent()) {
            warnings.add("group " + group.label() + " is only in the current set (not compared)");
        }
        warnings.addAll(powerWarnings());
        return warnings;
    }

    /** One warning per metric and statistic whose tolerance is below what the runs detect, over all groups. */
    private List<String> powerWarnings() {
        Map<String, List<Change>> weak = new LinkedHashMap<>();
        for (Change change : comparison.changes()) {
            if (change.underpowered()) {
                weak.computeIfAbsent(change.metric() + " " + change.stat().key(), k -> new ArrayList<>()).add(change);
            }
        }
        List<String> warnings = new ArrayList<>();
        weak.forEach((name, changes) -> {
            Change worst = changes.stream().max((a, b) -> Double.compare(a.detectable() / a.allowed(),
                    b.detectable() / b.allowed())).orElseThrow();
            int runs = changes.stream().mapToInt(c -> Math.min(c.baselineCount(), c.currentCount())).min().orElseThrow();
            Integer needed = changes.stream().map(Change::runsNeeded).filter(n -> n != null).max(Integer::compare).orElse(null);
            long groups = comparison.changes().stream().filter(c -> (c.metric() + " " + c.stat().key()).equals(name)
                    && c.rule() != null && c.detectable() != null).count();
            warnings.add(String.format(Locale.ROOT, "%d runs per group cannot detect a %s %s in %s (in %d of %d groups; "
                    + "detectable: %s)%s", runs, limitText(worst), worseningWord(worst), name, changes.size(), groups,
                    detectable(worst), needed == null ? "" : "; about " + needed + " are needed"));
        });
        return warnings;
    }

    private static String limitText(Change change) {
        return change.rule().limit().replace("±", "");
    }

    private static String worseningWord(Change change) {
        return switch (change.quantity().direction()) {
            case LOWER_IS_BETTER, NEUTRAL -> change.rule().eitherWay() ? "change" : "rise";
            case HIGHER_IS_BETTER -> change.rule().eitherWay() ? "change" : "fall";
        };
    }

    // ---- cells of one statistic's line, shared by the formats ----

    /** "+12.3%" of the baseline, or the signed difference when the baseline is 0, or "-". */
    static String change(Change change) {
        Double relative = change.relativeChange();
        if (relative != null && change.stat() != Stat.SHARE) {
            return (relative >= 0 ? "+" : "") + TextTable.percent(relative);
        }
        if (change.baseline() == null || change.current() == null) {
            return "-";
        }
        double difference = change.current() - change.baseline();
        return (difference > 0 ? "+" : "") + TextTable.number(difference);
    }

    /** A statistic's value: a number, or a share as a percentage. */
    static String value(Change change, Double value) {
        return change.stat() == Stat.SHARE ? TextTable.percent(value) : TextTable.number(value);
    }

    /** The smallest worsening the runs detect, in the rule's terms (percent of the baseline or the unit); "-" if untested. */
    static String detectable(Change change) {
        if (change.detectable() == null) {
            return "-";
        }
        boolean relative = (change.rule() != null ? change.rule().relative() : change.stat() != Stat.SHARE)
                && change.baseline() != null && change.baseline() != 0;
        String sign = change.quantity().direction() == Direction.HIGHER_IS_BETTER ? "-" : "+";
        return sign + (relative ? TextTable.percent(change.detectable() / Math.abs(change.baseline()))
                : TextTable.number(change.detectable()));
    }

    static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.0001 ? "<0.0001" : new BigDecimal(p).round(new MathContext(2)).toPlainString();
    }

    static String rule(Change change) {
        return change.rule() == null ? "" : change.rule().limit();
    }

    static String verdict(Change change) {
        return switch (change.verdict()) {
            case SAME -> "same";
            case BETTER -> "better";
            case WORSE -> "worse";
            case CHANGED -> "changed";
            case FAIL -> "FAIL";
            case MISSING -> "MISSING";
            case UNTESTED -> "untested";
        };
    }

    /** The verdict plus "low power" when the rule is below what the runs detect. */
    static String verdictWithPower(Change change) {
        return verdict(change) + (change.underpowered() ? ", low power" : "");
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
