package org.icesim.turn;

import org.icesim.net.TransportAddress;

/**
 * A snapshot of one allocation on a TURN server, for tests, traces and reports.
 *
 * @param client    the client's transport address as the server sees it (after NATs)
 * @param transport how the client reaches the server
 * @param username  the user that created it
 * @param relayed   its relayed transport address
 * @param expiresAt when it expires unless refreshed, in simulated nanoseconds
 */
public record TurnAllocationInfo(TransportAddress client, TurnTransport transport, String username,
        TransportAddress relayed, long expiresAt) {
}
