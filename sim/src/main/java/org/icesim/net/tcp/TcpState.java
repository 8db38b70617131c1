package org.icesim.net.tcp;

/**
 * The states of a connection, named as in RFC 793 §3.2. Three of the RFC's states are absent on
 * purpose: LISTEN belongs to {@link TcpStack#listen}, not to a connection; CLOSE-WAIT is passed
 * through at once because a connection closes its own side as soon as the peer's FIN arrives (a
 * message-oriented application has nothing to say after the peer left); TIME-WAIT is not kept
 * (see {@link TcpStack}).
 */
public enum TcpState {
    /** SYN sent, waiting for the SYN-ACK. */
    SYN_SENT,
    /** SYN received by a listener, SYN-ACK sent, waiting for the ACK. */
    SYN_RECEIVED,
    /** Three-way handshake done (a TLS handshake, when used, runs in this state). */
    ESTABLISHED,
    /** The application closed; our FIN is queued or sent and not yet acknowledged. */
    FIN_WAIT_1,
    /** Our FIN was acknowledged; waiting for the peer's FIN. */
    FIN_WAIT_2,
    /** Both FINs sent; waiting for the acknowledgement of ours. */
    CLOSING,
    /** The peer closed first; our FIN is queued or sent and not yet acknowledged. */
    LAST_ACK,
    /** Gone: removed from its stack, no segment is sent or accepted any more. */
    CLOSED
}
