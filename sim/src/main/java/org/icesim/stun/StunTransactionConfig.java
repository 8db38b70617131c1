package org.icesim.stun;

import org.icesim.kernel.Durations;

/**
 * When a STUN client retransmits a request and when it gives up (RFC 8489 §6.2).
 *
 * <p>Over an unreliable transport the first request leaves at once and request {@code i} (0-based)
 * leaves {@code RTO·(2^i − 1)} later, the doubling capped at {@code maxRtoNanos}; after the
 * {@code maxRequests}-th request the client waits {@code finalWaitMultiplier × RTO} more before
 * it reports a timeout (RFC 8489 §6.2.1). With the RFC values (RTO 500 ms, Rc 7, Rm 16) requests
 * leave at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s and the transaction fails at 39.5 s. Over a
 * reliable transport the request is sent once and fails after {@code reliableTimeoutNanos}
 * (Ti, RFC 8489 §6.2.2).
 *
 * @param initialRtoNanos      the first retransmission timeout (RTO); RFC: 500 ms when the RTT is unknown
 * @param maxRequests          Rc, the number of requests sent in all, the first included; RFC: 7
 * @param finalWaitMultiplier  Rm: the wait after the last request, in multiples of the initial RTO; RFC: 16
 * @param maxRtoNanos          cap on the doubled interval; the RFC has none ({@link Long#MAX_VALUE})
 * @param reliableTimeoutNanos Ti, the whole transaction over TCP or TLS; RFC: 39.5 s
 */
public record StunTransactionConfig(long initialRtoNanos, int maxRequests, int finalWaitMultiplier,
        long maxRtoNanos, long reliableTimeoutNanos) {

    /** RFC 8489 §6.2.1 and §6.2.2 defaults. */
    public static final StunTransactionConfig RFC_8489 = new StunTransactionConfig(
            Durations.millis(500), 7, 16, Long.MAX_VALUE, Durations.millis(39_500));

    /**
     * libwebrtc's requests to STUN and TURN servers (stun_request.cc: initial RTO 250 ms, 8
     * retransmissions, RTO capped at 8 s): requests at 0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75,
     * 23.75 and 31.75 s. After the last one libwebrtc waits one more capped RTO (8 s), which is
     * 32 × 250 ms, so the transaction fails at 39.75 s.
     */
    public static final StunTransactionConfig LIBWEBRTC = new StunTransactionConfig(
            Durations.millis(250), 9, 32, Durations.seconds(8), Durations.millis(39_500));

    public StunTransactionConfig {
        requirePositive("initial RTO", initialRtoNanos);
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests (Rc) must be >= 1, was " + maxRequests);
        }
        if (finalWaitMultiplier < 1) {
            throw new IllegalArgumentException("finalWaitMultiplier (Rm) must be >= 1, was " + finalWaitMultiplier);
        }
        if (maxRtoNanos < initialRtoNanos) {
            throw new IllegalArgumentException("max RTO must be >= the initial RTO (" + initialRtoNanos + " ns), was "
                    + maxRtoNanos + " ns");
        }
        requirePositive("reliable timeout (Ti)", reliableTimeoutNanos);
    }

    public StunTransactionConfig withInitialRto(long nanos) {
        return new StunTransactionConfig(nanos, maxRequests, finalWaitMultiplier, Math.max(maxRtoNanos, nanos),
                reliableTimeoutNanos);
    }

    public StunTransactionConfig withMaxRequests(int requests) {
        return new StunTransactionConfig(initialRtoNanos, requests, finalWaitMultiplier, maxRtoNanos, reliableTimeoutNanos);
    }

    public StunTransactionConfig withFinalWaitMultiplier(int multiplier) {
        return new StunTransactionConfig(initialRtoNanos, maxRequests, multiplier, maxRtoNanos, reliableTimeoutNanos);
    }

    public StunTransactionConfig withReliableTimeout(long nanos) {
        return new StunTransactionConfig(initialRtoNanos, maxRequests, finalWaitMultiplier, maxRtoNanos, nanos);
    }

    /**
     * The wait after request {@code index} (0-based) sent with first timeout {@code rtoNanos}:
     * the doubled (and capped) RTO before the next request, or Rm × RTO after the last one.
     */
    long waitAfter(int index, long rtoNanos) {
        if (index >= maxRequests - 1) {
            return saturatedMultiply(rtoNanos, finalWaitMultiplier);
        }
        long cap = Math.max(maxRtoNanos, rtoNanos);
        long interval = rtoNanos;
        for (int i = 0; i < index && interval < cap; i++) {
            interval = saturatedMultiply(interval, 2);
        }
        return Math.min(interval, cap);
    }

    /** From the first request to the timeout over an unreliable transport, with first timeout {@code rtoNanos}. */
    public long unreliableTimeoutNanos(long rtoNanos) {
        long total = 0;
        for (int i = 0; i < maxRequests; i++) {
            total = saturatedAdd(total, waitAfter(i, rtoNanos));
        }
        return total;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static void requirePositive(String name, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 ns, was " + nanos + " ns");
        }
    }
}
