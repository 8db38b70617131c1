package org.icesim.metrics;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of one run. Durations are kept as integer nanoseconds and written as exact decimal
 * milliseconds, so results are byte-identical wherever they are computed.
 */
public final class RunResult {
    private final EnumMap<Metric, MetricValue> values = new EnumMap<>(Metric.class);

    public RunResult putNanos(Metric metric, long nanos) {
        if (metric.kind() == Metric.Kind.INSTANT) {
            values.put(metric, new MetricValue.Instant(nanos));
        } else {
            require(metric, Metric.Kind.MILLIS);
            values.put(metric, new MetricValue.Duration(nanos));
        }
        return this;
    }

    public RunResult putCount(Metric metric, long count) {
        require(metric, Metric.Kind.COUNT);
        values.put(metric, new MetricValue.Count(count));
        return this;
    }

    public RunResult putFlag(Metric metric, boolean set) {
        require(metric, Metric.Kind.FLAG);
        values.put(metric, new MetricValue.Flag(set));
        return this;
    }

    public RunResult putText(Metric metric, String text) {
        require(metric, Metric.Kind.TEXT);
        values.put(metric, new MetricValue.Text(text));
        return this;
    }

    /** The value in its runs.csv form; empty if absent. */
    public String text(Metric metric) {
        MetricValue value = values.get(metric);
        return value == null ? "" : value.text();
    }

    /** A numeric metric's value (milliseconds for durations), if present. */
    public Optional<Double> number(Metric metric) {
        MetricValue value = values.get(metric);
        return value == null || metric.kind() == Metric.Kind.TEXT ? Optional.empty() : Optional.of(value.number());
    }

    /** The metrics that have a value, in metric order. */
    public Map<Metric, MetricValue> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Nanoseconds as milliseconds, exactly: 1500000 ns → "1.5", 20 ms → "20". */
    public static String millisText(long nanos) {
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString();
    }

    private static void require(Metric metric, Metric.Kind kind) {
        if (metric.kind() != kind) {
            throw new IllegalArgumentException(metric + " is " + metric.kind() + ", not " + kind);
        }
    }
}
