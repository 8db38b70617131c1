package org.icesim.batch;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;
import org.icesim.stats.RunValues;

/**
 * What a finished run left: its metrics (in their runs.csv text form) or its error, and the
 * events and load samples it was asked to keep. A journal holds one per finished run.
 *
 * @param position the run's position in the batch's run order
 * @param error    for a failed run, the exception as {@code Throwable.toString()} gives it; empty when ok
 * @param metrics  the metrics that have a value
 */
public record RunRecord(int position, String runId, boolean failed, String error, Map<Metric, String> metrics,
        List<RecordedEvent> events, List<LoadSample> load) {

    public RunRecord {
        EnumMap<Metric, String> present = new EnumMap<>(Metric.class);
        metrics.forEach((metric, text) -> {
            if (!text.isEmpty()) {
                present.put(metric, text);
            }
        });
        metrics = present;
        events = List.copyOf(events);
        load = List.copyOf(load);
    }

    /** The record of a run that finished; events sorted by time (stably), only what {@code options} asked for kept. */
    public static RunRecord finished(RunSpec run, RunOutput output, RunOptions options) {
        EnumMap<Metric, String> metrics = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            metrics.put(metric, output.result().text(metric));
        }
        List<RecordedEvent> events = options.events()
                ? output.events().stream().sorted(Comparator.comparingLong(RecordedEvent::timeNanos)).toList()
                : List.of();
        List<LoadSample> load = options.loadIntervalNanos() > 0 ? output.load() : List.of();
        return new RunRecord(run.position(), run.runId(), false, "", metrics, events, load);
    }

    /**
     * Runs one run, as every batch engine does. What the run itself throws (its model broke) makes
     * a failed record; an interrupt or a lack of memory is not the run's fault and propagates.
     */
    public static RunRecord execute(RunExecutor executor, RunSpec run, RunOptions options) throws InterruptedException {
        try {
            RunOutput output = executor.run(run.scenarioPoint(), run.seed(), options);
            return finished(run, output, options);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
            return failed(run, e);
        }
    }

    public static RunRecord failed(RunSpec run, Throwable error) {
        return new RunRecord(run.position(), run.runId(), true, error.toString(), Map.of(), List.of(), List.of());
    }

    public RunValues values() {
        return new RunValues(failed, metrics);
    }
}
