package org.icesim.ice;

/** The W3C RTCIceTransportState values (webrtc-pc §5.6), which the agent reports. */
public enum IceTransportState {
    NEW("new"),
    CHECKING("checking"),
    CONNECTED("connected"),
    COMPLETED("completed"),
    DISCONNECTED("disconnected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String w3cName;

    IceTransportState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The lower-case name the W3C API and the results use. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * The state a transport in this state moves to when an ICE restart starts checks for the new
     * generation (W3C RTCIceTransportState: a restart takes "completed" to "connected", and
     * "disconnected" or "failed" to "checking"; other states are unchanged).
     */
    public IceTransportState afterRestart() {
        return switch (this) {
            case COMPLETED -> CONNECTED;
            case DISCONNECTED, FAILED -> CHECKING;
            default -> this;
        };
    }
}
