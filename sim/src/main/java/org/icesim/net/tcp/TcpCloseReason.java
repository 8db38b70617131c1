package org.icesim.net.tcp;

/** Why a connection ended, as told once to its {@link TcpListener#onClosed}. */
public enum TcpCloseReason {
    /** The peer sent a FIN and every message before it was delivered. */
    CLOSED_BY_PEER,
    /** The peer answered our SYN with a RST: nobody listens there (ECONNREFUSED). */
    REFUSED,
    /** The peer reset an open connection (ECONNRESET), e.g. because it lost the connection's state. */
    RESET,
    /** SYN or data retransmissions ran out, or the user timeout passed (ETIMEDOUT). */
    TIMED_OUT,
    /** The TLS handshake received something other than the flight it expected; the connection was reset. */
    TLS_FAILED,
    /** The application called {@link TcpConnection#close()}. */
    LOCAL_CLOSE,
    /** The application called {@link TcpConnection#abort()}. */
    LOCAL_ABORT
}
