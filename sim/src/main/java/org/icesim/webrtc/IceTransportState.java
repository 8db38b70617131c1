package org.icesim.webrtc;

/**
 * W3C {@code RTCIceTransportState}: the state of one ICE transport as the ICE agent reports it
 * through {@link IceTransportObserver#onStateChanged}.
 */
public enum IceTransportState {
    /** Gathering and/or waiting for remote candidates; no checks yet. */
    NEW("new"),
    /** At least one remote candidate and checks running, no usable pair yet (or consent lost on all). */
    CHECKING("checking"),
    /** A usable pair was found; checking, gathering or waiting for candidates may go on. */
    CONNECTED("connected"),
    /** Gathering done, end-of-candidates received, all pairs checked, a connection found. */
    COMPLETED("completed"),
    /** Connectivity currently lost; transient. */
    DISCONNECTED("disconnected"),
    /** Everything checked and failed (after end-of-candidates and PAC); terminal until an ICE restart. */
    FAILED("failed"),
    /** Shut down; no longer answers STUN. */
    CLOSED("closed");

    private final String w3cName;

    IceTransportState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * The state a transport in this state moves to when an ICE restart starts checks for the new
     * generation (W3C RTCIceTransportState: a restart takes "completed" to "connected", and
     * "disconnected" or "failed" to "checking"; other states are unchanged). The ICE agent applies
     * this rule; it is kept here so that both sides of the interface share one definition.
     */
    public IceTransportState afterRestart() {
        switch (this) {
            case COMPLETED:
                return CONNECTED;
            case DISCONNECTED:
            case FAILED:
                return CHECKING;
            default:
                return this;
        }
    }
}
