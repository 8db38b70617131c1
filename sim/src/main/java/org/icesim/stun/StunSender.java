package org.icesim.stun;

import org.icesim.net.TransportAddress;

/** Puts a STUN message on the wire toward {@code destination}: a socket, a TURN relay, a test's list. */
@FunctionalInterface
public interface StunSender {
    void send(TransportAddress destination, StunMessage message);
}
