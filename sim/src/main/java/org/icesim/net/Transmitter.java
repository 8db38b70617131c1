package org.icesim.net;

import java.util.Arrays;

/**
 * The sending side of one link direction: a serializer that puts one packet at a time on the
 * wire, and the drop-tail buffer of packets waiting for it.
 *
 * <p>Only the start time and size of each waiting packet are kept (in a ring of primitives, so
 * admitting a packet allocates nothing): when a packet is admitted its whole schedule is already
 * known, and a waiting packet leaves the buffer at the instant its serialization starts.
 */
final class Transmitter {

    /** {@link #admit} result for a packet that does not fit in the buffer. */
    static final long REJECTED = -1;

    private long freeAt = Long.MIN_VALUE;
    // The ring's capacity is a power of two (16, doubled when full), so wrapping an index is a
    // mask rather than a division, which cost more than the rest of admitting a packet.
    private long[] startTimes = new long[16];
    private int[] sizes = new int[16];
    private int head;
    private int count;
    private long waitingBytes;

    /**
     * Admits a packet of {@code bytes} offered at {@code now}. It is serialized after every packet
     * admitted before it. Returns the time its last bit is on the wire, or {@link #REJECTED} when
     * it would have to wait and the bytes already waiting leave no room for it.
     */
    long admit(long now, int bytes, long serializationNanos, long capacityBytes) {
        releaseStartedBy(now);
        long start = Math.max(now, freeAt);
        if (start > now) {
            if (bytes > capacityBytes - waitingBytes) {
                return REJECTED;
            }
            append(start, bytes);
        }
        freeAt = start + serializationNanos;
        return freeAt;
    }

    /** Bytes waiting for the serializer at {@code now}. */
    long waitingBytes(long now) {
        releaseStartedBy(now);
        return waitingBytes;
    }

    /** Forgets every waiting packet and the one being serialized: the serializer is idle. */
    void clear() {
        head = 0;
        count = 0;
        waitingBytes = 0;
        freeAt = Long.MIN_VALUE;
    }

    private void releaseStartedBy(long now) {
        while (count > 0 && startTimes[head] <= now) {
            waitingBytes -= sizes[head];
            head = (head + 1) & (startTimes.length - 1);
            count--;
        }
    }

    private void append(long start, int bytes) {
        if (count == startTimes.length) {
            grow();
        }
        int tail = (head + count) & (startTimes.length - 1);
        startTimes[tail] = start;
        sizes[tail] = bytes;
        count++;
        waitingBytes += bytes;
    }

    private void grow() {
        long[] newStarts = Arrays.copyOf(startTimes, startTimes.length * 2);
        int[] newSizes = Arrays.copyOf(sizes, sizes.length * 2);
        // The ring wraps at the old length; move the part before head after the old end.
        System.arraycopy(startTimes, 0, newStarts, startTimes.length, head);
        System.arraycopy(sizes, 0, newSizes, sizes.length, head);
        startTimes = newStarts;
        sizes = newSizes;
    }
}
