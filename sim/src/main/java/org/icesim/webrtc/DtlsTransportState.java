package org.icesim.webrtc;

/** W3C {@code RTCDtlsTransportState}. */
public enum DtlsTransportState {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    CLOSED("closed"),
    FAILED("failed");

    private final String w3cName;

    DtlsTransportState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }
}
