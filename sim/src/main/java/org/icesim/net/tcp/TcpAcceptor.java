package org.icesim.net.tcp;

/** What a listening address does with each connection a peer opens to it. */
@FunctionalInterface
public interface TcpAcceptor {

    /**
     * A peer's connection completed its handshake (three-way, then TLS when the listener uses TLS).
     * Returns the listener for the connection's events; its {@link TcpListener#onConnected} is
     * called right after, as for a connection opened with {@link TcpStack#connect}. Closing or
     * aborting the connection inside this method refuses it: no listener method is called then.
     */
    TcpListener accept(TcpConnection connection);
}
