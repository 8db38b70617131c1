package org.icesim.kernel;

/** A scheduled action that has not necessarily run yet. */
public interface Timer {
    /** Cancels the action if it is still pending; returns whether it was. Cancelling twice is harmless. */
    boolean cancel();

    /** Whether the action is still waiting to run. */
    boolean isPending();

    /** The simulated time at which the action runs (or would have run), in nanoseconds. */
    long time();
}
