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
        EnumMap<Metric, String> present = new EnumMap<>(Metric.class);
        metrics.forEach((metric, text) -> {
            if (text != null && !text.isEmpty()) {
                present.put(metric, text);
            }
        });
        metrics = Collections.unmodifiableMap(present);
    }
}
