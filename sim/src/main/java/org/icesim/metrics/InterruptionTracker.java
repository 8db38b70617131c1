package org.icesim.metrics;

/**
 * One direction of a call's media, summarised as it arrives instead of stored: the
 * interruptions (gaps longer than the threshold) and, for each fault, the recovery as
 * {@link MediaContinuity} defines it (fault → the arrival that ends the first interruption after
 * it). Constant memory, for fleets of thousands of calls.
 */
public final class InterruptionTracker implements MediaArrivalLog {
    private final long thresholdNanos;
    private final FleetStats stats;
    private long last = -1;
    /** The fault whose recovery is not known yet, or -1. */
    private long pendingFault = -1;

    public InterruptionTracker(long thresholdNanos, FleetStats stats) {
        this.thresholdNanos = thresholdNanos;
        this.stats = stats;
    }

    @Override
    public void arrived(long timeNanos) {
        arrivedThrough(timeNanos, timeNanos);
    }

    @Override
    public void arrivedThrough(long fromNanos, long toNanos) {
        if (last >= 0 && fromNanos > last) {
            long gap = fromNanos - last;
            if (gap > thresholdNanos) {
                stats.interruption();
                if (pendingFault >= 0 && fromNanos > pendingFault) {
                    stats.recovery(fromNanos - pendingFault);
                    pendingFault = -1;
                }
            }
        }
        last = Math.max(last, toNanos);
    }

    /**
     * A fault hit the call at {@code timeNanos}. A pending fault whose media is still flowing is
     * settled as recovered at once (0); one inside an interruption still open keeps waiting, and
     * the new fault joins it.
     */
    public void fault(long timeNanos) {
        if (pendingFault >= 0) {
            if (last >= 0 && timeNanos - last > thresholdNanos) {
                return;
            }
            stats.recovery(0);
        }
        pendingFault = timeNanos;
    }

    /** The run ends: a pending fault is recovered (0) if media flows, unrecovered if it stopped. */
    public void finish(long endNanos) {
        if (pendingFault < 0) {
            return;
        }
        if (last < 0 || endNanos - last > thresholdNanos) {
            stats.faultUnrecovered();
        } else {
            stats.recovery(0);
        }
        pendingFault = -1;
    }
}
