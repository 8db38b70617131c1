package org.icesim.net;

import java.util.HashMap;
import java.util.Map;

/**
 * The internet's core: forwards each packet, with no processing delay, to whatever was attached
 * for its exact destination address. A packet for an address nobody attached is dropped as
 * {@link DropReason#NO_ROUTE}.
 *
 * <p>Counters: sent = packets handed to the router, delivered = packets forwarded.
 */
public final class Router implements Gateway {

    private final String name;
    // Only looked up, never iterated, so its order cannot change a result.
    private final Map<Ipv4Address, PacketReceiver> routes = new HashMap<>();
    private final TrafficCounters counters = new TrafficCounters();
    private PacketReceiver tap;

    public Router(String name) {
        this.name = Check.notNull("name", name);
    }

    public String name() {
        return name;
    }

    /**
     * Routes {@code address} to {@code towardAddress}. An address leads to one place only: attaching
     * one that is already attached is an error (detach it first), as it would hide a wiring mistake.
     */
    @Override
    public void attach(Ipv4Address address, PacketReceiver towardAddress) {
        Check.notNull("address", address);
        Check.notNull("towardAddress", towardAddress);
        PacketReceiver existing = routes.putIfAbsent(address, towardAddress);
        if (existing != null) {
            throw new IllegalArgumentException("router " + name + ": address " + address
                    + " is already attached (to " + existing + "); detach it first");
        }
    }

    /** Removes the route to {@code address}, if there is one. */
    @Override
    public void detach(Ipv4Address address) {
        routes.remove(address);
    }

    /** Whether packets for {@code address} have somewhere to go. */
    public boolean isAttached(Ipv4Address address) {
        return routes.containsKey(address);
    }

    /** Shows {@code observer} every packet the router receives (a capture point for pcap), or none if null. */
    public void setTap(PacketReceiver observer) {
        this.tap = observer;
    }

    @Override
    public void receive(Packet packet) {
        int bytes = packet.wireSize();
        counters.sent(bytes);
        if (tap != null) {
            tap.receive(packet);
        }
        PacketReceiver next = routes.get(packet.destination().ip());
        if (next == null) {
            counters.dropped(bytes, DropReason.NO_ROUTE);
            return;
        }
        counters.delivered(bytes);
        next.receive(packet);
    }

    public TrafficCounters counters() {
        return counters;
    }

    @Override
    public String toString() {
        return "router " + name;
    }
}
