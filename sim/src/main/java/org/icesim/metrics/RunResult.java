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
    private final EnumMap<Metric, Object> values = new EnumMap<>(Metric.class);

    public RunResult putNanos(Metric metric, long nanos) {
        if (metric.kind() != Metric.Kind.INSTANT) {
            require(metric, Metric.Kind.MILLIS);
        }
        values.put(metric, nanos);
        return this;
    }

    public RunResult putCount(Metric metric, long count) {
        if (metric.kind() != Metric.Kind.COUNT && metric.kind() != Metric.Kind.FLAG) {
            throw new IllegalArgumentException(metric + " is not a count or flag");
        }
        values.put(metric, count);
        return this;
    }

    public RunResult putText(Metric metric, String text) {
        require(metric, Metric.Kind.TEXT);
        values.put(metric, text);
        return this;
    }

    /** The value in its CSV form: milliseconds as an exact decimal, counts, text; empty if absent. */
    public String text(Metric metric) {
        Object value = values.get(metric);
        if (value == null) {
            return "";
        }
        if (metric.kind() == Metric.Kind.MILLIS || metric.kind() == Metric.Kind.INSTANT) {
            return millisText((Long) value);
        }
        return value.toString();
    }

    /** A numeric metric's value (milliseconds for durations), if present. */
    public Optional<Double> number(Metric metric) {
        Object value = values.get(metric);
        if (value == null || metric.kind() == Metric.Kind.TEXT) {
            return Optional.empty();
        }
        long raw = (Long) value;
        return Optional.of(metric.kind() == Metric.Kind.MILLIS || metric.kind() == Metric.Kind.INSTANT ? raw / 1e6 : raw);
    }

    public Map<Metric, Object> values() {
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
