package org.icesim.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventSink;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Link;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Router;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** Signaling over the simulated network; every access link is 10 ms one way with no jitter. */
class SignalingTest {

    private static final long MS = Durations.NANOS_PER_MILLI;

    private final Simulator sim = SuiteChecks.simulator();
    private final RandomStreams streams = new RandomStreams(1);
    private final Router internet = new Router("internet");
    private final List<String> log = new ArrayList<>();
    private int nextAddress = 10;

    private record Node(Host host, TcpStack stack) {
    }

    private Node node(String name) {
        Host host = new Host(sim, name, streams.stream("host/" + name));
        TcpStack stack = new TcpStack(sim, host::sendRaw, TcpConfig.defaults(), streams.stream("tcp/" + name));
        host.setTcpHandler(stack::receive);
        addInterface(host, "eth");
        return new Node(host, stack);
    }

    private NetworkInterface addInterface(Host host, String name) {
        Link link = new Link(sim, host.name() + "/" + name, LinkParams.ideal(10 * MS), streams.stream("link/" + host.name() + name));
        NetworkInterface nic = host.addInterface(name, Ipv4Address.of(198, 51, 100, nextAddress++), link.fromA());
        link.connect(nic.receiver(), internet);
        internet.attach(nic.address(), link.fromB());
        return nic;
    }

    private SignalingServer server(Node node, boolean hold) {
        SignalingServer server = new SignalingServer(sim, node.stack(),
                new TransportAddress(node.host().interfaces().get(0).address(), 443), TlsVersion.NONE, hold,
                SignalingTransport.LongPoll.TESTBED_HOLD_NANOS);
        server.start();
        return server;
    }

    private StreamSignalingClient client(Node node, String id, SignalingServer server, boolean queue) {
        StreamSignalingClient client = new StreamSignalingClient(sim, node.host(), node.stack(), id, server.address(),
                TlsVersion.NONE, SignalingTransport.STREAM_DEFAULT, queue, streams.stream("signaling/" + id), EventSink.NONE);
        client.setListener(new SignalingClient.Listener() {
            @Override
            public void onMessage(String from, Object body) {
                log.add(id + "<-" + from + ":" + body + "@" + sim.now() / MS);
            }

            @Override
            public void onConnectionChange(boolean connected) {
                log.add(id + (connected ? " up@" : " down@") + sim.now() / MS);
            }
        });
        client.start();
        return client;
    }

    @Test
    void messagesAreRelayedWithExactDelays() {
        SignalingServer server = server(node("sig"), true);
        StreamSignalingClient alice = client(node("alice"), "alice", server, true);
        client(node("bob"), "bob", server, true);
        sim.runUntil(100 * MS);
        // SYN 0 → 20 ms at the server, SYN-ACK back at 40 ms: connected after one RTT.
        assertThat(log).containsExactly("alice up@40", "bob up@40");
        alice.send("bob", "offer", 2000);
        sim.runUntil(1000 * MS);
        assertThat(log).contains("bob<-alice:offer@140");
        assertThat(server.messagesRelayed()).isEqualTo(1);
    }

    @Test
    void aFrameCountsWebSocketFramingAndTheEnvelope() {
        SignalingFrame small = new SignalingFrame(SignalingFrame.Kind.FORWARD, "alice", "bob", "x", 50, true);
        assertThat(small.size()).isEqualTo(2 + 4 + SignalingFrame.ENVELOPE_JSON_BYTES + 5 + 3 + 50);
        SignalingFrame big = new SignalingFrame(SignalingFrame.Kind.FORWARD, "alice", "bob", "x", 3000, false);
        assertThat(big.size()).isEqualTo(4 + SignalingFrame.ENVELOPE_JSON_BYTES + 8 + 3000);
    }

