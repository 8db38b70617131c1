package org.icesim.ice;

/**
 * The four kinds of ICE candidate (RFC 8445 §4, §5.1.1), with their SDP names (RFC 8839 §5.1),
 * which are also the W3C {@code RTCIceCandidateType} values.
 */
public enum CandidateType {
    HOST("host"),
    SERVER_REFLEXIVE("srflx"),
    PEER_REFLEXIVE("prflx"),
    RELAYED("relay");

    private final String sdpName;

    CandidateType(String sdpName) {
        this.sdpName = sdpName;
    }

    /**
     * The name used in the SDP {@code typ} field, the W3C API and results ({@code host},
     * {@code srflx}, {@code prflx}, {@code relay}).
     */
    public String sdpName() {
        return sdpName;
    }

    /** Whether the candidate's address is learnt from a server or a peer rather than owned (RFC 8445 §5.1.1.1). */
    public boolean isReflexive() {
        return this == SERVER_REFLEXIVE || this == PEER_REFLEXIVE;
    }
}
