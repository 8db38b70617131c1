package org.icesim.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;

/**
 * The metric values of one run, typed as the run computed them (or as runs.csv gave them back);
 * a metric without a value is absent. A failed run has no values.
 */
public record RunValues(boolean failed, Map<Metric, MetricValue> metrics) {

    public RunValues {
        metrics = ordered(metrics);
    }

    /** The values in metric order and unmodifiable, as every holder of a run's values keeps them. */
    public static Map<Metric, MetricValue> ordered(Map<Metric, MetricValue> metrics) {
        EnumMap<Metric, MetricValue> ordered = new EnumMap<>(Metric.class);
        ordered.putAll(metrics);
        return Collections.unmodifiableMap(ordered);
    }
}
