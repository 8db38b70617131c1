package org.icesim.kernel;

/**
 * Time and timers for a model. Protocol state machines depend on this interface, never on
 * {@link Simulator} itself, so a unit test can drive one alone, on a {@link Simulator} of its own with no network.
 */
public interface Scheduler extends Clock {
    /** Runs {@code action} after {@code delayNanos} (&ge; 0) of simulated time. */
    Timer schedule(long delayNanos, Runnable action);

    /**
     * Runs {@code action} after {@code delayNanos} (&ge; 0) of simulated time, like
     * {@link #schedule}, but returns no handle: nobody can cancel it, so an implementation may reuse
     * the event once it has run instead of allocating one per call. It takes its place in the
     * (time, sequence) order exactly as {@code schedule} would.
     */
    default void post(long delayNanos, Runnable action) {
        schedule(delayNanos, action);
    }

    /** Runs {@code action} at the absolute simulated time {@code timeNanos} (&ge; now). */
    default Timer scheduleAt(long timeNanos, Runnable action) {
        return schedule(timeNanos - now(), action);
    }

    /**
     * Claims the place among same-instant events that an event scheduled now would take, without
     * scheduling anything. A model that keeps its own queue of due actions (a FIFO link's
     * deliveries) claims one per action and later arms a {@link ReusableEvent} with it, so its
     * actions interleave with every other event exactly as if each had been scheduled on its own.
     */
    long claimSequence();

    /** An event that runs {@code action} each time it is armed, allocated once for many uses. */
    ReusableEvent reusableEvent(Runnable action);
}
