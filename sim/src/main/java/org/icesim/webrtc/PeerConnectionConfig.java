package org.icesim.webrtc;

/**
 * Timing of the peer connection model.
 *
 * @param operationDelayNanos time each chained operation (createOffer, createAnswer, applying a
 *                            description, addIceCandidate) takes before it completes: the
 *                            "in parallel" work of the W3C algorithms. Operations that the W3C
 *                            algorithm rejects before that work starts (wrong signaling state,
 *                            modified description, unknown mid or ufrag) are rejected at once
 * @param dtlsHandshakeNanos  time from the ICE transport first becoming connected to the DTLS
 *                            transport becoming connected
 */
public record PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos) {

    public PeerConnectionConfig {
        if (operationDelayNanos < 0) {
            throw new IllegalArgumentException("operationDelayNanos must be >= 0, was " + operationDelayNanos);
        }
        if (dtlsHandshakeNanos < 0) {
            throw new IllegalArgumentException("dtlsHandshakeNanos must be >= 0, was " + dtlsHandshakeNanos);
        }
    }
}
