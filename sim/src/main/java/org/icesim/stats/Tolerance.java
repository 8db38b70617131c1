package org.icesim.stats;

import java.math.BigDecimal;
import org.icesim.metrics.Direction;

/**
 * How far a statistic may worsen before a significant change of it fails a comparison, e.g.
 * {@code restart_latency_ms.p95: +5%}. {@code +} bounds a worsening in the metric's
 * {@link Direction} (a rise of a time, a fall of calls_connected; a rise of a neutral count);
 * {@code ±} (or {@code +-}) bounds a move either way, for rules that should catch any change of
 * behaviour. The amount is a percentage of the baseline value or an absolute amount in the
 * metric's unit (ms for times, a fraction 0..1 for shares).
 *
 * @param metric the quantity's name, or {@code *} for every directed quantity without its own rule
 * @param stat   the statistic bounded, or null for every statistic of the metric
 */
public record Tolerance(String metric, Stat stat, boolean eitherWay, double amount, boolean relative) {

    public static final String ANY_METRIC = "*";

    public Tolerance {
        if (!metric.equals(ANY_METRIC)) {
            Quantity quantity = Quantity.named(metric);
            if (stat != null && !quantity.stats().contains(stat)) {
                throw new IllegalArgumentException(metric + " has " + (quantity.share() ? "the statistic share"
                        : "the statistics median and p95") + ", not " + stat.key());
            }
        }
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("tolerance amount must be a finite number >= 0, was " + amount);
        }
    }

    /**
     * Parses one rule.
     *
     * @param key   {@code <metric>.<median|p95|share>}, {@code <metric>} (each of its statistics),
     *              {@code *.<stat>} or {@code *}
     * @param limit {@code +5%}, {@code ±5%}, {@code +-5%}, {@code +20} (absolute)
     */
    public static Tolerance parse(String key, String limit) {
        String metric = key;
        Stat stat = null;
        int dot = key.lastIndexOf('.');
        if (dot == 0) {
            throw new IllegalArgumentException("tolerance key must be <metric>.<statistic>, <metric>, *.<statistic> or *, "
                    + "was '" + key + "'");
        }
        if (dot > 0) {
            metric = key.substring(0, dot);
            stat = Stat.parse(key.substring(dot + 1));
        }
        String text = limit.strip();
        boolean eitherWay;
        if (text.startsWith("±")) {
            eitherWay = true;
            text = text.substring(1);
        } else if (text.startsWith("+-")) {
            eitherWay = true;
            text = text.substring(2);
        } else if (text.startsWith("+")) {
            eitherWay = false;
            text = text.substring(1);
        } else {
            throw new IllegalArgumentException(key + ": tolerance must start with + (a worsening beyond it fails) or ± (a "
                    + "move either way fails), e.g. +5% or +20, was '" + limit + "'");
        }
        text = text.strip();
        boolean relative = text.endsWith("%");
        if (relative) {
            text = text.substring(0, text.length() - 1).strip();
        }
        double amount;
        try {
            amount = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": tolerance amount must be a number, optionally with %, was '" + limit
                    + "'", e);
        }
        return new Tolerance(metric, stat, eitherWay, relative ? amount / 100 : amount, relative);
    }

    /** Whether the rule is written for {@code stat} of {@code quantity} (by name or by the wildcard). */
    boolean covers(Quantity quantity, Stat stat) {
        boolean name = metric.equals(quantity.name())
                || (metric.equals(ANY_METRIC) && quantity.direction() != Direction.NEUTRAL && quantity.stats().contains(stat));
        return name && (this.stat == null || this.stat == stat);
    }

    /** The change the rule allows from {@code baseline}, in the metric's unit. */
    public double allowed(double baseline) {
        return relative ? amount * Math.abs(baseline) : amount;
    }

    /** Whether moving from {@code baseline} to {@code current} goes beyond this tolerance. */
    public boolean exceededBy(Direction direction, double baseline, double current) {
        double worsening = direction.worsening(baseline, current);
        double allowed = allowed(baseline);
        return worsening > allowed || (eitherWay && -worsening > allowed);
    }

    /** The limit alone: "+5%", "±20". */
    public String limit() {
        return (eitherWay ? "±" : "+") + (relative ? trim(amount * 100) + "%" : trim(amount));
    }

    @Override
    public String toString() {
        return metric + (stat == null ? "" : "." + stat.key()) + ": " + limit();
    }

    private static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
