package org.icesim.webrtc;

/** The error names the W3C algorithms reject with. */
public enum DomExceptionName {
    /** The method is not allowed in the current state (signaling state, closed connection). */
    INVALID_STATE_ERROR("InvalidStateError"),
    /** A description handed to setLocalDescription differs from the one created for it. */
    INVALID_MODIFICATION_ERROR("InvalidModificationError"),
    /** The operation failed for a reason specific to it (unknown mid or ufrag, nothing to offer). */
    OPERATION_ERROR("OperationError"),
    /** The content of a description is invalid for this connection. */
    INVALID_ACCESS_ERROR("InvalidAccessError"),
    /** An argument has the wrong shape (an ECMAScript TypeError, not a DOMException). */
    TYPE_ERROR("TypeError");

    private final String w3cName;

    DomExceptionName(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The name as the W3C API reports it. */
    public String w3cName() {
        return w3cName;
    }
}
