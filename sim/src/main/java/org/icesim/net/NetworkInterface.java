package org.icesim.net;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One of a host's network attachments: an IPv4 address and the uplink its outgoing packets are
 * handed to. Created by {@link Host#addInterface}; once removed it stays removed (a new interface
 * of the same name is a new object).
 */
public final class NetworkInterface {

    private final Host host;
    private final String name;
    private final Ipv4Address address;
    private final PacketReceiver uplink;
    private final PacketReceiver receiver;
    /** Open sockets bound here, in the order they were opened. */
    private final Set<UdpSocket> sockets = new LinkedHashSet<>();
    private boolean removed;

    NetworkInterface(Host host, String name, Ipv4Address address, PacketReceiver uplink) {
        this.host = host;
        this.name = name;
        this.address = address;
        this.uplink = uplink;
        this.receiver = packet -> host.receiveOn(this, packet);
    }

    public Host host() {
        return host;
    }

    public String name() {
        return name;
    }

    public Ipv4Address address() {
        return address;
    }

    /** Where the network delivers packets for this interface (the far end of its link, normally). */
    public PacketReceiver receiver() {
        return receiver;
    }

    public boolean isRemoved() {
        return removed;
    }

    @Override
    public String toString() {
        return host.name() + "/" + name + " (" + address + ")";
    }

    PacketReceiver uplink() {
        return uplink;
    }

    Set<UdpSocket> sockets() {
        return sockets;
    }

    void markRemoved() {
        removed = true;
    }
}
