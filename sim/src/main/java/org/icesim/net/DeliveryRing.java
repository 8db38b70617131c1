package org.icesim.net;

import java.util.Arrays;

/**
 * The packets in flight in one FIFO link direction, in arrival order: each with its arrival time,
 * the same-instant sequence it claimed when sent, and its wire size. Parallel arrays in a ring
 * whose capacity is a power of two (doubled when full), so adding a packet allocates nothing.
 */
final class DeliveryRing {

    private long[] times = new long[16];
    private long[] sequences = new long[16];
    private int[] sizes = new int[16];
    private Packet[] packets = new Packet[16];
    private int head;
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    /** Appends a packet; its arrival must not be before the last one's. */
    void add(long time, long sequence, Packet packet, int bytes) {
        if (count == times.length) {
            grow();
        }
        int tail = (head + count) & (times.length - 1);
        times[tail] = time;
        sequences[tail] = sequence;
        sizes[tail] = bytes;
        packets[tail] = packet;
        count++;
    }

    long headTime() {
        return times[head];
    }

    long headSequence() {
        return sequences[head];
    }

    int headBytes() {
        return sizes[head];
    }

    Packet headPacket() {
        return packets[head];
    }

    void removeHead() {
        packets[head] = null;
        head = (head + 1) & (times.length - 1);
        count--;
    }

    private void grow() {
        int length = times.length;
        times = unwrap(times, Arrays.copyOf(times, length * 2), length);
        sequences = unwrap(sequences, Arrays.copyOf(sequences, length * 2), length);
        sizes = unwrap(sizes, Arrays.copyOf(sizes, length * 2), length);
        packets = unwrap(packets, Arrays.copyOf(packets, length * 2), length);
    }

    /** The full ring wrapped at {@code oldLength}: moves the part before head after the old end. */
    private <T> T unwrap(T old, T grown, int oldLength) {
        System.arraycopy(old, 0, grown, oldLength, head);
        return grown;
    }
}
