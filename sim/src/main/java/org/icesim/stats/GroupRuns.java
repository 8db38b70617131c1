package org.icesim.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;

/** The runs of one group, in run order. */
public record GroupRuns(GroupKey group, List<RunValues> runs) {

    public GroupRuns {
        runs = List.copyOf(runs);
    }

    /** The values of a numeric metric over the runs that have one, in run order. */
    public double[] numbers(Metric metric) {
        if (metric.kind() == Metric.Kind.TEXT) {
            throw new IllegalArgumentException("metric must be numeric, was " + metric.column() + " (text)");
        }
        List<Double> values = new ArrayList<>();
        for (RunValues run : runs) {
            MetricValue value = run.metrics().get(metric);
            if (value != null) {
                values.add(value.number());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public int failed() {
        return (int) runs.stream().filter(RunValues::failed).count();
    }

    /** The runs that finished, with their values. */
    public List<Map<Metric, MetricValue>> finished() {
        return runs.stream().filter(r -> !r.failed()).map(RunValues::metrics).toList();
    }
}
