package org.icesim.turn;

import org.icesim.net.TransportAddress;

/** A channel number bound to a peer on one allocation, until {@link #expiresAt}. */
final class ChannelBinding {

    final int number;
    final TransportAddress peer;
    long expiresAt;

    ChannelBinding(int number, TransportAddress peer, long expiresAt) {
        this.number = number;
        this.peer = peer;
        this.expiresAt = expiresAt;
    }

    boolean isLive(long now) {
        return now < expiresAt;
    }
}
