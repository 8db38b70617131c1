package org.icesim.batch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.stats.RunValues;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;

/**
 * What a finished run left: its metrics or its error, and the events, load samples and received
 * media it was asked to keep. A journal holds one per finished run.
 *
 * @param position the run's position in the batch's run order
 * @param error    for a failed run, the exception as {@code Throwable.toString()} gives it; empty when ok
 * @param metrics  the metrics that have a value
 * @param fleet    a fleet run's calls over time (kept with load samples) and the values behind its percentiles
 * @param media    the media each peer received per interval (kept with the events)
 */
public record RunRecord(int position, String runId, boolean failed, String error, Map<Metric, MetricValue> metrics,
        List<RecordedEvent> events, List<LoadSample> load, FleetFigures fleet, List<MediaSample> media) {

    /** The record of a run that kept no received media. */
    public RunRecord(int position, String runId, boolean failed, String error, Map<Metric, MetricValue> metrics,
            List<RecordedEvent> events, List<LoadSample> load, FleetFigures fleet) {
        this(position, runId, failed, error, metrics, events, load, fleet, List.of());
    }

    /** The record of a run that is not a fleet. */
    public RunRecord(int position, String runId, boolean failed, String error, Map<Metric, MetricValue> metrics,
            List<RecordedEvent> events, List<LoadSample> load) {
        this(position, runId, failed, error, metrics, events, load, FleetFigures.NONE);
    }

    public RunRecord {
        metrics = RunValues.ordered(metrics);
        events = List.copyOf(events);
        load = List.copyOf(load);
        fleet = fleet == null ? FleetFigures.NONE : fleet;
        // A journal written before media was kept has no media field.
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** The record of a run that finished; events sorted by time (stably), only what {@code options} asked for kept. */
    public static RunRecord finished(RunSpec run, RunOutput output, RunOptions options) {
        List<RecordedEvent> events = options.events()
                ? output.events().stream().sorted(Comparator.comparingLong(RecordedEvent::timeNanos)).toList()
                : List.of();
        List<LoadSample> load = options.loadIntervalNanos() > 0 ? output.load() : List.of();
        FleetFigures fleet = options.loadIntervalNanos() > 0 ? output.fleet()
                : new FleetFigures(List.of(), output.fleet().restartLatencyNanos(), output.fleet().recoveryNanos());
        List<MediaSample> media = options.events() ? output.media() : List.of();
        return new RunRecord(run.position(), run.runId(), false, "", output.result().values(), events, load, fleet, media);
    }

    /**
     * Runs one run, as every batch engine does. What the run itself throws (its model broke) makes
     * a failed record; an interrupt or a lack of memory is not the run's fault and propagates.
     */
    public static RunRecord execute(RunExecutor executor, RunSpec run, RunOptions options) throws InterruptedException {
        return guarded(() -> finished(run, executor.run(run.scenarioPoint(), run.seed(), options), options),
                error -> failed(run, error));
    }

    /** Work on a run that may throw what a run throws. */
    @FunctionalInterface
    interface RunWork<T> {
        T run() throws Exception;
    }

    /**
     * Does {@code work} on a run (all of it, or a part) and returns its result, or what
     * {@code failure} makes of what the run itself threw, as {@link #execute} does.
     */
    static <T> T guarded(RunWork<T> work, Function<Throwable, T> failure) throws InterruptedException {
        try {
            return work.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
            return failure.apply(e);
        }
    }

    public static RunRecord failed(RunSpec run, Throwable error) {
        return failed(run, error.toString());
    }

    /** The record of a run that failed with {@code error}, the text {@code Throwable.toString()} gives. */
    public static RunRecord failed(RunSpec run, String error) {
        return new RunRecord(run.position(), run.runId(), true, error, Map.of(), List.of(), List.of());
    }

    public RunValues values() {
        return new RunValues(failed, metrics);
    }
}
