package org.icesim.icenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.icesim.ice.Priorities;
import org.icesim.net.TransportAddress;
import org.icesim.turn.TurnTransport;

/**
 * The STUN and TURN servers one peer gathers through (W3C {@code RTCConfiguration.iceServers}).
 * Each STUN server yields a server-reflexive candidate per interface, each TURN server a relayed
 * one; their order ranks the candidates of one type (RFC 8445 §5.1.2.2: several servers are told
 * apart by local preference), so at most {@value Priorities#MAX_SERVER_INDEX} + 1 of each kind.
 *
 * @param stun STUN servers (UDP)
 * @param turn TURN servers with the transport to reach them and the long-term credentials
 */
public record IceServers(List<TransportAddress> stun, List<Turn> turn) {

    /** No servers: host candidates only. */
    public static final IceServers NONE = new IceServers(List.of(), List.of());

    /**
     * One TURN server entry ({@code turn:} or {@code turns:} URL with username and credential).
     *
     * @param address   where the server listens for {@code transport}
     * @param transport UDP, TCP or TLS between this peer and the server (the relayed leg is UDP)
     */
    public record Turn(TransportAddress address, TurnTransport transport, String username, String password) {
        public Turn {
            if (address == null || transport == null) {
                throw new IllegalArgumentException("TURN server address and transport must not be null, were "
                        + address + ", " + transport);
            }
            if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("TURN server " + address + " needs a username and password, username was '"
                        + username + "'");
            }
        }
    }

    public IceServers {
        if (stun == null || turn == null || stun.stream().anyMatch(Objects::isNull)
                || turn.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("stun and turn must be lists without nulls, were " + stun + ", " + turn);
        }
        if (stun.size() > Priorities.MAX_SERVER_INDEX + 1 || turn.size() > Priorities.MAX_SERVER_INDEX + 1) {
            throw new IllegalArgumentException("at most " + (Priorities.MAX_SERVER_INDEX + 1)
                    + " STUN and TURN servers each (one local-preference step each, RFC 8445 §5.1.2.1), were "
                    + stun.size() + " and " + turn.size());
        }
        stun = List.copyOf(stun);
        turn = List.copyOf(turn);
    }

    /** These servers and one more STUN server, ranked last. */
    public IceServers withStun(TransportAddress server) {
        List<TransportAddress> more = new ArrayList<>(stun);
        more.add(server);
        return new IceServers(more, turn);
    }

    /** These servers and one more TURN server, ranked last. */
    public IceServers withTurn(TransportAddress server, TurnTransport transport, String username, String password) {
        List<Turn> more = new ArrayList<>(turn);
        more.add(new Turn(server, transport, username, password));
        return new IceServers(stun, more);
    }

    /** Whether some TURN server is reached over TCP or TLS, which needs the peer's TCP stack. */
    public boolean needsTcp() {
        for (Turn server : turn) {
            if (server.transport().isReliable()) {
                return true;
            }
        }
        return false;
    }
}
