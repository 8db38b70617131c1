package org.icesim.stun;

import org.icesim.kernel.Durations;

/**
 * When a STUN client retransmits a request and when it gives up (RFC 8489 §6.2).
 *
 * <p>Over an unreliable transport the first request leaves at once and each later one after an
 * interval that grows by the {@link Backoff}: with {@link Backoff#DOUBLE} request {@code i}
 * (0-based) leaves {@code RTO·(2^i − 1)} after the first, the doubling capped at
 * {@code maxRtoNanos}; after the {@code maxRequests}-th request the client waits
 * {@code finalWaitMultiplier × RTO} more before it reports a timeout (RFC 8489 §6.2.1). With the
 * RFC values (RTO 500 ms, Rc 7, Rm 16) requests leave at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s
 * and the transaction fails at 39.5 s. Over a reliable transport the request is sent once and
 * fails after {@code reliableTimeoutNanos} (Ti, RFC 8489 §6.2.2).
 *
 * @param initialRtoNanos      the first retransmission timeout (RTO); RFC: 500 ms when the RTT is unknown
 * @param maxRequests          Rc, the number of requests sent in all, the first included; RFC: 7
 * @param finalWaitMultiplier  Rm: the wait after the last request, in multiples of the initial RTO; RFC: 16
 * @param maxRtoNanos          cap on the grown interval; the RFC has none ({@link Long#MAX_VALUE})
 * @param reliableTimeoutNanos Ti, the whole transaction over TCP or TLS; RFC: 39.5 s
 * @param backoff              how the interval grows from one request to the next
 */
