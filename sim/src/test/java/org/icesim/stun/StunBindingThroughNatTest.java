package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.Simulator;
import org.icesim.nat.Nat;
import org.icesim.nat.NatBehavior;
import org.icesim.nat.PortAllocation;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.testkit.StarNetwork;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server-reflexive gathering through each NAT preset: one local socket asks three binding servers
 * (two ports of one IP, and another IP) for its address, and the XOR-MAPPED-ADDRESSes must show
 * the mapping behaviour of RFC 4787 §4.1.
 */
class StunBindingThroughNatTest {

    private static final String PUBLIC_IP = "203.0.113.100";
    private static final int LOCAL_PORT = 5000;

    private final Simulator sim = SuiteChecks.simulator();
    private final StarNetwork net = new StarNetwork(sim, 3);
    private final List<Long> answeredAt = new ArrayList<>();

    static List<String> presets() {
        return NatBehavior.presetNames();
    }

    /** Mapped address of the one socket toward each server, by server name, in asking order. */
    private Map<String, TransportAddress> gather(NatBehavior behavior) {
        Nat nat = net.addNat("home", behavior, PUBLIC_IP, millis(10));
        Host client = net.addHostBehind(nat, "client", "10.0.0.2", millis(5));
        Host serverA = net.addHost("stun-a", "192.0.2.1", millis(20));
        Host serverB = net.addHost("stun-b", "198.51.100.1", millis(20));
        Map<String, TransportAddress> servers = new LinkedHashMap<>();
        servers.put("A:3478", new StunServer("a", serverA, StarNetwork.INTERFACE, 3478, StunServerOptions.MINIMAL).address());
        servers.put("A:3479", new StunServer("a2", serverA, StarNetwork.INTERFACE, 3479, StunServerOptions.MINIMAL).address());
        servers.put("B:3478", new StunServer("b", serverB, StarNetwork.INTERFACE, 3478, StunServerOptions.MINIMAL).address());

        List<StunClientTransactions> holder = new ArrayList<>();
        UdpSocket socket = client.openUdp(StarNetwork.INTERFACE, LOCAL_PORT,
                (s, from, payload) -> holder.get(0).onResponse(from, (StunMessage) payload));
        StunClientTransactions transactions = new StunClientTransactions(sim, StunTransactionConfig.RFC_8489,
                Delivery.UNRELIABLE, socket::send);
        holder.add(transactions);
        Map<String, TransportAddress> mapped = new LinkedHashMap<>();
        int id = 1;
        for (Map.Entry<String, TransportAddress> server : servers.entrySet()) {
            StunMessage request = StunMessage.request(StunMethod.BINDING, new TransactionId(1, id++), List.of());
            transactions.send(server.getValue(), request, outcome -> {
                answeredAt.add(sim.now());
                mapped.put(server.getKey(),
                        ((StunOutcome.Success) outcome).response().attribute(XorMappedAddress.class).orElseThrow().address());
            });
        }
        sim.runUntil(millis(1000));
        return mapped;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void xorMappedAddressesShowTheNatsMappingBehaviourRfc4787Section4_1(String preset) {
        NatBehavior behavior = NatBehavior.preset(preset);
        Map<String, TransportAddress> mapped = gather(behavior);

        assertThat(mapped).hasSize(3);
        assertThat(mapped.values()).allSatisfy(address -> assertThat(address.ip()).isEqualTo(Ipv4Address.parse(PUBLIC_IP)));
        TransportAddress a = mapped.get("A:3478");
        TransportAddress aOtherPort = mapped.get("A:3479");
        TransportAddress b = mapped.get("B:3478");
        switch (behavior.mapping()) {
            case ENDPOINT_INDEPENDENT -> {
                // One mapping for every destination: both servers report the same address.
                assertThat(aOtherPort).isEqualTo(a);
                assertThat(b).isEqualTo(a);
            }
            case ADDRESS_DEPENDENT -> {
                // Reused for the same destination IP only.
                assertThat(aOtherPort).isEqualTo(a);
                assertThat(b).isNotEqualTo(a);
            }
            case ADDRESS_AND_PORT_DEPENDENT -> {
                // A new mapping for every destination IP and port.
                assertThat(aOtherPort).isNotEqualTo(a);
                assertThat(b).isNotEqualTo(a).isNotEqualTo(aOtherPort);
            }
        }
        if (behavior.portAllocation() == PortAllocation.PRESERVING) {
            assertThat(a.port()).as("port preservation (RFC 4787 §4.2)").isEqualTo(LOCAL_PORT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyFilteringAdmitsTheResponseFromTheAddressAskedAfterOneRoundTripRfc4787Section5(String preset) {
        Map<String, TransportAddress> mapped = gather(NatBehavior.preset(preset));
        // 5 ms to the NAT, 10 ms to the core, 20 ms to the server, and back: 70 ms, first try.
        assertThat(mapped.keySet()).containsExactly("A:3478", "A:3479", "B:3478");
        assertThat(answeredAt).containsExactly(millis(70), millis(70), millis(70));
    }
}
