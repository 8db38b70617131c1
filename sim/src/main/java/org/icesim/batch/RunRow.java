package org.icesim.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.stats.GroupKey;
import org.icesim.stats.RunValues;

/**
 * One row of runs.csv.
 *
 * @param parameters the swept key paths of the group with their values (only those this run's scenario sweeps)
 * @param metrics    the metrics that have a value
 */
public record RunRow(String runId, String batch, String scenario, String file, int point, Map<String, String> parameters,
        int seedIndex, long seed, boolean failed, String error, Map<Metric, MetricValue> metrics) {

    public RunRow {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = RunValues.ordered(metrics);
    }

    static RunRow of(String batch, RunSpec run, RunRecord record) {
        return new RunRow(run.runId(), batch, run.scenario(), run.file(), run.point(), run.scenarioPoint().parameters(),
                run.seedIndex(), run.seed(), record.failed(), record.error(), record.metrics());
    }

    public GroupKey group() {
        return new GroupKey(scenario, point, parameters);
    }

    public RunValues values() {
        return new RunValues(failed, metrics);
    }
}
