package org.icesim.webrtc;

/**
 * Timing of the peer connection model, and how the browser shows its ICE state to the page.
 *
 * @param operationDelayNanos time each chained operation (createOffer, createAnswer, applying a
 *                            description, addIceCandidate) takes before it completes: the
 *                            "in parallel" work of the W3C algorithms. Operations that the W3C
 *                            algorithm rejects before that work starts (wrong signaling state,
 *                            modified description, unknown mid or ufrag) are rejected at once
 * @param dtlsHandshakeNanos  time from the ICE transport first becoming connected to the DTLS
 *                            transport becoming connected
 * @param pageSeesIceFailed   {@code iceConnectionState} shows "failed" when the ICE transport fails,
 *                            as the W3C table says; false: it shows "disconnected" instead while
 *                            {@code connectionState} shows "failed", as Chromium does
 *                            ({@link org.icesim.ice.IceProfile#pageSeesIceFailed()} cites why)
 * @param w3cConnectionState  {@code connectionState} follows the W3C table; false: pion's rule
 *                            ({@link PeerConnectionState#aggregatePion}, cited by
 *                            {@link org.icesim.ice.IceProfile#w3cConnectionState()})
 */
public record PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos, boolean pageSeesIceFailed,
        boolean w3cConnectionState) {

    public PeerConnectionConfig {
        if (operationDelayNanos < 0) {
            throw new IllegalArgumentException("operationDelayNanos must be >= 0, was " + operationDelayNanos);
        }
        if (dtlsHandshakeNanos < 0) {
            throw new IllegalArgumentException("dtlsHandshakeNanos must be >= 0, was " + dtlsHandshakeNanos);
        }
    }

    /** The W3C view of the states: the page sees "failed", connectionState by the W3C table. */
    public PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos) {
        this(operationDelayNanos, dtlsHandshakeNanos, true, true);
    }

    /** This configuration, with the page seeing (or not) the ICE state "failed". */
    public PeerConnectionConfig withPageSeesIceFailed(boolean value) {
        return new PeerConnectionConfig(operationDelayNanos, dtlsHandshakeNanos, value, w3cConnectionState);
    }

    /** This configuration, with connectionState by the W3C table (true) or by pion's rule. */
    public PeerConnectionConfig withW3cConnectionState(boolean value) {
        return new PeerConnectionConfig(operationDelayNanos, dtlsHandshakeNanos, pageSeesIceFailed, value);
    }
}
