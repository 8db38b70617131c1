package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import org.icesim.kernel.Simulator;
import org.icesim.nat.Nat;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.testkit.StarNetwork;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/**
 * A TURN client behind a symmetric NAT: the server reports the NAT's mapping as the client's
 * address, and relaying works both ways although no peer could reach the client directly.
 */
class TurnThroughNatTest {

    private final Simulator sim = SuiteChecks.simulator();
    private final StarNetwork net = new StarNetwork(sim, 21);
    private final Nat nat = net.addNat("home", NatBehavior.SYMMETRIC, "203.0.113.200", millis(10));
    private final Host clientHost = net.addHostBehind(nat, "client", "10.0.0.2", millis(5));
    private final Host serverHost = net.addHost("turn", "203.0.113.1", millis(20));
    private final Host peerHost = net.addHost("peer", "192.0.2.50", millis(5));
    private final TurnServer server = new TurnServer("turn1", sim, serverHost, StarNetwork.INTERFACE,
            TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS), net.streams().stream("turn1"));
    private final RecordingListener listener = new RecordingListener();

    @Test
    void theMappedAddressIsTheNatsMappingAndRelayingWorksThroughItBothWays() {
        TurnClient client = TurnClient.overUdp(sim, clientHost, StarNetwork.INTERFACE, 5000,
                TurnClientConfig.of(server.address(TurnTransport.UDP), TurnTransport.UDP, "alice", "alice-secret"),
                net.streams().stream("client"), listener.with(sim));
        client.allocate();
        sim.runUntil(seconds(1));
        // 5 + 10 + 20 ms each way: 70 ms round trip, two of them.
        assertThat(listener.allocatedAt).isEqualTo(millis(140));
        TransportAddress mapped = client.mappedAddress().orElseThrow();
        assertThat(mapped.ip()).isEqualTo(Ipv4Address.parse("203.0.113.200"));
        assertThat(mapped).isNotEqualTo(client.localAddress());
        assertThat(server.allocations().get(0).client()).isEqualTo(mapped);

        StringBuilder atPeer = new StringBuilder();
        UdpSocket peer = peerHost.openUdp(StarNetwork.INTERFACE, 40000,
                (socket, from, payload) -> atPeer.append(from).append(' ').append(payload.size()));
        client.createPermission(peer.localAddress().ip());
        sim.runUntil(seconds(2));
        client.send(peer.localAddress(), new TestPayload(1, 80));
        peer.send(client.relayedAddress().orElseThrow(), new TestPayload(2, 90));
        sim.runUntil(seconds(3));
        assertThat(atPeer).hasToString(client.relayedAddress().orElseThrow() + " 80");
        assertThat(listener.data).singleElement().asString().startsWith(peer.localAddress() + " 90B");
    }
}
