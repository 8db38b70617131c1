package org.icesim.icenet;

import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/**
 * Where a local candidate's base lives: a host candidate's UDP socket, or a TURN allocation for a
 * relayed candidate (whose base is the relayed address itself, RFC 8445 §5.1.1.2). Checks and
 * media sent from a base leave through its endpoint.
 */
sealed interface LocalEndpoint permits HostSocket, RelayAllocation {

    /** The gathering session (ICE generation) that opened this endpoint. */
    GatheringSession session();

    /** The interface the endpoint was opened on. */
    NetworkInterface networkInterface();

    /** Sends {@code payload} from this base to {@code remote}; false when the endpoint cannot send any more. */
    boolean send(TransportAddress remote, Payload payload);
}
