package org.icesim.turn;

import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/** A TURN client's path to its server over one transport: a UDP socket, or a TCP/TLS connection. */
interface ServerConnection {

    /** What the connection reports to the client. */
    interface Events {
        /** Messages can be sent now (at once over UDP; after the handshakes over TCP and TLS). */
        void onOpen();

        /** A STUN message or ChannelData from the server. */
        void onReceive(Payload payload);

        /** The path broke without the client closing it. */
        void onLost();
    }

    /** Opens the path; {@link Events#onOpen()} follows when it is usable. */
    void open(Events events);

    /**
     * Replaces the path with one from a new local port (the answer to 437 Allocation Mismatch,
     * RFC 8656 §7.2); {@link Events#onOpen()} follows again.
     */
    void reopen();

    /** Sends to the server; dropped if the path is not open. */
    void send(Payload payload);

    /** Closes the path; nothing is reported afterwards. */
    void close();

    /** The local transport address now in use; null before {@link #open}. */
    TransportAddress localAddress();

    TurnTransport transport();
}
