package org.icesim.turn;

import java.util.Arrays;

/**
 * Channel bindings of one allocation keyed by channel number (RFC 8656 §12: 0x4000..0x4FFF), in
 * two sorted parallel arrays. Every ChannelData message is looked up by its number, on the client
 * and on the server; a {@code Map<Integer, …>} boxes each number, and numbers above 127 are not in
 * the JDK's cache of small integers, so each lookup allocated. An allocation binds few channels,
 * so a binary search over them is short, and binding (rare) shifts the arrays.
 *
 * @param <T> what a number is bound to
 */
final class ChannelNumbers<T> {

    private int[] numbers = new int[4];
    private Object[] values = new Object[4];
    private int size;

    /** What {@code number} is bound to, or {@code null}. */
    @SuppressWarnings("unchecked")
    T get(int number) {
        int at = Arrays.binarySearch(numbers, 0, size, number);
        return at >= 0 ? (T) values[at] : null;
    }

    /** Binds {@code number} to {@code value}; returns what it was bound to before, or {@code null}. */
    @SuppressWarnings("unchecked")
    T put(int number, T value) {
        if (value == null) {
            throw new IllegalArgumentException("channel " + number + " must be bound to something, was null");
        }
        int at = Arrays.binarySearch(numbers, 0, size, number);
        if (at >= 0) {
            T previous = (T) values[at];
            values[at] = value;
            return previous;
        }
        int insertAt = -at - 1;
        if (size == numbers.length) {
            numbers = Arrays.copyOf(numbers, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(numbers, insertAt, numbers, insertAt + 1, size - insertAt);
        System.arraycopy(values, insertAt, values, insertAt + 1, size - insertAt);
        numbers[insertAt] = number;
        values[insertAt] = value;
        size++;
        return null;
    }

    /** Unbinds {@code number}, whatever it is bound to. */
    void remove(int number) {
        int at = Arrays.binarySearch(numbers, 0, size, number);
        if (at >= 0) {
            removeAt(at);
        }
    }

    /** Unbinds {@code number} only if it is bound to {@code value} (the same object). */
    void remove(int number, T value) {
        int at = Arrays.binarySearch(numbers, 0, size, number);
        if (at >= 0 && values[at] == value) {
            removeAt(at);
        }
    }

    /** Numbers bound. */
    int size() {
        return size;
    }

    private void removeAt(int at) {
        System.arraycopy(numbers, at + 1, numbers, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        values[size] = null;
    }
}
