package org.icesim.webrtc;

/** W3C {@code RTCSignalingState}: where the peer connection is in the offer/answer exchange. */
public enum SignalingState {
    /** No offer/answer exchange in progress (also the initial state). */
    STABLE("stable"),
    /** A local offer has been applied. */
    HAVE_LOCAL_OFFER("have-local-offer"),
    /** A remote offer has been applied. */
    HAVE_REMOTE_OFFER("have-remote-offer"),
    /** A remote offer and a local provisional answer have been applied. */
    HAVE_LOCAL_PRANSWER("have-local-pranswer"),
    /** A local offer and a remote provisional answer have been applied. */
    HAVE_REMOTE_PRANSWER("have-remote-pranswer"),
    /** The connection is closed ({@code [[IsClosed]]} is true). */
    CLOSED("closed");

    private final String w3cName;

    SignalingState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }
}
