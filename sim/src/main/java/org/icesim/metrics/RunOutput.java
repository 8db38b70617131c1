package org.icesim.metrics;

import java.util.List;

/**
 * What one run produces: its metrics, and — when asked for — its event log and its load samples
 * over time; and how much simulation it took.
 */
public record RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, RunEffort effort) {

    public RunOutput {
        events = List.copyOf(events);
        load = List.copyOf(load);
    }
}
