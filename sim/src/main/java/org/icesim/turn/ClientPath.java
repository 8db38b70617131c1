package org.icesim.turn;

import org.icesim.net.Payload;

/** The way back from a TURN server to one client: a UDP socket and the client's address, or a TCP connection. */
interface ClientPath {

    /** Sends a STUN message or ChannelData to the client; does nothing if the path is gone. */
    void send(Payload payload);
}
