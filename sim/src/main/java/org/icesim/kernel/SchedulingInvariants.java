package org.icesim.kernel;

/** The kernel's own invariants: the ones about scheduling events and the simulated clock. */
public final class SchedulingInvariants {

    /** No event is scheduled before the simulated time at which it is scheduled. */
    public static final Invariant NO_EVENT_IN_THE_PAST = new Invariant("no event scheduled in the past");

    /** Events run in time order, so the simulated clock never moves backward. */
    public static final Invariant TIME_MONOTONIC = new Invariant("simulated time never goes backward");

    /**
     * The clock keeps advancing: no more than {@link Simulator#MAX_EVENTS_PER_INSTANT} events run
     * at one instant, so a model that keeps rescheduling itself "now" fails instead of hanging.
     */
    public static final Invariant TIME_PROGRESSES = new Invariant("simulated time keeps advancing");

    private SchedulingInvariants() {
    }
}
