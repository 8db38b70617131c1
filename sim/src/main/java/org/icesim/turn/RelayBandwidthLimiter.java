package org.icesim.turn;

import org.icesim.kernel.Durations;

/**
 * A token bucket over relayed payload bytes: it refills at the configured rate up to the burst
 * size, and a packet passes only if the bucket holds all its bytes. Credit is kept in
 * bits × 10^9 so that refilling by (elapsed ns × bit/s) is exact integer arithmetic.
 */
final class RelayBandwidthLimiter {

    private final long bitsPerSecond;
    private final long capacity;
    private long credit;
    private long updatedAt;

    RelayBandwidthLimiter(long bitsPerSecond, long burstBytes, long now) {
        this.bitsPerSecond = bitsPerSecond;
        this.capacity = burstBytes * 8 * Durations.NANOS_PER_SECOND;
        this.credit = capacity;
        this.updatedAt = now;
    }

    /** Takes {@code bytes} from the bucket if it holds them; returns whether the packet may pass. */
    boolean tryConsume(long now, int bytes) {
        long elapsed = now - updatedAt;
        updatedAt = now;
        if (elapsed >= (capacity - credit) / bitsPerSecond + 1) {
            credit = capacity;
        } else {
            credit += elapsed * bitsPerSecond;
        }
        long cost = bytes * 8L * Durations.NANOS_PER_SECOND;
        if (cost > credit) {
            return false;
        }
        credit -= cost;
        return true;
    }
}
