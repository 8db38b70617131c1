package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.nat.NatHarness.STUN;
import static org.icesim.nat.NatHarness.addr;
import static org.icesim.nat.NatHarness.udp;

import org.icesim.net.DropReason;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** Two hosts behind the same NAT reaching each other through its public address (RFC 4787 §6). */
class HairpinningTest {
    private static final TransportAddress A = addr("10.0.0.1:5000");
    private static final TransportAddress B = addr("10.0.0.2:6000");

    @Test
    void hairpinnedPacketArrivesInsideWithTheSendersExternalSource() {
        NatHarness h = new NatHarness(NatBehavior.FULL_CONE);
        Capture hostA = h.host(A.ip());
        TransportAddress externalA = h.out(A.toString(), STUN.toString());

        h.nat.inside().receive(udp(B, externalA));

        Packet received = hostA.last();
        assertThat(received).isNotNull();
        // RFC 4787 §6 REQ-9: B's source is its external address, not its private one.
        assertThat(received.source()).isEqualTo(addr("203.0.113.1:6000"));
        assertThat(received.destination()).isEqualTo(A);
        assertThat(h.internet.count()).isEqualTo(1); // only A's packet to the STUN server left
    }

    @Test
    void hairpinnedPacketsMeetTheFilterLikeAnyInboundPacket() {
        NatHarness h = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE);
        Capture hostA = h.host(A.ip());
        Capture hostB = h.host(B.ip());
        TransportAddress externalA = h.out(A.toString(), STUN.toString());
        TransportAddress externalB = h.out(B.toString(), STUN.toString());

        // A has never sent to B's external address: B's first packet is filtered ...
        h.nat.inside().receive(udp(B, externalA));
        assertThat(hostA.count()).isZero();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_FILTER)).isEqualTo(1);

        // ... but it opened B's filter for A, so A gets through, and then B does too.
        h.nat.inside().receive(udp(A, externalB));
        assertThat(hostB.last().source()).isEqualTo(externalA);
        h.nat.inside().receive(udp(B, externalA));
        assertThat(hostA.last().source()).isEqualTo(externalB);
    }

    @Test
    void withoutHairpinningPacketsToTheNatsOwnAddressAreDroppedAndCounted() {
        NatHarness h = new NatHarness(NatBehavior.FULL_CONE.withHairpinning(false));
        Capture hostA = h.host(A.ip());
        TransportAddress externalA = h.out(A.toString(), STUN.toString());

        h.nat.inside().receive(udp(B, externalA));

        assertThat(hostA.count()).isZero();
        assertThat(h.internet.count()).isEqualTo(1);
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_HAIRPIN)).isEqualTo(1);
    }

    @Test
    void hairpinnedPacketToAnUnmappedPortIsDroppedAsNoMapping() {
        NatHarness h = new NatHarness(NatBehavior.FULL_CONE);
        h.host(Ipv4Address.parse("10.0.0.1"));

        h.nat.inside().receive(udp(B, addr("203.0.113.1:7777")));

        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }
}