    @Test
    void losingTheInterfaceBreaksSignalingUntilTheNewOneConnects() {
        SignalingServer server = server(node("sig"), true);
        Node aliceNode = node("alice");
        StreamSignalingClient alice = client(aliceNode, "alice", server, true);
        client(node("bob"), "bob", server, true);
        sim.runUntil(1000 * MS);
        aliceNode.host().removeInterface("eth");
        sim.runUntil(1001 * MS);
        assertThat(alice.isConnected()).isFalse();
        alice.send("bob", "offer-while-down", 2000);
        sim.runUntil(2000 * MS);
        assertThat(log).doesNotContain("bob<-alice:offer-while-down@2000");
        addInterface(aliceNode.host(), "cell");
        sim.runUntil(5000 * MS);
        // The new interface appears at 2 000 ms; connected at 2 040 ms; the queued offer follows
        // the registration and reaches bob at 2 040 + 20 + 20... ms.
        assertThat(log).contains("alice down@1000", "alice up@2040", "bob<-alice:offer-while-down@2080");
        assertThat(alice.reconnections()).isEqualTo(1);
    }

    @Test
    void withoutQueueingMessagesSentWhileDisconnectedAreLost() {
        SignalingServer server = server(node("sig"), false);
        Node aliceNode = node("alice");
        StreamSignalingClient alice = client(aliceNode, "alice", server, false);
        sim.runUntil(1000 * MS);
        aliceNode.host().removeInterface("eth");
        sim.runUntil(1001 * MS);
        alice.send("bob", "lost", 100);
        assertThat(alice.messagesDropped()).isEqualTo(1);
        // bob is absent and the server does not hold messages either.
        addInterface(aliceNode.host(), "cell");
        sim.runUntil(2000 * MS);
        alice.send("bob", "also-lost", 100);
        sim.runUntil(3000 * MS);
        assertThat(server.messagesDropped()).isEqualTo(1);
    }

    @Test
    void theServerHoldsMessagesForAPeerUntilItRegisters() {
        SignalingServer server = server(node("sig"), true);
        StreamSignalingClient alice = client(node("alice"), "alice", server, true);
        sim.runUntil(100 * MS);
        alice.send("bob", "early", 100);
        sim.runUntil(500 * MS);
        client(node("bob"), "bob", server, true);
        sim.runUntil(2000 * MS);
        // bob connects at 540 ms, registers (arrives 560 ms), the held message comes back at 580 ms.
        assertThat(log).contains("bob up@540", "bob<-alice:early@580");
    }

    @Test
    void aCrashedServerIsNoticedAtTheNextPingAndClientsComeBack() {
        Node sigNode = node("sig");
        SignalingServer server = server(sigNode, true);
        StreamSignalingClient alice = client(node("alice"), "alice", server, true);
        client(node("bob"), "bob", server, true);
        sim.runUntil(1000 * MS);
        server.crash();
        server.restart();
        // The crash forgot both connections silently; the pings at 25.04 s meet a reset 40 ms
        // later, both reconnect at once (connected one round trip after that).
        sim.runUntil(26_000 * MS);
        assertThat(log).contains("alice down@25080", "alice up@25120", "bob down@25080", "bob up@25120");
        alice.send("bob", "after-crash", 100);
        sim.runUntil(27_000 * MS);
        assertThat(log).contains("bob<-alice:after-crash@26040");
    }

    @Test
    void anUnreachableServerIsRetriedWithBackoff() {
        Node sigNode = node("sig");
        SignalingServer server = new SignalingServer(sim, sigNode.stack(),
                new TransportAddress(sigNode.host().interfaces().get(0).address(), 443), TlsVersion.NONE, true,
                SignalingTransport.LongPoll.TESTBED_HOLD_NANOS);
        Node aliceNode = node("alice");
        StreamSignalingClient alice = client(aliceNode, "alice", server, true);
        // Refused at 40 ms (RST), retried at once, refused again at 80 ms, then back-off ≈ 1 s (±20 %).
        sim.runUntil(900 * MS);
        assertThat(alice.isConnected()).isFalse();
        server.start();
        sim.runUntil(3000 * MS);
        assertThat(alice.isConnected()).isTrue();
        assertThat(log).singleElement().satisfies(line -> assertThat(line).startsWith("alice up@"));
        long upAt = Long.parseLong(log.get(0).substring("alice up@".length()));
        assertThat(upAt).isBetween(80L + 800 + 40, 80L + 1200 + 40);
    }
}
