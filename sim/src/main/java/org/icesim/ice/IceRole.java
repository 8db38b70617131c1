package org.icesim.ice;

/**
 * The agent's role (RFC 8445 §6.1.1): the controlling agent nominates, the controlled one follows.
 * These are the W3C {@code RTCIceRole} values once a role is known; the W3C "unknown" (no offer
 * applied yet) is the absence of a role.
 */
public enum IceRole {
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

    public IceRole opposite() {
        return this == CONTROLLING ? CONTROLLED : CONTROLLING;
    }
}
