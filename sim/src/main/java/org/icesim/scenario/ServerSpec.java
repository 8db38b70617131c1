package org.icesim.scenario;

import java.util.Optional;
import org.icesim.signaling.SignalingTransport;
import org.icesim.turn.TurnServerConfig;

/** A server of the scenario, placed on the internet behind its own access link (if named). */
public sealed interface ServerSpec {

    String name();

    /** The link template of the server's access link; none: attached to the core with no delay. */
    Optional<String> link();

    /** A STUN binding server on UDP 3478. */
    record Stun(String name, Optional<String> link) implements ServerSpec {
    }

    /** A TURN server with its transports, users, lifetimes and quotas. */
    record Turn(String name, Optional<String> link, TurnServerConfig config) implements ServerSpec {
    }

    /**
     * A signaling server: clients connect over TCP (TLS if {@code tls}) with {@code transport};
     * messages for an absent stream client are held until it registers if {@code holdMessages}.
     */
    record Signaling(String name, Optional<String> link, boolean tls, boolean holdMessages, SignalingTransport transport)
            implements ServerSpec {
    }
}
