package org.icesim.kernel;

/**
 * One event object armed again and again (see {@link Scheduler#reusableEvent}): a model with a
 * stream of actions ordered by its own rules keeps only its next action in the kernel's queue,
 * and scheduling it allocates nothing.
 */
public interface ReusableEvent {

    /**
     * Schedules the action at {@code timeNanos} (&ge; now), ordered among same-instant events by
     * {@code sequence}, a number from {@link Scheduler#claimSequence()}.
     *
     * @throws IllegalStateException when the event is already pending
     */
    void armAt(long timeNanos, long sequence);

    /** Takes the event out of the queue if it is pending; returns whether it was. It may be armed again. */
    boolean cancel();

    /** Whether the event is waiting to run. */
    boolean isPending();
}
