package org.icesim.turn;

import org.icesim.net.TransportAddress;

/**
 * What identifies an allocation on the server (RFC 8656 §2.2): the client's address as the server
 * sees it, the server address it was sent to, and the transport between them.
 */
record FiveTuple(TransportAddress client, TransportAddress server, TurnTransport transport) {

    // The server looks the tuple up for every relayed packet; written out (same hash as the
    // generated method) so the lookup does not go through method-handle dispatch.
    @Override
    public boolean equals(Object other) {
        return other instanceof FiveTuple tuple && tuple.transport == transport && tuple.client.equals(client)
                && tuple.server.equals(server);
    }

    @Override
    public int hashCode() {
        return (31 * client.hashCode() + server.hashCode()) * 31 + transport.hashCode();
    }
}
