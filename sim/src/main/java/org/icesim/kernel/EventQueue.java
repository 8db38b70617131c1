package org.icesim.kernel;

import java.util.Arrays;

/**
 * The kernel's pending events in (time, sequence) order: a 4-ary heap for the near future and,
 * once the queue is long, a ladder of time buckets for the rest (a ladder queue: W. T. Tang,
 * R. S. M. Goh and I. L.-J. Thng, "Ladder queue: an O(1) priority queue structure for
 * large-scale discrete event simulation", ACM TOMACS 15(3), 2005, with the heap as its bottom).
 *
 * <p>Every event in the heap is due at or before {@link #frontLast}; every other event waits,
 * unsorted, in a bucket of a rung: rung {@code r} splits its span of time into equal buckets of
 * a power-of-two width, and a deeper rung covers the time just before the rung above it, down to
 * the heap's. Events after the coarsest rung wait in a single unsorted bucket, the top. Adding an
 * event costs O(1) when it lands on the ladder. When the heap runs empty, the first non-empty
 * bucket of the deepest rung moves into it whole; a bucket with many events gets a finer rung of
 * its own instead, so the heap stays small and its operations cheap, whatever the queue's length.
 * Events due at the same instant always share the heap or a bucket, so the heap alone decides
 * their order, by sequence: the order is exactly the (time, sequence) order of a single heap.
 *
 * <p>A short queue is the heap alone ({@code frontLast} is {@code Long.MAX_VALUE}); the ladder
 * is built when the heap holds more than {@link #SPILL_MIN} events, and given up when the queue
 * runs empty.
 */
final class EventQueue {

    /**
     * Up to this many events the heap alone is the queue: a call keeps about 25 pending, and a
     * heap that short (4 levels) is as cheap as the ladder's bookkeeping.
     */
    private static final int SPILL_MIN = 256;
    /**
     * A rung gets one bucket per this many of the events it is built from (rounded to a power of
     * two). This and {@link #SPLIT_ABOVE} were chosen on the hold model ({@code icesim bench --kernel}):
     * 1 and 16 beat 2 and 32, 2 and 64, and 4 and 48 at 1 000 pending events by 10–25 %.
     */
    private static final int EVENTS_PER_BUCKET = 1;
    /** A bucket with more events than this gets a finer rung when it comes due, if its width allows. */
    private static final int SPLIT_ABOVE = 16;
    /** Rungs deep enough for any spread of times a simulation has; a deeper bucket goes to the heap whole. */
    private static final int MAX_RUNGS = 24;
    /** The index of the top in {@link #rungs}. */
    private static final int TOP = MAX_RUNGS;

    // The heap: the four children of a slot share a cache line of the parallel time and sequence
    // arrays, which are all the comparisons read: sifting never touches another entry's object.
    private QueueEntry[] heap = new QueueEntry[64];
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    private int heapSize;
    /** The last instant the heap's events may be due at; later events wait on the ladder. */
    private long frontLast = Long.MAX_VALUE;
    /** Rungs 0 (coarsest) to {@code depth - 1} (finest, just after the heap), and the top at {@link #TOP}. */
    private final Rung[] rungs = new Rung[MAX_RUNGS + 1];
    private int depth;
    /** Events after the coarsest rung's span, in one bucket. */
    private final Rung top = new Rung();
    /** Events on the ladder: in rungs and in the top. */
    private int laddered;
    /** The heap size that makes {@link #first()} move the heap's events to a rung (see {@link #refill()}). */
    private int spillAt = SPILL_MIN;

    EventQueue() {
        rungs[TOP] = top;
    }

    /** How many events are queued. */
    int size() {
        return heapSize + laddered;
    }

    /** Queues {@code entry}, whose time and sequence are set. */
    void add(QueueEntry entry) {
        long time = entry.time;
        if (time <= frontLast) {
            heapAdd(entry);
            return;
        }
        laddered++;
        for (int r = depth - 1; r >= 0; r--) {
            Rung rung = rungs[r];
            if (time <= rung.last) {
                link(r, (int) ((time - rung.base) >>> rung.shift), entry);
                return;
            }
        }
        link(TOP, 0, entry);
    }

    /**
     * The first event in (time, sequence) order, left in the queue at heap slot 0, or null when
     * none is queued. Call it only while the heap's root is not being re-keyed (see {@link #rekey}).
     */
    QueueEntry first() {
        if (heapSize == 0) {
            if (laddered == 0) {
                frontLast = Long.MAX_VALUE;
                depth = 0;
                return null;
            }
            refill();
        } else if (heapSize > spillAt) {
            spill();
        }
        return heap[0];
    }

    /** Removes the first event, the one {@link #first()} returned. */
    void removeFirst() {
        heapRemoveAt(0);
    }

