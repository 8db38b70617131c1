package org.icesim.webrtc;

/**
 * W3C {@code RTCIceTransportPolicy}: which local candidates the ICE agent may use. With
 * {@link #RELAY} only relayed candidates are gathered, signalled and checked, so the peer never
 * learns a host or server-reflexive address (W3C RTCConfiguration.iceTransportPolicy; RFC 8445
 * §5.1.1 leaves the choice of candidates to the agent).
 */
public enum IceTransportPolicy {
    ALL("all"),
    RELAY("relay");

    private final String w3cName;

    IceTransportPolicy(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }
}
