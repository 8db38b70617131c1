package org.icesim.kernel;

import java.util.Arrays;

/**
 * The discrete-event kernel: a clock in integer nanoseconds and a queue of pending events.
 *
 * <p>Events run in (time, scheduling sequence) order, so two events at the same instant run in the
 * order they were scheduled, whatever else happens: there is no random tie-break. The queue
 * ({@link EventQueue}) lets a cancelled event leave at once instead of lingering until its time.
 *
 * <p>With {@linkplain Invariants invariant checks} on, the kernel checks its own invariants: no
 * event is scheduled in the past, the clock never moves backward when an event runs, and it keeps
 * advancing (a bounded number of events per instant).
 *
 * <p>One simulator is confined to one thread; parallelism lives between runs.
 */
public final class Simulator implements Scheduler {

    /**
     * Far more events than any model runs at one instant (a burst of packets, timers and their
     * reactions is thousands); only a model rescheduling itself at the same time reaches it.
     */
    public static final long MAX_EVENTS_PER_INSTANT = 1_000_000;

    private final EventQueue queue = new EventQueue();
    /** Events of {@link #post} that have run, ready for the next post: no handle to them exists. */
    private Event[] spare = new Event[16];
    private int spareCount;
    /**
     * The reusable or posted event whose action is running, still in the queue's heap (at the root
     * when it started) but no longer pending. If the action arms it again (a reusable event) or
     * posts (then the posted event is this one, since nobody holds a handle to it), the new time
     * replaces the old one in place ({@link EventQueue#rekey}), instead of a removal sifting the
     * last event down from the root and the insertion sifting up from the bottom. If it is not
     * used again, it is removed once the action returns. Either way the events run in the same
     * (time, sequence) order, which is unique.
     */
    private Event held;
    private long now;
    private long nextSequence;
    private long eventsRun;
    private boolean stopRequested;
    /** Events run so far at the current instant (counted only with checks on). */
    private long eventsThisInstant;
    private final Invariants invariants;
    private final boolean checking;

    /** A simulator with invariant checks on or off, as {@code checkInvariants} says. */
    public Simulator(boolean checkInvariants) {
        this.invariants = checkInvariants ? Invariants.on(this) : Invariants.off();
        this.checking = checkInvariants;
    }

    /** A simulator with invariant checks on, each check that held also counted by {@code tally}. */
    public Simulator(InvariantTally tally) {
        this.invariants = Invariants.on(this, tally);
        this.checking = true;
    }

    @Override
    public Invariants invariants() {
        return invariants;
    }

    @Override
    public long now() {
        return now;
    }

    /** How many events have run so far. */
    public long eventsRun() {
        return eventsRun;
    }

    /** How many events are waiting. */
    public int pending() {
        return held == null ? queue.size() : queue.size() - 1;
    }

