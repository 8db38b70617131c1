package org.icesim.world;

/**
 * Where a long run says how far it got, so a batch can show it: the run calls it from its own
 * thread between steps of simulated time, and whoever listens reads the figures from another
 * thread. The model itself reads no wall clock and starts no thread; a listener may do both.
 */
@FunctionalInterface
public interface RunProgress {

    /** Listens to nothing. */
    RunProgress NONE = (simulatedNanos, endNanos, eventsRun) -> { };

    /**
     * @param simulatedNanos the simulated instant the run has reached
     * @param endNanos       the simulated instant the run ends at
     * @param eventsRun      simulated events run so far
     */
    void advanced(long simulatedNanos, long endNanos, long eventsRun);
}
