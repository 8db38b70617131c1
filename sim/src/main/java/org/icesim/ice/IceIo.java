package org.icesim.ice;

import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunMessage;

/**
 * The agent's only way out: the integration layer maps each local base to a UDP socket or, for a
 * relayed candidate, to a TURN allocation.
 */
public interface IceIo {

    /** Sends {@code message} from the local base {@code base} to {@code remote}. */
    void send(TransportAddress base, TransportAddress remote, StunMessage message);

    /**
     * Called before the first check from the relayed candidate {@code relayedBase} to
     * {@code peer}: the TURN client must install a permission for that IP (CreatePermission,
     * RFC 8445 §7.2.1, RFC 8656 §9) and call {@code ready} once it is in place (or at once if it
     * already is); the agent sends the check only then. The default, for layers without TURN,
     * is ready at once.
     */
    default void prepareRelay(TransportAddress relayedBase, Ipv4Address peer, Runnable ready) {
        ready.run();
    }
}
