package org.icesim.metrics;

import java.util.List;

/**
 * What one run produces: its metrics, and — when asked for — its event log and its load samples
 * over time; for a fleet, its calls over time and the values behind its percentiles; and how
 * much simulation it took.
 */
public record RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, FleetFigures fleet,
        RunEffort effort) {

    /** The output of a run of one call. */
    public RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, RunEffort effort) {
        this(result, events, load, FleetFigures.NONE, effort);
    }

    public RunOutput {
        events = List.copyOf(events);
        load = List.copyOf(load);
    }
}
