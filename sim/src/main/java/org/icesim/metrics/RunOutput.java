package org.icesim.metrics;

import java.util.List;

/**
 * What one run produces: its metrics, and — when asked for — its event log, its load samples
 * over time and the media its peers received per interval; for a fleet, its calls over time and
 * the values behind its percentiles; and how much simulation it took.
 */
public record RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, FleetFigures fleet,
        RunEffort effort, List<MediaSample> media) {

    /** The output of a run that sampled no received media. */
    public RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, FleetFigures fleet,
            RunEffort effort) {
        this(result, events, load, fleet, effort, List.of());
    }

    /** The output of a run of one call. */
    public RunOutput(RunResult result, List<RecordedEvent> events, List<LoadSample> load, RunEffort effort) {
        this(result, events, load, FleetFigures.NONE, effort);
    }

    public RunOutput {
        events = List.copyOf(events);
        load = List.copyOf(load);
        media = List.copyOf(media);
    }
}
