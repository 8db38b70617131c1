package org.icesim.batch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.icesim.world.DistributedFleet;
import org.icesim.world.FleetPartFigures;
import org.icesim.world.RunOptions;

/**
 * The fleet runs of a Spark job that run in parts, on the driver: keeps the parts of each run as
 * they arrive and makes the run's record once all are in. A part that arrives again (a retried or
 * speculative task) is dropped: its first arrival wins, as a run's does in the {@link ResultStore}.
 * A run with a part missing gives no record, so it is not journalled and a resume runs it again.
 *
 * <p>A part that failed fails the run with the error of the lowest failed part, the error a run
 * split over threads reports (its parts are awaited in order).
 */
final class SplitRuns {

    private final RunOptions options;
    private final Map<Integer, Parts> arrived = new HashMap<>();

    /** @param options the run options of the batch, which decide what a record keeps */
    SplitRuns(RunOptions options) {
        this.options = options;
    }

    /** A split run's parts so far: each part's figures or error; null where none arrived yet. */
    private static final class Parts {
        private final FleetPartFigures[] figures;
        private final String[] errors;
        private int missing;
        private boolean joined;

        Parts(int count) {
            figures = new FleetPartFigures[count];
            errors = new String[count];
            missing = count;
        }
    }

    /**
     * Takes part {@code index} of {@code count} of {@code run}: its figures, or the error it failed with.
     *
     * @return the run's record when this was its last missing part, else empty
     */
    Optional<RunRecord> arrived(RunSpec run, int index, int count, FleetPartFigures part, String error) {
        if ((part == null) == (error == null)) {
            throw new IllegalArgumentException("part " + index + " of run " + run.runId() + " has both figures and an error, "
                    + "or neither");
        }
        Parts parts = arrived.computeIfAbsent(run.position(), position -> new Parts(count));
        if (parts.figures.length != count) {
            throw new IllegalArgumentException("run " + run.runId() + " was split in " + parts.figures.length
                    + " parts, not " + count);
        }
        if (parts.joined || parts.figures[index] != null || parts.errors[index] != null) {
            return Optional.empty();
        }
        parts.figures[index] = part;
        parts.errors[index] = error;
        if (--parts.missing > 0) {
            return Optional.empty();
        }
        parts.joined = true;
        for (String failure : parts.errors) {
            if (failure != null) {
                return Optional.of(RunRecord.failed(run, failure));
            }
        }
        RunRecord record = RunRecord.finished(run,
                DistributedFleet.join(run.scenarioPoint().scenario(), Arrays.asList(parts.figures)), options);
        // The figures are done with; the entry stays so that a late copy of a part is dropped.
        Arrays.fill(parts.figures, null);
        return Optional.of(record);
    }
}
