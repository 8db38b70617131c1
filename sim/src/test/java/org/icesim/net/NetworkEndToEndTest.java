package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.micros;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** Two hosts on their own access links, joined by the core router, as a world builder wires them. */
class NetworkEndToEndTest {

    private static final int ECHO_PORT = 7;

    private final Simulator sim = SuiteChecks.simulator();
    private final RandomStreams rs = new RandomStreams(1);
    private final Router internet = new Router("internet");
    private final Link aliceWifi = new Link(sim, "alice-wifi",
            LinkParams.ideal(Durations.millis(10)).withBandwidth(1_000_000), rs.stream("link/alice-wifi"));
    private final Link bobEth = new Link(sim, "bob-eth",
            LinkParams.ideal(Durations.millis(20)).withBandwidth(1_000_000), rs.stream("link/bob-eth"));
    private final Host alice = new Host(sim, "alice", rs.stream("host/alice"));
    private final Host bob = new Host(sim, "bob", rs.stream("host/bob"));
    private final NetworkInterface wifi = alice.addInterface("wifi", Ipv4Address.parse("198.51.100.10"), aliceWifi.fromA());
    private final NetworkInterface eth = bob.addInterface("eth", Ipv4Address.parse("203.0.113.20"), bobEth.fromA());

    NetworkEndToEndTest() {
        aliceWifi.connect(wifi.receiver(), internet);
        internet.attach(wifi.address(), aliceWifi.fromB());
        bobEth.connect(eth.receiver(), internet);
        internet.attach(eth.address(), bobEth.fromB());
    }

    @Test
    void udpEchoAcrossTwoLinksAndTheRouterTakesExactlyTheRoundTripTime() {
        List<String> seenByBob = new ArrayList<>();
        bob.openUdp("eth", ECHO_PORT, (socket, from, payload) -> {
            seenByBob.add(from + " @" + sim.now());
            socket.send(from, payload);
        });
        List<Long> echoes = new ArrayList<>();
        UdpSocket client = alice.openUdp("wifi", 0, (socket, from, payload) -> echoes.add(sim.now()));
        sim.scheduleAt(millis(5), () -> client.send(new TransportAddress(eth.address(), ECHO_PORT), new Numbered(1, 100)));
        sim.run();
        // 128 bytes on the wire: 1.024 ms at 1 Mbit/s on each of the four link crossings, plus
        // 10 + 20 ms of propagation each way.
        long oneWay = micros(1024) + millis(10) + micros(1024) + millis(20);
        assertThat(seenByBob).containsExactly(client.localAddress() + " @" + (millis(5) + oneWay));
        assertThat(echoes).containsExactly(millis(5) + 2 * oneWay);
        assertThat(2 * oneWay).isEqualTo(micros(64_096));
        assertThat(internet.counters().packetsDelivered()).isEqualTo(2);
    }

    @Test
    void handoverToANewInterfaceNeedsOnlyRewiringTheNewAddress() {
        List<String> seenByBob = new ArrayList<>();
        bob.openUdp("eth", ECHO_PORT, (socket, from, payload) -> seenByBob.add(from.ip() + " @" + sim.now()));
        TransportAddress echo = new TransportAddress(eth.address(), ECHO_PORT);
        alice.openUdp("wifi", 0, (socket, from, payload) -> { }).send(echo, new Numbered(1, 100));

        Link cellLink = new Link(sim, "alice-cell", LinkParams.ideal(millis(60)), rs.stream("link/alice-cell"));
        sim.scheduleAt(millis(100), () -> {
            alice.removeInterface("wifi");
            internet.detach(wifi.address());
            NetworkInterface cell = alice.addInterface("cell", Ipv4Address.parse("100.64.0.7"), cellLink.fromA());
            cellLink.connect(cell.receiver(), internet);
            internet.attach(cell.address(), cellLink.fromB());
            alice.openUdp("cell", 0, (socket, from, payload) -> { }).send(echo, new Numbered(2, 100));
        });
        sim.run();
        long bobLeg = micros(1024) + millis(20);
        assertThat(seenByBob).containsExactly(
                "198.51.100.10 @" + (micros(1024) + millis(10) + bobLeg),
                "100.64.0.7 @" + (millis(100) + millis(60) + bobLeg));
    }
}
