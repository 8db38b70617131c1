package org.icesim.kernel;

/**
 * Time and timers for a model. Protocol state machines depend on this interface, never on
 * {@link Simulator} itself, so a unit test can drive one alone, on a {@link Simulator} of its own with no network.
 */
public interface Scheduler extends Clock {
    /** Runs {@code action} after {@code delayNanos} (&ge; 0) of simulated time. */
    Timer schedule(long delayNanos, Runnable action);

    /** Runs {@code action} at the absolute simulated time {@code timeNanos} (&ge; now). */
    default Timer scheduleAt(long timeNanos, Runnable action) {
        return schedule(timeNanos - now(), action);
    }
}
