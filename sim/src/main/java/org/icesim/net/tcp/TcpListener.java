package org.icesim.net.tcp;

import org.icesim.net.Payload;

/**
 * What a connection tells its application. Every connection the application holds ends with
 * exactly one {@link #onClosed} call, whatever the cause, including the application's own
 * {@link TcpConnection#close()} or {@link TcpConnection#abort()}; nothing is called after it.
 * Callbacks run inside the stack's event handling, so they may send, close or abort at once.
 */
public interface TcpListener {

    /**
     * The connection is ready for application data: the three-way handshake is done and, with TLS,
     * so is the TLS handshake. Messages sent before this moment were held and are on their way.
     */
    default void onConnected(TcpConnection connection) {
    }

    /** A whole message from the peer, in the order the peer sent it. */
    void onMessage(TcpConnection connection, Payload message);

    /** The connection ended; see {@link TcpCloseReason}. */
    void onClosed(TcpConnection connection, TcpCloseReason reason);
}
