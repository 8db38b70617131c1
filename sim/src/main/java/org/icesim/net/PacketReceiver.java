package org.icesim.net;

/**
 * Anything a packet can be handed to: a link's entry, a router, a NAT side, a host interface.
 * The network is a graph of receivers, each forwarding what it receives to the next.
 */
@FunctionalInterface
public interface PacketReceiver {
    void receive(Packet packet);
}
