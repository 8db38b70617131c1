package org.icesim.webrtc;

/**
 * An error a peer-connection operation is rejected with, carrying the W3C error name. Delivered
 * through a rejected {@link Completion}; thrown only by the synchronous methods the W3C API lets
 * throw.
 */
public final class DomException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DomExceptionName name;

    public DomException(DomExceptionName name, String message) {
        // No stack trace: these errors are results the model hands back, not program faults.
        super(name.w3cName() + ": " + message, null, false, false);
        this.name = name;
    }

    /** The W3C error name. */
    public DomExceptionName name() {
        return name;
    }
}
