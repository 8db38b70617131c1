package org.icesim.metrics;

import java.util.Arrays;

/**
 * Arrival times of the media packets one peer received from the other, in order. A primitive,
 * growable array: a minute of audio and video is some ten thousand longs, and gaps are found
 * after the run without boxing.
 */
public final class MediaArrivals {
    private long[] times = new long[1024];
    private int count;

    public void arrived(long timeNanos) {
        if (count > 0 && timeNanos < times[count - 1]) {
            throw new IllegalArgumentException("media arrival at " + timeNanos + " ns before the previous one at "
                    + times[count - 1] + " ns");
        }
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = timeNanos;
    }

    /** Bytes the arrival log holds in memory, spare capacity included (it grows with the call). */
    public long storedBytes() {
        return (long) times.length * Long.BYTES;
    }

    public int count() {
        return count;
    }

    public long time(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("arrival " + index + " of " + count);
        }
        return times[index];
    }

    /** Index of the first arrival strictly after {@code timeNanos}, or {@link #count()} if none. */
    public int firstAfter(long timeNanos) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= timeNanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
