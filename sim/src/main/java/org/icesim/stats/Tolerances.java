package org.icesim.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tolerance rules of a comparison, over a layer of default rules. The most specific rule
 * wins: {@code metric.stat}, then {@code metric}, then {@code *.stat}, then {@code *}; a rule
 * given on the command line or in a file always wins over a default one. A statistic without
 * any rule is reported but never fails the comparison.
 */
public final class Tolerances {

    /** The default tolerance of a headline metric's median and p95, in percent, and of a headline share. */
    public static final int DEFAULT_MEDIAN_PERCENT = 10;
    public static final int DEFAULT_P95_PERCENT = 20;
    public static final String DEFAULT_MEDIAN = "+" + DEFAULT_MEDIAN_PERCENT + "%";
    public static final String DEFAULT_P95 = "+" + DEFAULT_P95_PERCENT + "%";
    public static final String DEFAULT_SHARE = "+0";

    /** No rule at all: nothing can fail. */
    public static final Tolerances NONE = new Tolerances(List.of(), List.of());

    /**
     * What a comparison without rules judges: every headline quantity (restart latency, recovery,
     * media gap and loss, detection times, the fleet's restart and recovery figures and
     * unrecovered faults, the shares of runs reaching failed and of failed runs), each fails on a
     * significant worsening beyond {@link #DEFAULT_MEDIAN}, {@link #DEFAULT_P95} or {@link #DEFAULT_SHARE}.
     */
    public static final Tolerances DEFAULTS = new Tolerances(List.of(), defaultRules());

    private final List<Tolerance> rules;
    private final List<Tolerance> defaults;

    private Tolerances(List<Tolerance> rules, List<Tolerance> defaults) {
        this.rules = List.copyOf(rules);
        this.defaults = List.copyOf(defaults);
    }

    private static List<Tolerance> defaultRules() {
        List<Tolerance> rules = new ArrayList<>();
        for (Quantity quantity : Quantity.values()) {
            if (quantity.headline()) {
                for (Stat stat : quantity.stats()) {
                    String limit = switch (stat) {
                        case MEDIAN -> DEFAULT_MEDIAN;
                        case P95 -> DEFAULT_P95;
                        case SHARE -> DEFAULT_SHARE;
                    };
                    rules.add(Tolerance.parse(quantity.name() + "." + stat.key(), limit));
                }
            }
        }
        return rules;
    }

    /**
     * Rules from key → limit pairs such as {@code restart_latency_ms.p95 → +5%}, in order; a later
     * key replaces an earlier one. No default rules.
     */
    public static Tolerances parse(Map<String, String> rules) {
        return NONE.with(rules);
    }

    /** This set with rules parsed from {@code more} replacing any of the same key. */
    public Tolerances with(Map<String, String> more) {
        List<Tolerance> merged = new ArrayList<>(rules);
        for (Map.Entry<String, String> rule : more.entrySet()) {
            Tolerance tolerance = Tolerance.parse(rule.getKey(), rule.getValue());
            merged.removeIf(t -> t.metric().equals(tolerance.metric()) && t.stat() == tolerance.stat());
            merged.add(tolerance);
        }
        return new Tolerances(merged, defaults);
    }

    /** The rule that governs {@code stat} of {@code quantity}, if any. */
    public Optional<Tolerance> find(Quantity quantity, Stat stat) {
        return mostSpecific(rules, quantity, stat).or(() -> mostSpecific(defaults, quantity, stat));
    }

    private static Optional<Tolerance> mostSpecific(List<Tolerance> rules, Quantity quantity, Stat stat) {
        return rules.stream().filter(rule -> rule.covers(quantity, stat))
                .min(Comparator.comparingInt(rule -> (rule.metric().equals(Tolerance.ANY_METRIC) ? 2 : 0)
                        + (rule.stat() == null ? 1 : 0)));
    }

    /** The rules given (not the defaults). */
    public List<Tolerance> rules() {
        return rules;
    }

    /** Whether the default rules are in force below the given ones. */
    public boolean hasDefaults() {
        return !defaults.isEmpty();
    }

    /** "restart_latency_ms.p95: +5%, …", and how the defaults apply. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        rules.forEach(rule -> parts.add(rule.toString()));
        if (hasDefaults()) {
            parts.add((rules.isEmpty() ? "" : "otherwise ") + "defaults: every headline metric's median " + DEFAULT_MEDIAN
                    + ", p95 " + DEFAULT_P95 + ", headline shares " + DEFAULT_SHARE);
        }
        return parts.isEmpty() ? "none (nothing can fail)" : String.join("; ", parts);
    }
}
