package org.icesim.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;

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
            String text = run.metrics().get(metric);
            if (text != null) {
                values.add(parse(metric, text));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public int failed() {
        return (int) runs.stream().filter(RunValues::failed).count();
    }

    /** The runs that finished, with their values. */
    public List<Map<Metric, String>> finished() {
        return runs.stream().filter(r -> !r.failed()).map(RunValues::metrics).toList();
    }

    private static double parse(Metric metric, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(metric.column() + " must be a number, was '" + text + "'", e);
        }
    }
}
