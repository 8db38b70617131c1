package org.icesim.net;

/**
 * A node that forwards packets by destination address and learns where addresses live: the
 * internet's core router, or the inside of a NAT. A host interface, a server or a NAT's public
 * side attaches its address to the gateway above it, naming the receiver (usually the far end of
 * a link) that leads to it.
 */
public interface Gateway extends PacketReceiver {

    /** From now on, packets for {@code address} go to {@code towardAddress}. */
    void attach(Ipv4Address address, PacketReceiver towardAddress);

    /** Packets for {@code address} are no longer deliverable (dropped as {@link DropReason#NO_ROUTE}). */
    void detach(Ipv4Address address);
}