    @Override
    public Timer schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            if (checking) {
                throw invariants.violation(SchedulingInvariants.NO_EVENT_IN_THE_PAST, this,
                        "an event was scheduled " + (-delayNanos) + " ns before now");
            }
            throw new IllegalArgumentException(
                    "delay must be >= 0 ns (an event cannot be scheduled in the past), was " + delayNanos + " ns");
        }
        return insert(now + delayNanos, action);
    }

    @Override
    public Timer scheduleAt(long timeNanos, Runnable action) {
        if (timeNanos < now) {
            if (checking) {
                throw invariants.violation(SchedulingInvariants.NO_EVENT_IN_THE_PAST, this,
                        "an event was scheduled at " + timeNanos + " ns, before now (" + now + " ns)");
            }
            throw new IllegalArgumentException("cannot schedule at " + timeNanos
                    + " ns: the simulated clock is already at " + now + " ns");
        }
        return insert(timeNanos, action);
    }

    @Override
    public void post(long delayNanos, Runnable action) {
        if (delayNanos < 0 || action == null) {
            schedule(delayNanos, action); // throws the same error schedule gives
            return;
        }
        // A posted event whose action is running is free again: this post takes its place.
        boolean reuseHeld = held != null && held.pooled;
        Event event = reuseHeld ? held : spareCount > 0 ? spare[--spareCount] : new Event(this, null, false, true);
        event.action = action;
        event.time = now + delayNanos;
        event.sequence = nextSequence++;
        if (reuseHeld) {
            rearmHeld(event);
        } else {
            enqueue(event);
        }
    }

    @Override
    public long claimSequence() {
        return nextSequence++;
    }

    @Override
    public ReusableEvent reusableEvent(Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        return new Event(this, action, true, false);
    }

    /** Runs events until none is left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event due at or before {@code endNanos}, then leaves the clock at {@code endNanos}
     * (unless stopped earlier, in which case the clock stays at the last event run).
     */
    public void runUntil(long endNanos) {
        if (endNanos < now) {
            throw new IllegalArgumentException("cannot run until " + endNanos
                    + " ns: the simulated clock is already at " + now + " ns");
        }
        stopRequested = false;
        while (!stopRequested) {
            Event next = (Event) queue.first();
            if (next == null || next.time > endNanos) {
                break;
            }
            if (checking) {
                requireForward(invariants, now, next.time);
                requireProgress(next.time);
            }
            now = next.time;
            eventsRun++;
            if (next.reusable || next.pooled) {
                runHeld(next);
                continue;
            }
            queue.removeFirst();
            Runnable action = next.action;
            next.action = null;
            action.run();
        }
        if (!stopRequested && endNanos != Long.MAX_VALUE) {
            now = endNanos;
        }
    }

    /** Runs the reusable or posted event at the root, left in place in case its action uses it again. */
    private void runHeld(Event event) {
        held = event;
        Runnable action = event.action;
        if (event.pooled) {
            event.action = null;
        }
        try {
            action.run();
        } finally {
            if (held == event) {
                held = null;
                queue.remove(event);
                if (event.pooled) {
                    recycle(event);
                }
            }
        }
    }

    /** Makes the running {@link #run()} or {@link #runUntil(long)} return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    private void requireProgress(long next) {
        if (next != now) {
            eventsThisInstant = 0;
            invariants.held(SchedulingInvariants.TIME_PROGRESSES);
        } else if (++eventsThisInstant > MAX_EVENTS_PER_INSTANT) {
            throw invariants.violation(SchedulingInvariants.TIME_PROGRESSES, "the event queue", "more than "
                    + MAX_EVENTS_PER_INSTANT + " events ran at this instant: something keeps rescheduling itself "
                    + "without delay");
        }
    }

    /**
     * Checks that running an event due at {@code next} does not move the clock back from
     * {@code now}; the queue guarantees it, and this confirms that the queue does.
     */
    static void requireForward(Invariants invariants, long now, long next) {
        if (next < now) {
            throw invariants.violation(SchedulingInvariants.TIME_MONOTONIC, "the event queue",
                    "the next event is due at " + next + " ns but the clock is already at " + now + " ns");
        }
        invariants.held(SchedulingInvariants.TIME_MONOTONIC);
    }

    private Event insert(long time, Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        Event event = new Event(this, action, false, false);
        event.time = time;
        event.sequence = nextSequence++;
        enqueue(event);
        return event;
    }

    private void enqueue(Event event) {
        if (checking) {
            invariants.held(SchedulingInvariants.NO_EVENT_IN_THE_PAST);
        }
        queue.add(event);
    }

    private void recycle(Event event) {
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = event;
    }

    /** Moves the held event, just given a new (time, sequence), to its new place. */
    private void rearmHeld(Event event) {
        if (checking) {
            invariants.held(SchedulingInvariants.NO_EVENT_IN_THE_PAST);
        }
        held = null;
        queue.rekey(event);
    }

    @Override
    public String toString() {
        return "the simulator";
    }

    /** A pending or past event; a reusable one goes back into the queue each time it is armed. */
    private static final class Event extends QueueEntry implements Timer, ReusableEvent {
        private final Simulator owner;
        private final boolean reusable;
        /** Made by {@link #post}: handed to nobody, so it goes back to the spares once it has run. */
        private final boolean pooled;
        private Runnable action;

        Event(Simulator owner, Runnable action, boolean reusable, boolean pooled) {
            this.owner = owner;
            this.action = action;
            this.reusable = reusable;
            this.pooled = pooled;
        }

        @Override
        public void armAt(long timeNanos, long sequenceNumber) {
            if (isPending()) {
                throw new IllegalStateException("the event is already pending, at " + time + " ns");
            }
            if (timeNanos < owner.now) {
                if (owner.checking) {
                    throw owner.invariants.violation(SchedulingInvariants.NO_EVENT_IN_THE_PAST, owner,
                            "an event was armed at " + timeNanos + " ns, before now (" + owner.now + " ns)");
                }
                throw new IllegalArgumentException("cannot arm an event at " + timeNanos
                        + " ns: the simulated clock is already at " + owner.now + " ns");
            }
            if (sequenceNumber < 0 || sequenceNumber >= owner.nextSequence) {
                throw new IllegalArgumentException("sequence must be one claimed from claimSequence() (0 to "
                        + (owner.nextSequence - 1) + "), was " + sequenceNumber);
            }
            time = timeNanos;
            sequence = sequenceNumber;
            if (owner.held == this) {
                owner.rearmHeld(this);
            } else {
                owner.enqueue(this);
            }
        }

        @Override
        public boolean cancel() {
            if (!isPending()) {
                return false;
            }
            owner.queue.remove(this);
            if (!reusable) {
                action = null;
            }
            return true;
        }

        @Override
        public boolean isPending() {
            return queued() && owner.held != this;
        }

        @Override
        public long time() {
            return time;
        }
    }
}
