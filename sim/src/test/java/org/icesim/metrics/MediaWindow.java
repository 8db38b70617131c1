package org.icesim.metrics;

import java.util.OptionalLong;

/**
 * The batch definition of {@link MediaContinuity}, computed after the run from the whole arrival
 * log: the reference the online {@link MediaWindowTracker} must agree with. Media continuity of
 * one direction over the fault window [fault, end]: the longest gap, the time lost in
 * interruptions, and when media came back. An interruption is a gap between
 * consecutive packets longer than a threshold (normal packet spacing and jitter stay below it).
 * A fluid-mode stretch of continuous arrivals has no gap inside it.
 *
 * @param longestGapNanos the longest interval between consecutive packets whose later packet
 *                        falls in the window (a gap still open at the end counts up to the end)
 * @param lostNanos       the sum of the gaps longer than the threshold
 * @param recoveryNanos   fault → the packet that ended the first interruption; 0 when there was
 *                        none, empty when the first interruption never ended
 */
public record MediaWindow(long longestGapNanos, long lostNanos, OptionalLong recoveryNanos) {

    public static MediaWindow of(MediaArrivals arrivals, long faultNanos, long endNanos, long thresholdNanos) {
        int first = arrivals.firstAfter(faultNanos);
        // The gap in progress at the fault started at the last packet before it (or at the fault
        // if none came before).
        long previous = first > 0 ? arrivals.time(first - 1) : faultNanos;
        long longest = 0;
        long lost = 0;
        OptionalLong recovery = OptionalLong.empty();
        boolean interrupted = false;
        for (int i = first; i < arrivals.count() && arrivals.time(i) <= endNanos; i++) {
            long at = arrivals.time(i);
            // Inside a fluid-mode stretch media arrived back to back (the fault may fall inside it).
            long gap = arrivals.continuousWithPrevious(i) ? 0 : at - previous;
            longest = Math.max(longest, gap);
            if (gap > thresholdNanos) {
                lost += gap;
                if (!interrupted) {
                    interrupted = true;
                    recovery = OptionalLong.of(at - faultNanos);
                }
            }
            previous = at;
        }
        long open = endNanos - previous;
        if (open > 0) {
            longest = Math.max(longest, open);
            if (open > thresholdNanos) {
                lost += open;
                if (!interrupted) {
                    return new MediaWindow(longest, lost, OptionalLong.empty());
                }
            }
        }
        return new MediaWindow(longest, lost, interrupted ? recovery : OptionalLong.of(0));
    }
}
