package org.icesim.turn;

import java.util.HashMap;
import java.util.Map;
import org.icesim.kernel.Invariants;
import org.icesim.net.Ipv4Address;

/**
 * A TURN server's second, independent record of the permissions it installed, kept only while
 * invariant checks are on: when each peer IP was last permitted on each allocation. Every datagram
 * the server relays is checked against it, so a relay decision that skipped or misread the
 * allocation's own permission table stops the run (RFC 8656 §9: a permission lasts its lifetime
 * from the last CreatePermission or ChannelBind that installed or refreshed it, and the server
 * relays nothing between the relayed address and a peer IP without one).
 *
 * <p>The maps are only looked up, never iterated, so their order cannot change a result.
 */
final class PermissionLedger {
    private final Invariants invariants;
    private final long lifetimeNanos;
    private final Map<ServerAllocation, Map<Ipv4Address, Long>> installedAt = new HashMap<>();

    PermissionLedger(Invariants invariants, long lifetimeNanos) {
        this.invariants = invariants;
        this.lifetimeNanos = lifetimeNanos;
    }

    /** A CreatePermission or ChannelBind installed or refreshed the permission for {@code peer}. */
    void installed(ServerAllocation allocation, Ipv4Address peer, long now) {
        installedAt.computeIfAbsent(allocation, unused -> new HashMap<>()).put(peer, now);
    }

    /** The allocation is gone, and its permissions with it. */
    void forget(ServerAllocation allocation) {
        installedAt.remove(allocation);
    }

    /** The server lost every allocation (a crash). */
    void clear() {
        installedAt.clear();
    }

    /** Checks that relaying between {@code allocation}'s relayed address and {@code peer} is permitted now. */
    void requireRelayable(Object server, ServerAllocation allocation, Ipv4Address peer, RelayDirection direction,
            long now) {
        Map<Ipv4Address, Long> permissions = installedAt.get(allocation);
        Long at = permissions == null ? null : permissions.get(peer);
        if (at == null) {
            throw invariants.violation(TurnServer.PERMISSION_INVARIANT, server, "relayed " + direction
                    + " between " + allocation.fiveTuple.client() + "'s allocation and " + peer
                    + ", for which no permission was ever installed");
        }
        if (now >= at + lifetimeNanos) {
            throw invariants.violation(TurnServer.PERMISSION_INVARIANT, server, "relayed " + direction
                    + " between " + allocation.fiveTuple.client() + "'s allocation and " + peer
                    + ", whose permission was last installed at " + at + " ns and expired at "
                    + (at + lifetimeNanos) + " ns");
        }
        invariants.held(TurnServer.PERMISSION_INVARIANT);
    }
}
