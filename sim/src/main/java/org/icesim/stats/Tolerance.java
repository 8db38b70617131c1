package org.icesim.stats;

import java.math.BigDecimal;
import org.icesim.metrics.Metric;

/**
 * How far a statistic of a metric may move before a significant change of it fails a comparison,
 * e.g. {@code restart_latency_ms.p95: +5%}. Every numeric metric of a run is a cost (a time, a
 * count of messages or bytes), so a rise is a regression: {@code +} bounds rises only, {@code ±}
 * (or {@code +-}) bounds moves either way, for baselines that should catch any change of
 * behaviour. The amount is a percentage of the baseline value or an absolute amount in the
 * metric's unit (ms for times).
 *
 * @param metric   the metric's column name, or {@code *} for every numeric metric without its own rule
 */
public record Tolerance(String metric, Stat stat, boolean eitherWay, double amount, boolean relative) {

    public static final String ANY_METRIC = "*";

    public Tolerance {
        if (!metric.equals(ANY_METRIC)) {
            Metric m = metricNamed(metric);
            if (m.kind() != Metric.Kind.MILLIS && m.kind() != Metric.Kind.COUNT) {
                throw new IllegalArgumentException("tolerance metric must be numeric (a time or a count), was '" + metric + "'");
            }
        }
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("tolerance amount must be a finite number >= 0, was " + amount);
        }
    }

    /**
     * Parses one rule.
     *
     * @param key   {@code <metric>.<median|p95>} or {@code *.<median|p95>}
     * @param limit {@code +5%}, {@code ±5%}, {@code +-5%}, {@code +20} (absolute)
     */
    public static Tolerance parse(String key, String limit) {
        int dot = key.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("tolerance key must be <metric>.median or <metric>.p95, was '" + key + "'");
        }
        String metric = key.substring(0, dot);
        Stat stat = Stat.parse(key.substring(dot + 1));
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
            throw new IllegalArgumentException(key + ": tolerance must start with + (a rise beyond it fails) or ± (a move "
                    + "either way fails), e.g. +5% or +20, was '" + limit + "'");
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
            throw new IllegalArgumentException(key + ": tolerance amount must be a number, optionally with %, was '" + limit + "'", e);
        }
        return new Tolerance(metric, stat, eitherWay, relative ? amount / 100 : amount, relative);
    }

    /** Whether moving from {@code baseline} to {@code current} goes beyond this tolerance. */
    public boolean exceededBy(double baseline, double current) {
        double allowed = relative ? amount * Math.abs(baseline) : amount;
        double change = current - baseline;
        return change > allowed || (eitherWay && -change > allowed);
    }

    @Override
    public String toString() {
        String number = relative ? trim(amount * 100) + "%" : trim(amount);
        return metric + "." + stat.key() + ": " + (eitherWay ? "±" : "+") + number;
    }

    private static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static Metric metricNamed(String column) {
        for (Metric metric : Metric.values()) {
            if (metric.column().equals(column)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + column + "'");
    }
}
