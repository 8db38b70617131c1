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
 * @param negotiation         the offer and answer steps and the first setRemoteDescription(offer) as a real
 *                            stack takes them; {@link NegotiationTimes#instant} gives every operation the
 *                            operation delay
 */
public record PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos, boolean pageSeesIceFailed,
        boolean w3cConnectionState, NegotiationTimes negotiation) {

    public PeerConnectionConfig {
        if (operationDelayNanos < 0) {
            throw new IllegalArgumentException("operationDelayNanos must be >= 0, was " + operationDelayNanos);
        }
        if (dtlsHandshakeNanos < 0) {
            throw new IllegalArgumentException("dtlsHandshakeNanos must be >= 0, was " + dtlsHandshakeNanos);
        }
        if (negotiation == null) {
            throw new IllegalArgumentException("negotiation must not be null");
        }
        // An offer or answer step is a creation and a setLocalDescription, which takes the operation delay.
        long shortest = Math.min(Math.min(negotiation.firstOfferNanos(), negotiation.offerNanos()),
                Math.min(negotiation.firstAnswerNanos(), negotiation.answerNanos()));
        if (shortest < operationDelayNanos) {
            throw new IllegalArgumentException("an offer or answer step must take at least the operation delay "
                    + operationDelayNanos + " ns, was " + shortest);
        }
    }

    /**
     * Every operation taking the operation delay, the page seeing the ICE state "failed" as it is or not,
     * connectionState by the W3C table or pion's rule.
     */
    public PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos, boolean pageSeesIceFailed,
            boolean w3cConnectionState) {
        this(operationDelayNanos, dtlsHandshakeNanos, pageSeesIceFailed, w3cConnectionState,
                NegotiationTimes.instant(operationDelayNanos));
    }

    /** The W3C view of the states: the page sees "failed", connectionState by the W3C table. */
    public PeerConnectionConfig(long operationDelayNanos, long dtlsHandshakeNanos) {
        this(operationDelayNanos, dtlsHandshakeNanos, true, true);
    }

    /** This configuration, with the page seeing (or not) the ICE state "failed". */
    public PeerConnectionConfig withPageSeesIceFailed(boolean value) {
        return new PeerConnectionConfig(operationDelayNanos, dtlsHandshakeNanos, value, w3cConnectionState, negotiation);
    }

    /** This configuration, with connectionState by the W3C table (true) or by pion's rule. */
    public PeerConnectionConfig withW3cConnectionState(boolean value) {
        return new PeerConnectionConfig(operationDelayNanos, dtlsHandshakeNanos, pageSeesIceFailed, value, negotiation);
    }

    /** This timing, with a stack's negotiation times. */
    public PeerConnectionConfig withNegotiation(NegotiationTimes times) {
        return new PeerConnectionConfig(operationDelayNanos, dtlsHandshakeNanos, pageSeesIceFailed, w3cConnectionState,
                times);
    }

    /** How long creating an offer takes: the offer step less its setLocalDescription. */
    long createOfferNanos(boolean firstNegotiation) {
        return negotiation.offer(firstNegotiation) - operationDelayNanos;
    }

    /** How long creating an answer takes: the answer step less its setLocalDescription. */
    long createAnswerNanos(boolean firstNegotiation) {
        return negotiation.answer(firstNegotiation) - operationDelayNanos;
    }

    /** How long applying a remote offer takes. */
    long setRemoteOfferNanos(boolean firstNegotiation) {
        return operationDelayNanos + (firstNegotiation ? negotiation.firstRemoteOfferExtraNanos() : 0);
    }
}
