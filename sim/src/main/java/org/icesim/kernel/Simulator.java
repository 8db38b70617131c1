package org.icesim.kernel;

import java.util.Arrays;

/**
 * The discrete-event kernel: a clock in integer nanoseconds and a queue of pending events.
 *
 * <p>Events run in (time, scheduling sequence) order, so two events at the same instant run in the
 * order they were scheduled, whatever else happens: there is no random tie-break. The queue is a
 * 4-ary heap whose entries remember their index, which makes cancellation O(log n) and lets a
 * cancelled event leave the queue at once instead of lingering until its time.
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

    // A 4-ary heap: half the depth of a binary one, and the four children of a slot share a cache
    // line of the parallel time and sequence arrays, which are all the comparisons read: sifting
    // never touches an event object other than the one being placed.
    private Event[] heap = new Event[64];
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    /** Events of {@link #post} that have run, ready for the next post: no handle to them exists. */
    private Event[] spare = new Event[16];
    private int spareCount;
    /**
     * The reusable or posted event whose action is running, still in its heap slot (at the root
     * when it started) but no longer pending. If the action arms it again (a reusable event) or
     * posts (then the posted event is this one, since nobody holds a handle to it), the new time
     * replaces the old one in place and sifts down once, instead of a removal sifting the last
     * event down from the root and the insertion sifting up from the bottom. Every event
     * scheduled meanwhile comes after it in (time, sequence) order, so it cannot be displaced;
     * if it is not used again, it is removed once the action returns. Either way the events run
     * in the same (time, sequence) order, which is unique.
     */
    private Event held;
    private int size;
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
        return held == null ? size : size - 1;
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
        while (size > 0 && !stopRequested) {
            Event next = heap[0];
            if (next.time > endNanos) {
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
            removeFirst();
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
                removeAt(event.index);
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
     * {@code now}; the heap guarantees it, and this confirms that the heap does.
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
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
        }
        siftUp(size++, event);
    }

    private void recycle(Event event) {
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = event;
    }

    /** Removes the event at the root: the one about to run; the last event sifts down from the top. */
    private void removeFirst() {
        heap[0].index = -1;
        size--;
        Event last = heap[size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
    }

    /** Moves the held event, just given a later (time, sequence), to its new place. */
    private void rearmHeld(Event event) {
        if (checking) {
            invariants.held(SchedulingInvariants.NO_EVENT_IN_THE_PAST);
        }
        held = null;
        int index = event.index;
        times[index] = event.time;
        sequences[index] = event.sequence;
        siftDown(index, event);
        if (heap[index] == event) {
            siftUp(index, event);
        }
    }

    private void removeAt(int index) {
        heap[index].index = -1;
        size--;
        Event last = heap[size];
        heap[size] = null;
        if (index == size) {
            return;
        }
        siftDown(index, last);
        if (heap[index] == last) {
            siftUp(index, last);
        }
    }

    /** Whether {@code event} runs before the one at heap slot {@code slot}. */
    private boolean before(Event event, int slot) {
        long other = times[slot];
        return event.time < other || (event.time == other && event.sequence < sequences[slot]);
    }

    /** Whether the event at heap slot {@code slot} runs before the one at slot {@code other}. */
    private boolean slotBeforeSlot(int slot, int other) {
        long time = times[slot];
        long otherTime = times[other];
        return time < otherTime || (time == otherTime && sequences[slot] < sequences[other]);
    }

    private void place(int slot, Event event) {
        heap[slot] = event;
        times[slot] = event.time;
        sequences[slot] = event.sequence;
        event.index = slot;
    }

    private void siftUp(int index, Event event) {
        while (index > 0) {
            int parent = (index - 1) >>> 2;
            if (!before(event, parent)) {
                break;
            }
            place(index, heap[parent]);
            index = parent;
        }
        place(index, event);
    }

    private void siftDown(int index, Event event) {
        while (true) {
            int first = 4 * index + 1;
            if (first >= size) {
                break;
            }
            int smallest = first;
            int end = Math.min(first + 4, size);
            for (int child = first + 1; child < end; child++) {
                if (slotBeforeSlot(child, smallest)) {
                    smallest = child;
                }
            }
            if (!slotBefore(smallest, event)) {
                break;
            }
            place(index, heap[smallest]);
            index = smallest;
        }
        place(index, event);
    }

    /** Whether the event at heap slot {@code slot} runs before {@code event}. */
    private boolean slotBefore(int slot, Event event) {
        long time = times[slot];
        return time < event.time || (time == event.time && sequences[slot] < event.sequence);
    }

    @Override
    public String toString() {
        return "the simulator";
    }

    /** A pending or past event; a reusable one goes back into the queue each time it is armed. */
    private static final class Event implements Timer, ReusableEvent {
        private final Simulator owner;
        private final boolean reusable;
        /** Made by {@link #post}: handed to nobody, so it goes back to the spares once it has run. */
        private final boolean pooled;
        private long time;
        private long sequence;
        private Runnable action;
        private int index = -1;

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
            owner.removeAt(index);
            if (!reusable) {
                action = null;
            }
            return true;
        }

        @Override
        public boolean isPending() {
            return index >= 0 && owner.held != this;
        }

        @Override
        public long time() {
            return time;
        }
    }
}
