package org.icesim.signaling;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a signaling client spaces its reconnection attempts: the first at once, then exponential
 * back-off with random jitter, as WebSocket client libraries do (so that many clients cut off
 * together do not come back in lockstep).
 *
 * @param initialNanos  delay before the second attempt
 * @param factor        growth per further attempt (&ge; 1)
 * @param maxNanos      cap of the delay
 * @param jitter        each delay is scaled by a uniform factor in [1 − jitter, 1 + jitter]
 * @param connectTimeoutNanos an attempt not connected by then is abandoned (browsers and
 *                      libraries give up far sooner than TCP's own 127 s)
 */
public record ReconnectBackoff(long initialNanos, double factor, long maxNanos, double jitter, long connectTimeoutNanos) {

    public static final ReconnectBackoff DEFAULT =
            new ReconnectBackoff(1_000_000_000L, 2.0, 30_000_000_000L, 0.2, 10_000_000_000L);

    public ReconnectBackoff {
        if (initialNanos < 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initial <= max, were initial="
                    + initialNanos + " ns, max=" + maxNanos + " ns");
        }
        if (!(factor >= 1.0)) {
            throw new IllegalArgumentException("reconnect back-off factor must be >= 1, was " + factor);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("reconnect jitter must be in [0, 1), was " + jitter);
        }
        if (connectTimeoutNanos <= 0) {
            throw new IllegalArgumentException("connect timeout must be > 0, was " + connectTimeoutNanos + " ns");
        }
    }

    /** The delay before attempt {@code attempt} (0 = the first retry, which goes at once). */
    public long delayNanos(int attempt, RandomGenerator random) {
        if (attempt == 0) {
            return 0;
        }
        double base = Math.min(maxNanos, initialNanos * StrictMath.pow(factor, attempt - 1));
        double scale = jitter == 0 ? 1.0 : 1.0 - jitter + 2 * jitter * random.nextDouble();
        return Math.round(base * scale);
    }
}
