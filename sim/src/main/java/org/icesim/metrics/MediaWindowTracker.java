package org.icesim.metrics;

import java.util.OptionalLong;

/**
 * One direction of a call's media folded, as it arrives, into the figures of one window: the
 * {@link MediaContinuity} from a start instant on, in constant memory however long the call.
 * Before the window is opened it keeps only the last arrival, which is where the gap in progress
 * at the start began. The start may be known before the run (a fault in the timeline) or be
 * opened when it happens (the first restart, the first selected pair); opening again starts over
 * from the new instant.
 */
public final class MediaWindowTracker implements MediaArrivalLog, MediaWindowSource {
    private static final long NONE = Long.MIN_VALUE;

    private final long thresholdNanos;
    /** The latest arrival so far, in or before the window; {@link #NONE} before the first. */
    private long last = NONE;
    private long start = NONE;
    private long longest;
    private long lost;
    private long recovery;
    private boolean interrupted;

    public MediaWindowTracker(long thresholdNanos) {
        if (thresholdNanos < 0) {
            throw new IllegalArgumentException("interruption threshold must be >= 0 ns, was " + thresholdNanos);
        }
        this.thresholdNanos = thresholdNanos;
    }

    /**
     * Starts the window at {@code startNanos}, dropping the figures of any window opened before.
     * Arrivals up to and including that instant only mark where the gap in progress began.
     */
    public void open(long startNanos) {
        if (last != NONE && startNanos < last) {
            throw new IllegalArgumentException("window start must not be before the last arrival at " + last
                    + " ns, was " + startNanos + " ns");
        }
        start = startNanos;
        longest = 0;
        lost = 0;
        recovery = 0;
        interrupted = false;
    }

    @Override
    public void arrived(long timeNanos) {
        if (last != NONE && timeNanos < last) {
            throw new IllegalArgumentException("media arrival at " + timeNanos + " ns before the previous one at "
                    + last + " ns");
        }
        fold(timeNanos, false);
    }

    /**
     * A stretch may start before the previous arrival (its packets were sent on a shorter path
     * than the ones before): it then counts from that arrival. Its end follows its start with no
     * gap.
     */
    @Override
    public void arrivedThrough(long fromNanos, long toNanos) {
        if (fromNanos > toNanos) {
            throw new IllegalArgumentException("stretch from " + fromNanos + " ns must not end before it starts, at "
                    + toNanos + " ns");
        }
        long first = last == NONE ? fromNanos : Math.max(fromNanos, last);
        fold(first, false);
        if (toNanos > first) {
            fold(toNanos, true);
        }
    }

    private void fold(long at, boolean continuous) {
        if (start != NONE && at > start) {
            // The gap in progress at the start began at the last arrival before it, or at the start.
            long previous = last == NONE ? start : last;
            long gap = continuous ? 0 : at - previous;
            longest = Math.max(longest, gap);
            if (gap > thresholdNanos) {
                lost += gap;
                if (!interrupted) {
                    interrupted = true;
                    recovery = at - start;
                }
            }
        }
        last = at;
    }

    @Override
    public MediaContinuity window(long fromNanos, long endNanos, long thresholdNanos) {
        if (start == NONE || fromNanos != start) {
            throw new IllegalArgumentException("window start must be the one opened, "
                    + (start == NONE ? "none" : start + " ns") + ", was " + fromNanos + " ns");
        }
        if (thresholdNanos != this.thresholdNanos) {
            throw new IllegalArgumentException("interruption threshold must be the tracker's " + this.thresholdNanos
                    + " ns, was " + thresholdNanos + " ns");
        }
        if (last != NONE && endNanos < last) {
            throw new IllegalArgumentException("window end must not be before the last arrival at " + last
                    + " ns, was " + endNanos + " ns");
        }
        long previous = last == NONE ? start : last;
        long longestGap = longest;
        long lostTime = lost;
        long open = endNanos - previous;
        if (open > 0) {
            longestGap = Math.max(longestGap, open);
            if (open > thresholdNanos) {
                lostTime += open;
                if (!interrupted) {
                    return new MediaContinuity(longestGap, lostTime, OptionalLong.empty());
                }
            }
        }
        return new MediaContinuity(longestGap, lostTime, OptionalLong.of(interrupted ? recovery : 0));
    }
}
