package org.icesim.metrics;

import java.util.OptionalLong;

/**
 * Media continuity of one direction over a window [from, end]: the longest gap, the time lost in
 * interruptions, and when media came back. An interruption is a gap between consecutive packets
 * longer than a threshold (normal packet spacing and jitter stay below it). A fluid-mode stretch
 * of continuous arrivals has no gap inside it.
 *
 * @param longestGapNanos the longest interval between consecutive packets whose later packet
 *                        falls in the window (a gap still open at the end counts up to the end)
 * @param lostNanos       the sum of the gaps longer than the threshold
 * @param recoveryNanos   from → the packet that ended the first interruption; 0 when there was
 *                        none, empty when the first interruption never ended
 */
public record MediaContinuity(long longestGapNanos, long lostNanos, OptionalLong recoveryNanos) {
}
