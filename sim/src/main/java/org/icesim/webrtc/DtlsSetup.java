package org.icesim.webrtc;

/** The SDP {@code a=setup} attribute that decides which side starts the DTLS handshake (RFC 8842 §5). */
public enum DtlsSetup {
    /** Offerer willing to be either client or server (RFC 8842 §5.2: every offer uses it here). */
    ACTPASS("actpass"),
    /** This endpoint is the DTLS client and starts the handshake. */
    ACTIVE("active"),
    /** This endpoint is the DTLS server. */
    PASSIVE("passive");

    private final String sdpName;

    DtlsSetup(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The attribute value as SDP spells it. */
    public String sdpName() {
        return sdpName;
    }

    /**
     * The value an answer takes for an offer carrying this value: an actpass offer is answered
     * with active (RFC 8842 §5.3, JSEP/RFC 8829 §5.3.1), otherwise the opposite role.
     */
    public DtlsSetup answerTo() {
        return this == ACTIVE ? PASSIVE : ACTIVE;
    }
}
