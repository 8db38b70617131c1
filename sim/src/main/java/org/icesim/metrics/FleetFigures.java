package org.icesim.metrics;

import java.util.List;

/**
 * What a fleet run keeps beyond its runs.csv row: its calls over time and every restart latency
 * and recovery behind the percentiles of that row (docs/results-format.md, load.csv and
 * fleet-values.csv). Empty for a run of one call.
 *
 * @param calls               the calls at the end of every load interval, in time order
 * @param restartLatencyNanos every restart's latency, ascending
 * @param recoveryNanos       every recovery per fault and direction, ascending
 */
public record FleetFigures(List<CallsSample> calls, List<Long> restartLatencyNanos, List<Long> recoveryNanos) {

    /** A run of one call: nothing. */
    public static final FleetFigures NONE = new FleetFigures(List.of(), List.of(), List.of());

    public FleetFigures {
        calls = calls == null ? List.of() : List.copyOf(calls);
        restartLatencyNanos = restartLatencyNanos == null ? List.of() : List.copyOf(restartLatencyNanos);
        recoveryNanos = recoveryNanos == null ? List.of() : List.copyOf(recoveryNanos);
    }
}
