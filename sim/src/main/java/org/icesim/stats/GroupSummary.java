package org.icesim.stats;

import java.util.Map;

/**
 * The statistics of one group: per numeric metric its {@link Distribution}; per flag its
 * {@link Proportion} (plus {@code reached_failed}, the share of finished runs with a
 * detect_failed_ms or detect_connection_failed_ms value, and {@code run_failed}, the share of runs
 * that threw); per text metric
 * the number of runs with each value.
 */
public record GroupSummary(String scenario, int point, Map<String, String> parameters, int runs, int failed,
        Map<String, Distribution> metrics, Map<String, Proportion> proportions, Map<String, Map<String, Integer>> values) {

    public GroupKey group() {
        return new GroupKey(scenario, point, parameters);
    }
}
