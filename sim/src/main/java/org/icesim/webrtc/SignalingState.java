package org.icesim.webrtc;

import org.icesim.kernel.Invariant;

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

    /** RTCSignalingState changes only as {@link #canMoveTo} allows: the W3C offer/answer and rollback rules. */
    public static final Invariant TRANSITION_INVARIANT = new Invariant("signaling state transition");

    private final String w3cName;

    SignalingState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * Whether the W3C offer/answer rules let the state change from this one to {@code next}
     * ("set the session description" and its rollback branch): stable → have-local-offer
     * (SLD offer) or have-remote-offer (SRD offer); have-local-offer → have-remote-pranswer (SRD
     * pranswer) or stable (SRD answer, rollback); have-remote-offer → have-local-pranswer (SLD
     * pranswer) or stable (SLD answer, rollback); either pranswer state → stable (the answer;
     * rollback is refused there); any state → closed, and nothing leaves closed. Re-applying an
     * offer in its own have-*-offer state is no change.
     */
    public boolean canMoveTo(SignalingState next) {
        return switch (this) {
            case STABLE -> next == HAVE_LOCAL_OFFER || next == HAVE_REMOTE_OFFER || next == CLOSED;
            case HAVE_LOCAL_OFFER -> next == HAVE_REMOTE_PRANSWER || next == STABLE || next == CLOSED;
            case HAVE_REMOTE_OFFER -> next == HAVE_LOCAL_PRANSWER || next == STABLE || next == CLOSED;
            case HAVE_LOCAL_PRANSWER, HAVE_REMOTE_PRANSWER -> next == STABLE || next == CLOSED;
            case CLOSED -> false;
        };
    }
}
