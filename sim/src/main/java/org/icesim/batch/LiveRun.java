package org.icesim.batch;

import java.util.OptionalDouble;
import org.icesim.world.RunProgress;

/**
 * A run while it runs: the run's thread writes how far it got, a progress display reads it from
 * its own thread (the fields are volatile; each is read on its own, so a reading may mix two
 * updates, which a display can bear).
 */
public final class LiveRun implements RunProgress {

    private final RunSpec run;
    private volatile long simulatedNanos;
    private volatile long endNanos;
    private volatile long eventsRun;

    public LiveRun(RunSpec run) {
        this.run = run;
    }

    @Override
    public void advanced(long simulatedNanos, long endNanos, long eventsRun) {
        this.endNanos = endNanos;
        this.eventsRun = eventsRun;
        this.simulatedNanos = simulatedNanos;
    }

    public RunSpec run() {
        return run;
    }

    /** The simulated instant reached so far (0 until the run first tells). */
    public long simulatedNanos() {
        return simulatedNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    public long eventsRun() {
        return eventsRun;
    }

    /** The share of its simulated time the run has done, once it has told (fleets do; a single call does not). */
    public OptionalDouble fractionDone() {
        long end = endNanos;
        return end <= 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1.0, (double) simulatedNanos / end));
    }
}
