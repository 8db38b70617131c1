package org.icesim.webrtc;

/** W3C {@code RTCIceRole} (RFC 8445 §6.1.1 roles). */
public enum IceRole {
    /** Not yet determined: no offer has been applied. */
    UNKNOWN("unknown"),
    CONTROLLING("controlling"),
    CONTROLLED("controlled");

    private final String w3cName;

    IceRole(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }
}
