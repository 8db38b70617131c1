package org.icesim.stats;

import java.util.EnumMap;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;

/** Metric values written as runs.csv writes them, for tests: an empty text is no value, as an empty cell. */
public final class MetricTexts {

    private MetricTexts() {
    }

    public static Map<Metric, MetricValue> values(Map<Metric, String> texts) {
        Map<Metric, MetricValue> values = new EnumMap<>(Metric.class);
        texts.forEach((metric, text) -> {
            if (!text.isEmpty()) {
                values.put(metric, MetricValue.parse(metric, text));
            }
        });
        return values;
    }
}
