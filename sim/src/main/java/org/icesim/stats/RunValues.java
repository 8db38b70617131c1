package org.icesim.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.icesim.metrics.Metric;

/**
 * The metric values of one run as written in runs.csv ({@code RunResult.text}: exact decimal
 * milliseconds, counts, text); a metric without a value is absent. A failed run has no values.
 */
public record RunValues(boolean failed, Map<Metric, String> metrics) {

    public RunValues {
        metrics = present(metrics);
    }

    /**
     * The metrics that have a value, in metric order and unmodifiable: a metric whose text is
     * empty (or null) has none, as an empty runs.csv cell says. Every holder of a run's metric
     * texts filters through here.
     */
    public static Map<Metric, String> present(Map<Metric, String> metrics) {
        EnumMap<Metric, String> present = new EnumMap<>(Metric.class);
        metrics.forEach((metric, text) -> {
            if (text != null && !text.isEmpty()) {
                present.put(metric, text);
            }
        });
        return Collections.unmodifiableMap(present);
    }
}