    /** Removes a queued {@code entry}, wherever it waits. */
    void remove(QueueEntry entry) {
        if (entry.index >= 0) {
            heapRemoveAt(entry.index);
        } else {
            unlink(entry);
            laddered--;
        }
    }

    /** Moves {@code entry}, in the heap and just given a new time and sequence, to its new place. */
    void rekey(QueueEntry entry) {
        int index = entry.index;
        if (entry.time > frontLast) {
            heapRemoveAt(index);
            add(entry);
            return;
        }
        times[index] = entry.time;
        sequences[index] = entry.sequence;
        siftDown(index, entry);
        if (heap[index] == entry) {
            siftUp(index, entry);
        }
    }

    /**
     * Fills the empty heap from the ladder: the first non-empty bucket of the deepest rung that
     * has one (building the coarsest rung from the top when no rung is left), or a finer rung made
     * of that bucket when it holds more than {@link #SPLIT_ABOVE} events, and so on down.
     */
    private void refill() {
        while (true) {
            if (depth == 0) {
                QueueEntry[] list = top.buckets[0];
                int count = top.sizes[0];
                top.sizes[0] = 0;
                top.count = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < count; i++) {
                    long time = list[i].time;
                    min = Math.min(min, time);
                    max = Math.max(max, time);
                }
                Rung rung = newRung(min, max, count);
                for (int i = 0; i < count; i++) {
                    QueueEntry e = list[i];
                    list[i] = null;
                    link(0, (int) ((e.time - min) >>> rung.shift), e);
                }
            }
            Rung rung = rungs[depth - 1];
            if (rung.count == 0) {
                depth--;
                continue;
            }
            int[] sizes = rung.sizes;
            int b = rung.current;
            while (sizes[b] == 0) {
                b++;
            }
            QueueEntry[] list = rung.buckets[b];
            int count = sizes[b];
            sizes[b] = 0;
            rung.current = b + 1;
            rung.count -= count;
            long first = rung.base + ((long) b << rung.shift);
            long widthLess1 = (1L << rung.shift) - 1;
            long last = rung.last - first <= widthLess1 ? rung.last : first + widthLess1;
            if (count > SPLIT_ABOVE && rung.shift > 0 && depth < MAX_RUNGS) {
                int r = depth++;
                Rung finer = rungAt(r);
                int bits = Math.min(rung.shift, bucketBits(count));
                finer.reset(first, rung.shift - bits, 1 << bits, last);
                for (int i = 0; i < count; i++) {
                    QueueEntry e = list[i];
                    list[i] = null;
                    link(r, (int) ((e.time - first) >>> finer.shift), e);
                }
                continue;
            }
            frontLast = last;
            laddered -= count;
            for (int i = 0; i < count; i++) {
                QueueEntry e = list[i];
                list[i] = null;
                e.rung = -1;
                heapAdd(e);
            }
            // A bucket that could not be split may leave a large heap; spilling it again at once
            // would only rebuild the same bucket, so the next spill waits until the heap doubles.
            spillAt = Math.max(SPILL_MIN, 2 * heapSize);
            return;
        }
    }

    /**
     * Moves the heap's events to a new finest rung, spanning from the first of them to
     * {@link #frontLast} (or to the last of them when the heap alone was the queue), and refills
     * the heap from it.
     */
    private void spill() {
        if (frontLast == Long.MAX_VALUE) {
            depth = 0; // the heap alone was the queue: no rung holds an event
        } else if (depth == MAX_RUNGS) {
            spillAt = 2 * heapSize;
            return;
        }
        long min = times[0];
        long last = frontLast;
        if (last == Long.MAX_VALUE) {
            last = min;
            for (int i = 1; i < heapSize; i++) {
                last = Math.max(last, times[i]);
            }
        }
        int count = heapSize;
        int r = depth;
        Rung rung = newRung(min, last, count);
        for (int i = 0; i < count; i++) {
            QueueEntry e = heap[i];
            heap[i] = null;
            e.index = -1;
            link(r, (int) ((e.time - min) >>> rung.shift), e);
        }
        heapSize = 0;
        laddered += count;
        frontLast = min - 1;
        refill();
    }

    /** Pushes a finest rung spanning {@code [first, last]} with buckets for {@code count} events. */
    private Rung newRung(long first, long last, int count) {
        int bits = bucketBits(count);
        long span = last - first; // times are never negative, so this does not overflow
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
        Rung rung = rungAt(depth++);
        rung.reset(first, shift, 1 << bits, last);
        return rung;
    }

    /** Log2 of the bucket count for {@code count} events: about {@link #EVENTS_PER_BUCKET} in each. */
    private static int bucketBits(int count) {
        int buckets = Math.max(1, count / EVENTS_PER_BUCKET);
        return 32 - Integer.numberOfLeadingZeros(buckets - 1);
    }

    private Rung rungAt(int r) {
        Rung rung = rungs[r];
        if (rung == null) {
            rung = new Rung();
            rungs[r] = rung;
        }
        return rung;
    }

    private void link(int r, int bucket, QueueEntry entry) {
        Rung rung = rungs[r];
        QueueEntry[] entries = rung.buckets[bucket];
        int size = rung.sizes[bucket];
        if (entries == null) {
            entries = new QueueEntry[4];
            rung.buckets[bucket] = entries;
        } else if (size == entries.length) {
            entries = Arrays.copyOf(entries, 2 * size);
            rung.buckets[bucket] = entries;
        }
        entries[size] = entry;
        rung.sizes[bucket] = size + 1;
        entry.rung = r;
        entry.bucket = bucket;
        entry.slot = size;
        rung.count++;
    }

    /** Takes {@code entry} out of its bucket; the bucket's last entry fills its slot. */
    private void unlink(QueueEntry entry) {
        Rung rung = rungs[entry.rung];
        QueueEntry[] entries = rung.buckets[entry.bucket];
        int last = --rung.sizes[entry.bucket];
        QueueEntry moved = entries[last];
        entries[entry.slot] = moved;
        moved.slot = entry.slot;
        entries[last] = null;
        entry.rung = -1;
        rung.count--;
    }

    private void heapAdd(QueueEntry entry) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
            times = Arrays.copyOf(times, heapSize * 2);
            sequences = Arrays.copyOf(sequences, heapSize * 2);
        }
        siftUp(heapSize++, entry);
    }

    private void heapRemoveAt(int index) {
        heap[index].index = -1;
        heapSize--;
        QueueEntry last = heap[heapSize];
        heap[heapSize] = null;
        if (index == heapSize) {
            return;
        }
        siftDown(index, last);
        if (heap[index] == last) {
            siftUp(index, last);
        }
    }

    /** Whether {@code entry} comes before the one at heap slot {@code slot}. */
    private boolean before(QueueEntry entry, int slot) {
        long other = times[slot];
        return entry.time < other || (entry.time == other && entry.sequence < sequences[slot]);
    }

    /** Whether the entry at heap slot {@code slot} comes before the one at slot {@code other}. */
    private boolean slotBeforeSlot(int slot, int other) {
        long time = times[slot];
        long otherTime = times[other];
        return time < otherTime || (time == otherTime && sequences[slot] < sequences[other]);
    }

    /** Whether the entry at heap slot {@code slot} comes before {@code entry}. */
    private boolean slotBefore(int slot, QueueEntry entry) {
        long time = times[slot];
        return time < entry.time || (time == entry.time && sequences[slot] < entry.sequence);
    }

    private void place(int slot, QueueEntry entry) {
        heap[slot] = entry;
        times[slot] = entry.time;
        sequences[slot] = entry.sequence;
        entry.index = slot;
    }

    private void siftUp(int index, QueueEntry entry) {
        while (index > 0) {
            int parent = (index - 1) >>> 2;
            if (!before(entry, parent)) {
                break;
            }
            place(index, heap[parent]);
            index = parent;
        }
        place(index, entry);
    }

    private void siftDown(int index, QueueEntry entry) {
        while (true) {
            int first = 4 * index + 1;
            if (first >= heapSize) {
                break;
            }
            int smallest = first;
            int end = Math.min(first + 4, heapSize);
            for (int child = first + 1; child < end; child++) {
                if (slotBeforeSlot(child, smallest)) {
                    smallest = child;
                }
            }
            if (!slotBefore(smallest, entry)) {
                break;
            }
            place(index, heap[smallest]);
            index = smallest;
        }
        place(index, entry);
    }

    /**
     * One rung of the ladder: {@code bucketCount} buckets of {@code 2^shift} ns from {@code base},
     * the last one cut at {@code last}; buckets before {@code current} have been emptied into the
     * heap or a finer rung. A bucket is an unordered array (kept for reuse once emptied); an entry
     * remembers its slot, so it leaves in O(1).
     */
    private static final class Rung {
        private long base;
        private int shift;
        private long last;
        private int current;
        private int count;
        private QueueEntry[][] buckets = new QueueEntry[1][];
        private int[] sizes = new int[1];

        private void reset(long base, int shift, int bucketCount, long last) {
            this.base = base;
            this.shift = shift;
            this.last = last;
            this.current = 0;
            this.count = 0;
            if (buckets.length < bucketCount) {
                buckets = Arrays.copyOf(buckets, bucketCount);
                sizes = new int[bucketCount];
            }
        }
    }
}