public record StunTransactionConfig(long initialRtoNanos, int maxRequests, int finalWaitMultiplier,
        long maxRtoNanos, long reliableTimeoutNanos, Backoff backoff) {

    /** How the interval between two requests of one transaction grows. */
    public enum Backoff {
        /** Each interval is twice the one before (RFC 8489 §6.2.1). */
        DOUBLE,
        /**
         * Each interval is twice the one before, and the wait after the last request is the
         * interval before it plus Rm × RTO: nICEr (stun_client_ctx.c nr_stun_client_send_request)
         * keeps one {@code timeout_ms}, sets it to {@code rto_ms} after the first request, doubles
         * it ({@code retransmission_backoff_factor} 2.0) after each later one but the last, adds
         * {@code maximum_transmits_timeout_ms} (16 × RTO) to it after the last, and arms each timer
         * with that value as a delay from the send.
         */
        DOUBLE_EXTENDED_FINAL
    }

    /** RFC 8489 §6.2.1 and §6.2.2 defaults. */
    public static final StunTransactionConfig RFC_8489 = new StunTransactionConfig(
            Durations.millis(500), 7, 16, Long.MAX_VALUE, Durations.millis(39_500), Backoff.DOUBLE);

    /**
     * libwebrtc's requests to STUN and TURN servers (stun_request.cc: {@code STUN_INITIAL_RTO}
     * 250 ms, {@code STUN_MAX_RETRANSMISSIONS} 8, {@code STUN_MAX_RTO} 8 s; StunRequest::OnSent,
     * resend_delay): requests at 0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 23.75 and 31.75 s. After
     * the last one libwebrtc waits one more capped RTO (8 s), which is 32 × 250 ms, so the
     * transaction fails at 39.75 s. StunRequest does not look at the transport: over TCP or TLS
     * it re-sends on the same schedule, so the transaction fails at 39.75 s there too.
     */
    public static final StunTransactionConfig LIBWEBRTC = new StunTransactionConfig(
            Durations.millis(250), 9, 32, Durations.seconds(8), Durations.millis(39_750), Backoff.DOUBLE);

    /**
     * nICEr's requests to STUN and TURN servers (stun_client_ctx.c nr_stun_client_ctx_create: RTO
     * 100 ms when the caller passes none, as ice_candidate.c nr_ice_srvrflx_start_stun does with
     * the unset {@code gather_rto} and turn_client_ctx.c with {@code TURN_RTO} 100; backoff 2.0;
     * {@code maximum_transmits} 7, Firefox's pref {@code stun_client_maximum_transmits} 7; final
     * backoff 16 × RTO), grown as {@link Backoff#DOUBLE_EXTENDED_FINAL}: requests at 0, 0.1, 0.3,
     * 0.7, 1.5, 3.1 and 6.3 s, failure 3.2 + 1.6 s later, at 11.1 s. Over TCP nICEr sends once:
     * nr_stun_client_ctx_create starts {@code timeout_ms} at the final backoff and makes that
     * single request the last, so the final backoff is added once more, and the transaction fails
     * after 2 × 1.6 s = 3.2 s.
     */
    public static final StunTransactionConfig NICER = new StunTransactionConfig(
            Durations.millis(100), 7, 16, Long.MAX_VALUE, Durations.millis(3_200), Backoff.DOUBLE_EXTENDED_FINAL);

    /**
     * pion/ice's server-reflexive gathering (gather.go gatherCandidatesSrflx, internal/stun
     * GetXORMappedAddr): one Binding request, never re-sent, answered within
     * {@code defaultSTUNGatherTimeout} 5 s (agent_config.go) or given up.
     */
    public static final StunTransactionConfig PION_STUN = new StunTransactionConfig(
            Durations.seconds(5), 1, 1, Durations.seconds(5), Durations.seconds(5), Backoff.DOUBLE);

    /**
     * pion/turn's client (client.go {@code defaultRTO} 200 ms, {@code maxRtxCount} 7;
     * internal/client/transaction.go StartRtxTimer doubles the interval up to
     * {@code maxRtxInterval} 1.6 s): requests at 0, 0.2, 0.6, 1.4, 3.0, 4.6 and 6.2 s; the seventh
     * timer (1.6 s = 8 × RTO) ends the transaction at 7.8 s. Requests over TCP are re-sent on the
     * same schedule (client.go onRtxTimeout writes to the same conn), so they fail at 7.8 s too.
     */
    public static final StunTransactionConfig PION_TURN = new StunTransactionConfig(
            Durations.millis(200), 7, 8, Durations.millis(1_600), Durations.millis(7_800), Backoff.DOUBLE);

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
        if (backoff == null) {
            throw new IllegalArgumentException("backoff must not be null");
        }
    }

    public StunTransactionConfig withInitialRto(long nanos) {
        return new StunTransactionConfig(nanos, maxRequests, finalWaitMultiplier, Math.max(maxRtoNanos, nanos),
                reliableTimeoutNanos, backoff);
    }

    public StunTransactionConfig withMaxRequests(int requests) {
        return new StunTransactionConfig(initialRtoNanos, requests, finalWaitMultiplier, maxRtoNanos, reliableTimeoutNanos,
                backoff);
    }

    public StunTransactionConfig withFinalWaitMultiplier(int multiplier) {
        return new StunTransactionConfig(initialRtoNanos, maxRequests, multiplier, maxRtoNanos, reliableTimeoutNanos,
                backoff);
    }

    public StunTransactionConfig withReliableTimeout(long nanos) {
        return new StunTransactionConfig(initialRtoNanos, maxRequests, finalWaitMultiplier, maxRtoNanos, nanos, backoff);
    }

    /**
     * The wait after request {@code index} (0-based) sent with first timeout {@code rtoNanos}:
     * the grown (and capped) interval before the next request, or the final wait after the last.
     */
    public long waitAfter(int index, long rtoNanos) {
        long cap = Math.max(maxRtoNanos, rtoNanos);
        if (index >= maxRequests - 1) {
            long finalWait = saturatedMultiply(rtoNanos, finalWaitMultiplier);
            return backoff == Backoff.DOUBLE || index == 0 ? finalWait
                    : saturatedAdd(grownInterval(index - 1, rtoNanos, cap), finalWait);
        }
        return grownInterval(index, rtoNanos, cap);
    }

    private long grownInterval(int index, long rtoNanos, long cap) {
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
