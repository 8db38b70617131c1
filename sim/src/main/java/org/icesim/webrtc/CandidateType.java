package org.icesim.webrtc;

/** W3C {@code RTCIceCandidateType} (RFC 8445 §5.1.1 candidate types). */
public enum CandidateType {
    HOST("host"),
    /** Server reflexive: the address a STUN server saw. */
    SRFLX("srflx"),
    /** Peer reflexive: learned from a connectivity check. */
    PRFLX("prflx"),
    /** Relayed through a TURN server. */
    RELAY("relay");

    private final String w3cName;

    CandidateType(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API (and the SDP {@code typ} field) spells it. */
    public String w3cName() {
        return w3cName;
    }
}
