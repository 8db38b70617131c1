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
}
