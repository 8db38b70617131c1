package org.icesim.nat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;

/**
 * One NAT on its own simulator, wired directly to capturing receivers: {@link #internet} stands
 * for everything outside, and each inside host is a capture attached to the NAT's inside.
 */
final class NatHarness {
    static final Ipv4Address PUBLIC = Ipv4Address.parse("203.0.113.1");
    static final TransportAddress STUN = addr("192.0.2.1:3478");

    final Simulator simulator = SuiteChecks.simulator();
    final Capture internet = new Capture();
    final Nat nat;
    private final Map<Ipv4Address, Capture> hosts = new HashMap<>();

    NatHarness(NatBehavior behavior) {
        this(behavior, List.of(PUBLIC), 1L);
    }

    NatHarness(NatBehavior behavior, List<Ipv4Address> publicAddresses, long seed) {
        nat = new Nat(simulator, "nat", behavior, publicAddresses, new RandomStreams(seed).stream("nat"));
        nat.connectOutside(internet);
    }

    static TransportAddress addr(String ipAndPort) {
        int colon = ipAndPort.indexOf(':');
        return TransportAddress.of(ipAndPort.substring(0, colon), Integer.parseInt(ipAndPort.substring(colon + 1)));
    }

    static Packet udp(TransportAddress from, TransportAddress to) {
        return new Packet(Protocol.UDP, from, to, new TestPayloads.Datagram(100));
    }

    static Packet tcp(TransportAddress from, TransportAddress to, int flags) {
        return new Packet(Protocol.TCP, from, to, new TestPayloads.Segment(flags, 0));
    }

    /** The capture standing for the inside host at {@code ip}, attached on first use. */
    Capture host(Ipv4Address ip) {
        return hosts.computeIfAbsent(ip, address -> {
            Capture capture = new Capture();
            nat.inside().attach(address, capture);
            return capture;
        });
    }

    void at(long nanos) {
        simulator.runUntil(nanos);
    }

    /** Sends a UDP packet from inside; returns the source it left with, or {@code null} if it did not leave. */
    TransportAddress out(String from, String to) {
        return out(udp(addr(from), addr(to)));
    }

    /** Sends {@code packet} from inside; returns the source it left with, or {@code null} if it did not leave. */
    TransportAddress out(Packet packet) {
        host(packet.source().ip());
        int before = internet.count();
        nat.inside().receive(packet);
        return internet.count() > before ? internet.last().source() : null;
    }

    /** Sends a UDP packet from outside; returns the packet as delivered inside, or {@code null}. */
    Packet in(TransportAddress from, TransportAddress to) {
        return in(udp(from, to));
    }

    /** Sends {@code packet} from outside; returns it as delivered to some inside host, or {@code null}. */
    Packet in(Packet packet) {
        long before = nat.counters().packetsDelivered();
        nat.outside().receive(packet);
        if (nat.counters().packetsDelivered() == before) {
            return null;
        }
        Packet delivered = null;
        for (Capture capture : hosts.values()) {
            Packet last = capture.last();
            if (last != null && last.source().equals(packet.source()) && last.payload() == packet.payload()) {
                delivered = last;
            }
        }
        return delivered;
    }
}
