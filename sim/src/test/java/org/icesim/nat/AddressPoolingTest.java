package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.DropReason;
import org.icesim.net.Ipv4Address;
import org.junit.jupiter.api.Test;

/** IP address pooling with several public addresses (RFC 4787 §4.1 REQ-2). */
class AddressPoolingTest {
    private static final Ipv4Address P1 = Ipv4Address.parse("203.0.113.1");
    private static final Ipv4Address P2 = Ipv4Address.parse("203.0.113.2");

    private static NatHarness nat(boolean paired, int portMin, int portMax) {
        return new NatHarness(NatBehavior.SYMMETRIC.withPairedPooling(paired).withPortRange(portMin, portMax),
                List.of(P1, P2), 1L);
    }

    private static List<Ipv4Address> externalIps(NatHarness h, String internal, int destinations) {
        List<Ipv4Address> ips = new ArrayList<>();
        for (int i = 1; i <= destinations; i++) {
            ips.add(h.out(internal, "192.0.2." + i + ":3478").ip());
        }
        return ips;
    }

    @Test
    void pairedPoolingGivesEachInternalIpOneExternalIpForAllItsMappings() {
        NatHarness h = nat(true, 1024, 65535);

        assertThat(externalIps(h, "10.0.0.1:5000", 4)).containsOnly(P1);
        assertThat(externalIps(h, "10.0.0.2:5000", 4)).containsOnly(P2);
        assertThat(externalIps(h, "10.0.0.3:5000", 2)).containsOnly(P1);
        assertThat(externalIps(h, "10.0.0.1:6000", 2)).containsOnly(P1);
    }

    @Test
    void arbitraryPoolingSpreadsMappingsOfOneHostOverTheAddresses() {
        NatHarness h = nat(false, 1024, 65535);

        assertThat(externalIps(h, "10.0.0.1:5000", 4)).containsExactly(P1, P2, P1, P2);
    }

    @Test
    void pairedPoolingDropsWhenThePairedAddressIsExhaustedEvenIfAnotherHasRoom() {
        NatHarness h = nat(true, 40000, 40000);
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478").ip()).isEqualTo(P1);

        assertThat(h.out("10.0.0.1:5000", "192.0.2.2:3478")).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_PORTS_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void arbitraryPoolingSpillsOverToTheNextAddressWhenTheFirstChoiceIsExhausted() {
        NatHarness h = nat(false, 40000, 40000);
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478").ip()).isEqualTo(P1);
        assertThat(h.out("10.0.0.1:5000", "192.0.2.2:3478").ip()).isEqualTo(P2);
        h.at(seconds(100));
        h.out("10.0.0.1:5000", "192.0.2.1:3478"); // keeps P1's only port busy

        h.at(seconds(120)); // P2's mapping has expired; the next round-robin choice is P1, which is full
        assertThat(h.out("10.0.0.1:5000", "192.0.2.3:3478").ip()).isEqualTo(P2);
    }
}
