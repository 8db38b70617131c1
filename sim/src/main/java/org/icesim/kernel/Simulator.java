package org.icesim.kernel;

import java.util.Arrays;

/**
 * The discrete-event kernel: a clock in integer nanoseconds and a queue of pending events.
 *
 * <p>Events run in (time, scheduling sequence) order, so two events at the same instant run in the
 * order they were scheduled, whatever else happens: there is no random tie-break. The queue is a
 * binary heap whose entries remember their index, which makes cancellation O(log n) and lets a
 * cancelled event leave the queue at once instead of lingering until its time.
 *
 * <p>One simulator is confined to one thread; parallelism lives between runs.
 */
public final class Simulator implements Scheduler {

    private Event[] heap = new Event[64];
    private int size;
    private long now;
    private long nextSequence;
    private long eventsRun;
    private boolean stopRequested;

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
        return size;
    }

    @Override
    public Timer schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException(
                    "delay must be >= 0 ns (an event cannot be scheduled in the past), was " + delayNanos + " ns");
        }
        return insert(now + delayNanos, action);
    }

    @Override
    public Timer scheduleAt(long timeNanos, Runnable action) {
        if (timeNanos < now) {
            throw new IllegalArgumentException("cannot schedule at " + timeNanos
                    + " ns: the simulated clock is already at " + now + " ns");
        }
        return insert(timeNanos, action);
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
            removeAt(0);
            now = next.time;
            eventsRun++;
            Runnable action = next.action;
            next.action = null;
            action.run();
        }
        if (!stopRequested && endNanos != Long.MAX_VALUE) {
            now = endNanos;
        }
    }

    /** Makes the running {@link #run()} or {@link #runUntil(long)} return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    private Event insert(long time, Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        Event event = new Event(this, time, nextSequence++, action);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        event.index = size;
        heap[size++] = event;
        siftUp(event.index);
        return event;
    }

    private void removeAt(int index) {
        Event removed = heap[index];
        removed.index = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Event last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
    }

    private void siftUp(int index) {
        Event event = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Event up = heap[parent];
            if (!event.before(up)) {
                break;
            }
            heap[index] = up;
            up.index = index;
            index = parent;
        }
        heap[index] = event;
        event.index = index;
    }

    private void siftDown(int index) {
        Event event = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            Event smaller = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(smaller)) {
                child = right;
                smaller = heap[child];
            }
            if (!smaller.before(event)) {
                break;
            }
            heap[index] = smaller;
            smaller.index = index;
            index = child;
        }
        heap[index] = event;
        event.index = index;
    }

    private static final class Event implements Timer {
        private final Simulator owner;
        private final long time;
        private final long sequence;
        private Runnable action;
        private int index;

        Event(Simulator owner, long time, long sequence, Runnable action) {
            this.owner = owner;
            this.time = time;
            this.sequence = sequence;
            this.action = action;
        }

        boolean before(Event other) {
            return time < other.time || (time == other.time && sequence < other.sequence);
        }

        @Override
        public boolean cancel() {
            if (index < 0) {
                return false;
            }
            owner.removeAt(index);
            action = null;
            return true;
        }

        @Override
        public boolean isPending() {
            return index >= 0;
        }

        @Override
        public long time() {
            return time;
        }
    }
}
