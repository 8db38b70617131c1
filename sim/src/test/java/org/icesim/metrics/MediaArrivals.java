package org.icesim.metrics;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Every arrival time of the media one peer received from the other, in order: the reference the
 * online {@link MediaWindowTracker} is checked against, and a log test worlds can look into. A
 * fluid-mode stretch is kept as its two ends, the later one marked as continuous with the one
 * before (no gap between them).
 */
public final class MediaArrivals implements MediaArrivalLog, MediaWindowSource {
    private long[] times = new long[1024];
    private final BitSet continuous = new BitSet();
    private int count;

    @Override
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

    /**
     * A stretch may start before the previous arrival (its packets were sent on a shorter path
     * than the ones before): it then counts from that arrival.
     */
    @Override
    public void arrivedThrough(long fromNanos, long toNanos) {
        if (fromNanos > toNanos) {
            throw new IllegalArgumentException("stretch from " + fromNanos + " ns must not end before it starts, at "
                    + toNanos + " ns");
        }
        long from = count > 0 ? Math.max(fromNanos, times[count - 1]) : fromNanos;
        arrived(from);
        if (toNanos > from) {
            arrived(toNanos);
            continuous.set(count - 1);
        }
    }

    /** The window computed after the fact over the whole log, by {@link MediaWindow#of}. */
    @Override
    public MediaContinuity window(long fromNanos, long endNanos, long thresholdNanos) {
        MediaWindow window = MediaWindow.of(this, fromNanos, endNanos, thresholdNanos);
        return new MediaContinuity(window.longestGapNanos(), window.lostNanos(), window.recoveryNanos());
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

    /** Whether media arrived without a gap between arrival {@code index - 1} and {@code index}. */
    public boolean continuousWithPrevious(int index) {
        return continuous.get(index);
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
