package org.icesim.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.metrics.Metric;

/**
 * The tolerance rules of a comparison. A metric's own rule wins over a {@code *} rule; a statistic
 * without any rule is reported but never fails the comparison.
 */
public final class Tolerances {

    public static final Tolerances NONE = new Tolerances(List.of());

    private final List<Tolerance> rules;

    public Tolerances(List<Tolerance> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Rules from key → limit pairs such as {@code restart_latency_ms.p95 → +5%}, in order; a later key replaces an earlier one. */
    public static Tolerances parse(Map<String, String> rules) {
        List<Tolerance> parsed = new ArrayList<>();
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            Tolerance tolerance = Tolerance.parse(rule.getKey(), rule.getValue());
            parsed.removeIf(t -> t.metric().equals(tolerance.metric()) && t.stat() == tolerance.stat());
            parsed.add(tolerance);
        }
        return new Tolerances(parsed);
    }

    /** This set with {@code other}'s rules replacing any of the same key. */
    public Tolerances with(Tolerances other) {
        List<Tolerance> merged = new ArrayList<>(rules);
        for (Tolerance tolerance : other.rules) {
            merged.removeIf(t -> t.metric().equals(tolerance.metric()) && t.stat() == tolerance.stat());
            merged.add(tolerance);
        }
        return new Tolerances(merged);
    }

    public Optional<Tolerance> find(Metric metric, Stat stat) {
        Optional<Tolerance> own = rules.stream().filter(t -> t.metric().equals(metric.column()) && t.stat() == stat).findFirst();
        if (own.isPresent()) {
            return own;
        }
        return rules.stream().filter(t -> t.metric().equals(Tolerance.ANY_METRIC) && t.stat() == stat).findFirst();
    }

    public List<Tolerance> rules() {
        return rules;
    }
}
