package org.icesim.turn;

import java.util.HashMap;
import java.util.Map;
import org.icesim.kernel.Timer;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.TransactionId;

/**
 * One allocation on a TURN server (RFC 8656 §2.2): its 5-tuple, owner, relayed socket, expiry,
 * permissions and channel bindings. Permissions and channels expire lazily: an entry is valid while
 * the current time is before its expiry, so no timer exists for them. The maps are only looked
 * up, never iterated.
 */
final class ServerAllocation {

    final FiveTuple fiveTuple;
    final ClientPath path;
    final String username;
    final StunKey key;
    /** The Allocate transaction that created it: a retransmission of it gets the same success (RFC 8656 §7.2). */
    final TransactionId allocateTransaction;
    UdpSocket relay;
    StunMessage allocateResponse;
    long expiresAt;
    Timer expiry;
    /** Peer IP → end of its permission (RFC 8656 §9: per IP address, the port does not matter). */
    private final Map<Ipv4Address, Long> permissions = new HashMap<>();
    private final ChannelNumbers<ChannelBinding> channelsByNumber = new ChannelNumbers<>();
    private final Map<TransportAddress, ChannelBinding> channelsByPeer = new HashMap<>();

    ServerAllocation(FiveTuple fiveTuple, ClientPath path, String username, StunKey key,
            TransactionId allocateTransaction) {
        this.fiveTuple = fiveTuple;
        this.path = path;
        this.username = username;
        this.key = key;
        this.allocateTransaction = allocateTransaction;
    }

    /** Permissions held in memory, expired or not (they expire lazily). */
    int storedPermissions() {
        return permissions.size();
    }

    /** Channel bindings held in memory, expired or not. */
    int storedChannels() {
        return channelsByNumber.size();
    }

    boolean permits(Ipv4Address peer, long now) {
        Long until = permissions.get(peer);
        return until != null && now < until;
    }

    void installPermission(Ipv4Address peer, long until) {
        permissions.put(peer, until);
    }

    /** The live binding of channel {@code number}, or null. */
    ChannelBinding channel(int number, long now) {
        ChannelBinding binding = channelsByNumber.get(number);
        return binding != null && binding.isLive(now) ? binding : null;
    }

    /** The live binding toward {@code peer}, or null. */
    ChannelBinding channelFor(TransportAddress peer, long now) {
        ChannelBinding binding = channelsByPeer.get(peer);
        return binding != null && binding.isLive(now) ? binding : null;
    }

    /**
     * Binds or re-binds {@code number} to {@code peer} until {@code until}; refused (false) when the
     * channel is bound to another peer or the peer to another channel (RFC 8656 §12.2).
     */
    boolean bind(int number, TransportAddress peer, long now, long until) {
        ChannelBinding byNumber = channel(number, now);
        ChannelBinding byPeer = channelFor(peer, now);
        if (byNumber != byPeer) {
            return false;
        }
        if (byNumber != null) {
            byNumber.expiresAt = until;
            return true;
        }
        ChannelBinding binding = new ChannelBinding(number, peer, until);
        ChannelBinding stale = channelsByNumber.put(number, binding);
        if (stale != null) {
            channelsByPeer.remove(stale.peer, stale);
        }
        stale = channelsByPeer.put(peer, binding);
        if (stale != null) {
            channelsByNumber.remove(stale.number, stale);
        }
        return true;
    }
}
