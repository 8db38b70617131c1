package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.nat.NatHarness.STUN;
import static org.icesim.nat.NatHarness.addr;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.DropReason;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** Reboot (state lost, possibly new addresses) and flush (mappings lost, NAT keeps running). */
class NatRebootTest {
    private static final Ipv4Address NEW_PUBLIC = Ipv4Address.parse("203.0.113.77");

    private final NatHarness h = new NatHarness(NatBehavior.SYMMETRIC);
    private final List<String> notifications = new ArrayList<>();

    NatRebootTest() {
        h.nat.addAddressListener((nat, previous, current) ->
                notifications.add(nat.name() + ": " + previous + " -> " + current));
    }

    @Test
    void rebootLosesEveryMapping() {
        TransportAddress external = h.out("10.0.0.1:5000", STUN.toString());

        h.nat.reboot();

        assertThat(h.in(STUN, external)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
        assertThat(h.nat.activeMappings()).isZero();
    }

    @Test
    void rebootOnTheSameAddressesDoesNotNotifyAndRestartsSequentialPorts() {
        TransportAddress before = h.out("10.0.0.1:5000", STUN.toString());

        h.nat.reboot(List.of(NatHarness.PUBLIC));
        TransportAddress after = h.out("10.0.0.1:5000", STUN.toString());

        assertThat(notifications).isEmpty();
        assertThat(after).isEqualTo(before).isEqualTo(addr("203.0.113.1:1024"));
    }

    @Test
    void rebootWithNewAddressesNotifiesTheListenerAndUsesThem() {
        TransportAddress before = h.out("10.0.0.1:5000", STUN.toString());

        h.nat.reboot(List.of(NEW_PUBLIC));
        TransportAddress after = h.out("10.0.0.1:5000", STUN.toString());

        assertThat(notifications).containsExactly("nat: [203.0.113.1] -> [203.0.113.77]");
        assertThat(h.nat.publicAddresses()).containsExactly(NEW_PUBLIC);
        assertThat(after).isEqualTo(addr("203.0.113.77:1024"));
        assertThat(h.in(STUN, after)).isNotNull();
        // The old address is no longer the NAT's.
        assertThat(h.in(STUN, before)).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void flushLosesMappingsButKeepsAddressesAndTheAllocationCursor() {
        TransportAddress before = h.out("10.0.0.1:5000", STUN.toString());

        h.nat.flush();
        TransportAddress after = h.out("10.0.0.1:5000", STUN.toString());

        assertThat(notifications).isEmpty();
        assertThat(h.nat.publicAddresses()).containsExactly(NatHarness.PUBLIC);
        assertThat(h.in(STUN, before)).isNull();
        assertThat(after).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(h.nat.activeMappings()).isEqualTo(1);
    }
}
