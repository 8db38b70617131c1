package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.EnumSet;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.stun.ChannelData;
import org.icesim.testkit.StarNetwork;
import org.junit.jupiter.api.Test;

/** TURN between client and server over TCP and TLS (RFC 8656 §3.1); the relayed leg stays UDP. */
class TurnOverTcpTest {

    private static final long RTT = TurnWorld.RTT;
    private static final long TCP_IP_HEADERS = Protocol.IPV4_HEADER_BYTES + Protocol.TCP.headerBytes();

    private final TurnWorld world = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS)
            .withTransports(EnumSet.allOf(TurnTransport.class)));
    private final RecordingListener listener = new RecordingListener();

    private TurnClientConfig config(TurnTransport transport) {
        return TurnClientConfig.of(world.server.address(transport), transport, "alice", "alice-secret");
    }

    private TurnClient allocate(TurnClientConfig config) {
        TurnClient client = world.client(config, 0, listener);
        client.allocate();
        world.sim.runUntil(seconds(1));
        return client;
    }

    @Test
    void overUdpTheAllocationStillTakesTwoRoundTrips() {
        allocate(config(TurnTransport.UDP));
        assertThat(listener.allocatedAt).isEqualTo(2 * RTT);
    }

    @Test
    void overTcpTheHandshakeAddsOneRoundTrip() {
        TurnClient client = allocate(config(TurnTransport.TCP));
        assertThat(listener.allocatedAt).isEqualTo(3 * RTT);
        assertThat(listener.states).containsExactly("CONNECTING @0", "ALLOCATING @" + RTT, "ALLOCATED @" + 3 * RTT);
        assertThat(world.server.allocations()).singleElement().satisfies(info -> {
            assertThat(info.transport()).isEqualTo(TurnTransport.TCP);
            assertThat(info.client()).isEqualTo(client.localAddress());
        });
        assertThat(client.mappedAddress()).contains(client.localAddress());
    }

    @Test
    void overTls13TheHandshakesAddTwoRoundTrips() {
        allocate(config(TurnTransport.TLS));
        assertThat(listener.allocatedAt).isEqualTo(4 * RTT);
    }

    @Test
    void overTls12TheHandshakesAddThreeRoundTrips() {
        allocate(config(TurnTransport.TLS).withTlsVersion(TlsVersion.TLS_1_2));
        assertThat(listener.allocatedAt).isEqualTo(5 * RTT);
    }

    @Test
    void channelDataIsPaddedToFourBytesOnTheStreamRfc8656Section12_5() {
        TurnClient client = allocate(config(TurnTransport.TCP));
        TransportAddress peer = world.peer.address();
        client.bindChannel(peer);
        world.sim.runUntil(seconds(2));
        long serverInBefore = world.serverHost.inbound().bytesSent();
        client.send(peer, new TestPayload(1, 101));
        world.sim.runUntil(seconds(3));
        // One segment: 4-byte header, 101 bytes, 3 bytes of padding.
        assertThat(world.serverHost.inbound().bytesSent() - serverInBefore).isEqualTo(TCP_IP_HEADERS + 108);
        assertThat(world.peer.received).hasSize(1).first().asString().contains(" 101B ");

        long clientInBefore = world.clientHost.inbound().bytesSent();
        world.peer.socket.send(client.relayedAddress().orElseThrow(), new TestPayload(2, 101));
        world.sim.runUntil(seconds(4));
        assertThat(world.clientHost.inbound().bytesSent() - clientInBefore).isEqualTo(TCP_IP_HEADERS + 108);
        assertThat(listener.payloads).containsExactly(new TestPayload(2, 101));
        assertThat(new ChannelDataOverStream(new ChannelData(0x4000, new TestPayload(3, 8))).size()).isEqualTo(12);
    }

    @Test
    void requestsOverTcpAreNotRetransmittedAndTimeOutAfterTiRfc8489Section6_2_2() {
        TurnClient client = allocate(config(TurnTransport.TCP));
        // The server's link dies for good: TCP keeps retransmitting (far longer than 39.5 s), STUN gives up at Ti.
        world.sim.scheduleAt(seconds(10), () -> world.net.link("turn").setUp(false));
        long refreshAt = 3 * RTT + seconds(540);
        world.sim.runUntil(seconds(700));
        assertThat(listener.events).endsWith("failed TIMEOUT @" + (refreshAt + millis(39_500)));
        assertThat(client.failure()).contains(TurnFailure.TIMEOUT);
    }

    @Test
    void aCrashedServerResetsTheConnectionAndTheClientNoticesAtItsNextRequest() {
        allocate(config(TurnTransport.TCP));
        world.sim.scheduleAt(seconds(10), world.server::crash);
        long refreshAt = 3 * RTT + seconds(540);
        world.sim.runUntil(seconds(700));
        // The Refresh meets a reset from the server's TCP, which forgot the connection.
        assertThat(listener.events).endsWith("failed CONNECTION_LOST @" + (refreshAt + RTT));
        assertThat(world.server.counters().allocationsLostInCrashes()).isEqualTo(1);
    }

    @Test
    void closingDeletesTheAllocationOverTcpAsOverUdp() {
        TurnClient client = allocate(config(TurnTransport.TLS));
        client.close();
        world.sim.runUntil(seconds(2));
        assertThat(world.server.counters().liveAllocations()).isZero();
        assertThat(world.server.counters().allocationsDeleted()).isEqualTo(1);
    }

    @Test
    void anAllocationGoesWithItsConnection() {
        TurnClient client = allocate(config(TurnTransport.TCP));
        client.createPermission(world.peer.address().ip());
        world.sim.runUntil(seconds(2));
        // The client's TCP forgets the connection; the next Data indication meets a reset.
        world.clientTcp.crash();
        world.peer.socket.send(client.relayedAddress().orElseThrow(), new TestPayload(1, 50));
        world.sim.runUntil(seconds(3));
        assertThat(world.server.counters().liveAllocations()).isZero();
        assertThat(world.server.allocations()).isEmpty();
    }

    @Test
    void losingTheInterfaceAbortsTheConnectionAndFailsTheClient() {
        TurnClient client = allocate(config(TurnTransport.TCP));
        world.sim.scheduleAt(seconds(5), () -> world.clientHost.removeInterface(StarNetwork.INTERFACE));
        world.sim.runUntil(seconds(6));
        // The host reports the change in a zero-delay event; the connection is aborted then.
        assertThat(listener.events).endsWith("failed CONNECTION_LOST @" + seconds(5));
        assertThat(client.state()).isEqualTo(TurnAllocationState.FAILED);
    }
}
