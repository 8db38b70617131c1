package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.nat.NatHarness.STUN;
import static org.icesim.nat.NatHarness.addr;

import java.util.List;
import org.icesim.net.DropReason;
import org.icesim.net.Packet;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** UDP mapping lifetime and refresh (RFC 4787 §4.3 REQ-5, REQ-6), lazy expiry and sweeping. */
class MappingTimeoutTest {
    private static final NatBehavior NO_INBOUND_REFRESH = NatBehavior.SYMMETRIC.withRefreshOnInbound(false);

    @Test
    void mappingIdleForTheWholeTimeoutIsGoneExactlyAtTheBoundary() {
        NatHarness h = new NatHarness(NO_INBOUND_REFRESH);
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());

        h.at(seconds(120) - 1);
        assertThat(h.in(STUN, external)).isNotNull();
        h.at(seconds(120));
        assertThat(h.in(STUN, external)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void timeoutsShorterThanTheRfcMinimumAreHonoured() {
        NatHarness h = new NatHarness(NO_INBOUND_REFRESH.withUdpMappingTimeout(seconds(30)));
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());

        h.at(seconds(30) - 1);
        assertThat(h.in(STUN, external)).isNotNull();
        h.at(seconds(30));
        assertThat(h.in(STUN, external)).isNull();
    }

    @Test
    void outboundPacketsRefreshTheMapping() {
        NatHarness h = new NatHarness(NO_INBOUND_REFRESH);
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());
        h.at(seconds(100));
        assertThat(h.out("10.0.0.1:5000", STUN.toString())).isEqualTo(external);

        h.at(seconds(220) - 1);
        assertThat(h.in(STUN, external)).isNotNull();
        h.at(seconds(220));
        assertThat(h.in(STUN, external)).isNull();
    }

    @Test
    void inboundPacketsRefreshTheMappingWhenEnabled() {
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC.withRefreshOnInbound(true));
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());
        h.at(seconds(100));
        assertThat(h.in(STUN, external)).isNotNull();

        h.at(seconds(220) - 1);
        assertThat(h.in(STUN, external)).isNotNull();
    }

    @Test
    void inboundPacketsDoNotRefreshTheMappingWhenDisabled() {
        NatHarness h = new NatHarness(NO_INBOUND_REFRESH);
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());
        h.at(seconds(100));
        assertThat(h.in(STUN, external)).isNotNull();

        h.at(seconds(120));
        assertThat(h.in(STUN, external)).isNull();
    }

    @Test
    void refusedInboundPacketsNeverRefresh() {
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC.withRefreshOnInbound(true));
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());
        h.at(seconds(100));
        assertThat(h.in(addr("198.51.100.7:1"), external)).isNull();

        h.at(seconds(120));
        assertThat(h.in(STUN, external)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_FILTER)).isEqualTo(1);
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void anExpiredMappingIsReplacedByANewOneOnTheNextOutboundPacket() {
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC);
        TransportAddress before = h.out("10.0.0.1:5000", STUN.toString());

        h.at(seconds(120));
        TransportAddress after = h.out("10.0.0.1:5000", STUN.toString());

        // A sequential NAT moves on: the peer sees a new source port (NAT rebinding).
        assertThat(before).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(after).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(h.in(STUN, before)).isNull();
        assertThat(h.in(STUN, after)).isNotNull();
    }

    @Test
    void aMappingRemadeOnTheExpiredOnesExternalAddressReceivesTheReplies() {
        // Port preservation gives the new mapping the old one's external address; the inbound
        // lookup last found the old one, and must neither use it nor, finding it dead, remove
        // the new mapping that now holds the address.
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC.withPortAllocation(PortAllocation.PRESERVING)
                .withRefreshOnInbound(false));
        TransportAddress before = h.out("10.0.0.1:5000", STUN.toString());
        assertThat(h.in(STUN, before)).isNotNull();

        h.at(seconds(120));
        TransportAddress after = h.out("10.0.0.1:5000", STUN.toString());

        assertThat(after).isEqualTo(before);
        Packet reply = h.in(STUN, after);
        assertThat(reply).isNotNull();
        assertThat(reply.destination()).isEqualTo(addr("10.0.0.1:5000"));
        assertThat(h.nat.storedMappings()).isEqualTo(1);
    }

    @Test
    void activeMappingsCountsOnlyLiveMappings() {
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC);
        h.out("10.0.0.1:5000", "192.0.2.1:1");
        h.out("10.0.0.1:5000", "192.0.2.1:2");
        h.out("10.0.0.1:5000", "192.0.2.1:3");
        h.at(seconds(60));
        h.out("10.0.0.1:5000", "192.0.2.1:4");
        assertThat(h.nat.activeMappings()).isEqualTo(4);

        h.at(seconds(120));
        assertThat(h.nat.activeMappings()).isEqualTo(1);
        assertThat(h.nat.storedMappings()).isEqualTo(1);
    }

    @Test
    void deadMappingsAreSweptSoMemoryStaysBounded() {
        NatHarness h = new NatHarness(NatBehavior.SYMMETRIC.withUdpMappingTimeout(seconds(1)),
                List.of(NatHarness.PUBLIC), 1L);
        int maxStored = 0;
        for (int second = 0; second < 100; second++) {
            h.at(seconds(second));
            for (int i = 1; i <= 100; i++) {
                h.out("10.0.0.1:5000", "192.0.2." + i + ":" + (10_000 + second));
            }
            maxStored = Math.max(maxStored, h.nat.storedMappings());
        }

        // 10 000 mappings were made, never more than 100 alive at once: the table stays below
        // twice the live count after a sweep, or the sweep floor, plus one second's worth.
        assertThat(h.nat.counters().packetsSent()).isEqualTo(10_000);
        assertThat(maxStored).isLessThanOrEqualTo(2 * SweepTrigger.FLOOR + 100);
    }
}
