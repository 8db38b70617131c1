package org.icesim.turn;

import org.icesim.net.TransportAddress;

/**
 * What identifies an allocation on the server (RFC 8656 §2.2): the client's address as the server
 * sees it, the server address it was sent to, and the transport between them.
 */
record FiveTuple(TransportAddress client, TransportAddress server, TurnTransport transport) {
}
