package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.nat.NatHarness.addr;
import static org.icesim.nat.NatHarness.udp;

import org.icesim.net.DropReason;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.TcpHeader;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** Mapping behaviours as RFC 4787 §4.1 defines them, and the NAT's plumbing around them. */
class NatMappingTest {

    private static NatHarness nat(MappingBehavior mapping) {
        return new NatHarness(NatBehavior.of(mapping, FilteringBehavior.ENDPOINT_INDEPENDENT)
                .withPortAllocation(PortAllocation.SEQUENTIAL));
    }

    @Test
    void endpointIndependentMappingReusesTheExternalAddressForEveryDestination() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);

        TransportAddress toStun = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        TransportAddress otherPort = h.out("10.0.0.1:5000", "192.0.2.1:3479");
        TransportAddress otherHost = h.out("10.0.0.1:5000", "198.51.100.7:40000");

        assertThat(toStun).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(otherPort).isEqualTo(toStun);
        assertThat(otherHost).isEqualTo(toStun);
    }

    @Test
    void addressDependentMappingReusesTheExternalAddressOnlyForTheSameDestinationIp() {
        NatHarness h = nat(MappingBehavior.ADDRESS_DEPENDENT);

        TransportAddress first = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        TransportAddress sameIpOtherPort = h.out("10.0.0.1:5000", "192.0.2.1:3479");
        TransportAddress otherIp = h.out("10.0.0.1:5000", "198.51.100.7:3478");

        assertThat(first).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(sameIpOtherPort).isEqualTo(first);
        assertThat(otherIp).isEqualTo(addr("203.0.113.1:1025"));
    }

    @Test
    void addressAndPortDependentMappingReusesTheExternalAddressOnlyForTheSameDestinationIpAndPort() {
        NatHarness h = nat(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT);

        TransportAddress first = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        TransportAddress again = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        TransportAddress sameIpOtherPort = h.out("10.0.0.1:5000", "192.0.2.1:3479");
        TransportAddress otherIp = h.out("10.0.0.1:5000", "198.51.100.7:3478");

        assertThat(first).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(again).isEqualTo(first);
        assertThat(sameIpOtherPort).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(otherIp).isEqualTo(addr("203.0.113.1:1026"));
    }

    @Test
    void distinctInternalEndpointsGetDistinctMappings() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(h.out("10.0.0.1:5001", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(h.out("10.0.0.2:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1026"));
        assertThat(h.nat.activeMappings()).isEqualTo(3);
    }

    @Test
    void inboundIsTranslatedBackToTheInternalEndpoint() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        TransportAddress external = h.out("10.0.0.1:5000", "192.0.2.1:3478");

        Packet delivered = h.in(addr("192.0.2.1:3478"), external);

        assertThat(delivered).isNotNull();
        assertThat(delivered.source()).isEqualTo(addr("192.0.2.1:3478"));
        assertThat(delivered.destination()).isEqualTo(addr("10.0.0.1:5000"));
        assertThat(h.host(Ipv4Address.parse("10.0.0.1")).packets()).containsExactly(delivered);
    }

    @Test
    void inboundToAPortWithoutMappingIsDroppedAsNoMapping() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        h.out("10.0.0.1:5000", "192.0.2.1:3478");

        assertThat(h.in(addr("192.0.2.1:3478"), addr("203.0.113.1:1025"))).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void protocolIsPartOfTheMappingKey() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        TransportAddress tcpExternal = h.out(NatHarness.tcp(addr("10.0.0.1:5000"), addr("192.0.2.1:443"),
                TcpHeader.FLAG_SYN));

        // The UDP pool is separate, so UDP starts at the range's first port as well ...
        assertThat(tcpExternal).isEqualTo(addr("203.0.113.1:1024"));
        // ... and a UDP packet to the TCP mapping's address finds no UDP mapping.
        assertThat(h.in(addr("192.0.2.1:443"), tcpExternal)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:443")).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(h.nat.activeMappings()).isEqualTo(2);
    }

    @Test
    void packetsBetweenInsideAddressesAreSwitchedUntranslated() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        Capture b = h.host(Ipv4Address.parse("10.0.0.2"));
        Packet packet = udp(addr("10.0.0.1:5000"), addr("10.0.0.2:6000"));

        h.nat.inside().receive(packet);

        assertThat(b.packets()).containsExactly(packet);
        assertThat(h.internet.count()).isZero();
        assertThat(h.nat.activeMappings()).isZero();
    }

    @Test
    void inboundForADetachedHostIsDroppedAsNoRoute() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        TransportAddress external = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        h.nat.inside().detach(Ipv4Address.parse("10.0.0.1"));

        assertThat(h.in(addr("192.0.2.1:3478"), external)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void inboundToAnAddressTheNatDoesNotOwnIsDroppedAsNoRoute() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        h.out("10.0.0.1:5000", "192.0.2.1:3478");

        assertThat(h.in(addr("192.0.2.1:3478"), addr("203.0.113.99:1024"))).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void outboundBeforeTheUplinkIsConnectedIsDroppedAsNoRoute() {
        Nat nat = new Nat(() -> 0L, "unwired", NatBehavior.FULL_CONE, java.util.List.of(NatHarness.PUBLIC),
                new org.icesim.kernel.RandomStreams(1).stream("nat"));

        nat.inside().receive(udp(addr("10.0.0.1:5000"), NatHarness.STUN));

        assertThat(nat.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(nat.counters().packetsSent()).isZero();
    }

    @Test
    void countersSeeSentAndDeliveredPackets() {
        NatHarness h = nat(MappingBehavior.ENDPOINT_INDEPENDENT);
        TransportAddress external = h.out("10.0.0.1:5000", "192.0.2.1:3478");
        h.in(addr("192.0.2.1:3478"), external);

        assertThat(h.nat.counters().packetsSent()).isEqualTo(1);
        assertThat(h.nat.counters().packetsDelivered()).isEqualTo(1);
        assertThat(h.nat.counters().bytesSent()).isEqualTo(20 + 8 + 100);
    }
}
