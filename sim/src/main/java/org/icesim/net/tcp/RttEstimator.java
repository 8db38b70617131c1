package org.icesim.net.tcp;

import static org.icesim.kernel.Durations.seconds;

/**
 * The retransmission timeout of one connection, computed as RFC 6298 §2 prescribes, with
 * exponential back-off and Karn's algorithm (§5, §3): a backed-off timeout stays until a segment
 * that was never retransmitted is acknowledged and yields a new sample.
 */
final class RttEstimator {
    /** RFC 6298 §5.7: the RTO to use once data flows if the handshake had to be retransmitted. */
    private static final long HANDSHAKE_FALLBACK_RTO = seconds(3);

    private final long minRto;
    private final long maxRto;
    private long smoothedRtt = -1;
    private long rttVariation;
    private long baseRto;
    private int backoffs;

    RttEstimator(TcpConfig config) {
        this.minRto = config.minRto();
        this.maxRto = config.maxRto();
        this.baseRto = config.initialRto();
    }

    /** Takes a round-trip measurement of {@code rtt} ns from a segment sent once. */
    void addSample(long rtt) {
        if (smoothedRtt < 0) {
            smoothedRtt = rtt;                    // §2.2
            rttVariation = rtt / 2;
        } else {
            rttVariation = (3 * rttVariation + Math.abs(smoothedRtt - rtt)) / 4; // §2.3, beta = 1/4
            smoothedRtt = (7 * smoothedRtt + rtt) / 8;                          // alpha = 1/8
        }
        // §2.3: RTO = SRTT + max(G, 4 * RTTVAR); the clock granularity G is 1 ns here, so the
        // variance term always wins. §2.4 floor, §2.5 ceiling.
        baseRto = Math.min(maxRto, Math.max(minRto, smoothedRtt + 4 * rttVariation));
        backoffs = 0;
    }

    /** §5.5: doubles the timeout after it expired, up to the ceiling. */
    void backOff() {
        if (rto() < maxRto) {
            backoffs++;
        }
    }

    /** §5.7: when the handshake completes without any sample, data starts with a 3 s timeout. */
    void handshakeCompletedWithoutSample() {
        if (smoothedRtt < 0) {
            baseRto = Math.min(maxRto, Math.max(baseRto, HANDSHAKE_FALLBACK_RTO));
            backoffs = 0;
        }
    }

    /** The timeout to arm now, back-off included. */
    long rto() {
        return Math.min(maxRto, baseRto << backoffs);
    }

    /** SRTT in ns, or -1 before the first sample. */
    long smoothedRtt() {
        return smoothedRtt;
    }
}
