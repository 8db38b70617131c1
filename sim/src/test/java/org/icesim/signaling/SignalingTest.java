package org.icesim.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventDetail;
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
                SignalingTransport.LongPoll.TESTBED_HOLD_NANOS, false);
        server.start();
        return server;
    }

    private StreamSignalingClient client(Node node, String id, SignalingServer server, boolean queue) {
        return client(node, id, server, queue, SignalingTransport.STREAM_DEFAULT);
    }

    private StreamSignalingClient client(Node node, String id, SignalingServer server, boolean queue,
            SignalingTransport.Stream transport) {
        StreamSignalingClient client = new StreamSignalingClient(sim, node.host(), node.stack(), id, server.address(),
                TlsVersion.NONE, transport, queue, streams.stream("signaling/" + id), EventSink.NONE);
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

    /** The testbed page's values: 1 s doubling back-off without spread, 10 s request timeout, 5 s hold. */
    private static SignalingTransport.LongPoll longPoll(boolean keepAlive, boolean closeOnNetworkChange) {
        return new SignalingTransport.LongPoll(new ReconnectBackoff(1000 * MS, 2.0, 30_000 * MS, 0, 10_000 * MS),
                OptionalLong.empty(), 5000 * MS, keepAlive, closeOnNetworkChange, false, 0);
    }

    /** The same, with the testbed's server writes (head, then body, Nagle on) and Linux's 40 ms delayed ACKs. */
    private static SignalingTransport.LongPoll testbedLongPoll() {
        return new SignalingTransport.LongPoll(new ReconnectBackoff(1000 * MS, 2.0, 30_000 * MS, 0, 10_000 * MS),
                OptionalLong.empty(), 5000 * MS, true, true, true, 40 * MS);
    }

    private LongPollSignalingClient longPollClient(Node node, String id, SignalingServer server,
            SignalingTransport.LongPoll transport) {
        EventSink events = (time, peer, detail) -> {
            if (detail instanceof EventDetail.SignalingConnection change) {
                log.add(peer + (change.up() ? " up" : " down " + change.reason()) + "@" + time / MS);
            }
        };
        LongPollSignalingClient client = new LongPollSignalingClient(sim, node.host(), node.stack(), id, server.address(),
                TlsVersion.NONE, transport, streams.stream("signaling/" + id), events);
        client.setListener((from, body) -> log.add(id + "<-" + from + ":" + body + "@" + sim.now() / MS));
        client.start();
        return client;
    }

    @Test
    void aLongPollIsHeldUntilAMessageComesAndAKeptAliveConnectionCarriesTheNextPost() {
        SignalingServer server = server(node("sig"), true);
        LongPollSignalingClient alice = longPollClient(node("alice"), "alice", server, longPoll(true, true));
        longPollClient(node("bob"), "bob", server, longPoll(true, true));
        sim.runUntil(1000 * MS);
        // Alice's one connection carries her poll, so the post opens a second: SYN 1000 ms, SYN-ACK
        // back at 1040, the POST at the server at 1060, where it answers bob's held poll (20 ms to him).
        alice.send("bob", "offer", 200);
        sim.runUntil(2000 * MS);
        assertThat(log).containsExactly("bob<-alice:offer@1080");
        // Acknowledged at 1080, that connection is idle: the next POST goes at once, 2000 + 20 + 20.
        alice.send("bob", "candidate", 190);
        sim.runUntil(3000 * MS);
        assertThat(log).containsExactly("bob<-alice:offer@1080", "bob<-alice:candidate@2040");
        assertThat(server.messagesRelayed()).isEqualTo(2);
    }

    @Test
    void theTestbedServersBodyWaitsForTheAckOfItsHeadWhichLinuxDelays() {
        SignalingTransport.LongPoll transport = testbedLongPoll();
        Node sig = node("sig");
        SignalingServer server = new SignalingServer(sim, sig.stack(),
                new TransportAddress(sig.host().interfaces().get(0).address(), 443), TlsVersion.NONE, true,
                transport.holdNanos(), transport.headThenBody());
        server.start();
        LongPollSignalingClient alice = longPollClient(node("alice"), "alice", server, transport);
        longPollClient(node("bob"), "bob", server, transport);
        sim.runUntil(1000 * MS);
        alice.send("bob", "offer", 200);
        sim.scheduleAt(1100 * MS, () -> alice.send("bob", "candidate", 190));
        sim.runUntil(3000 * MS);
        // The offer reaches the server at 1060 (a new connection, as in the first test) and answers
        // bob's held poll: the head is at bob at 1080, the first data on his connection, which Linux
        // acknowledges at once; the ACK is at the server at 1100, which sends the body: at bob at
        // 1120, 40 ms later than in one write. His next poll follows at once, which puts his socket in
        // pingpong mode. The candidate goes on a third connection (the offer's is busy until its own
        // answer's body comes at 1120) and answers that poll at 1160: the head is at bob at 1180,
        // his ACK waits 40 ms (1220), the body comes at 1260.
        assertThat(log).containsExactly("bob<-alice:offer@1120", "bob<-alice:candidate@1260");
    }

    @Test
    void withoutKeepAliveEveryRequestPaysItsHandshake() {
        SignalingServer server = server(node("sig"), true);
        LongPollSignalingClient alice = longPollClient(node("alice"), "alice", server, longPoll(false, true));
        longPollClient(node("bob"), "bob", server, longPoll(false, true));
        sim.runUntil(1000 * MS);
        alice.send("bob", "offer", 200);
        sim.runUntil(2000 * MS);
        alice.send("bob", "candidate", 190);
        sim.runUntil(3000 * MS);
        // Bob's re-poll after 1080 opens a new connection too: parked at 1140, long before 2060.
        assertThat(log).containsExactly("bob<-alice:offer@1080", "bob<-alice:candidate@2080");
    }

    @Test
    void aServerThatLostItsStateIsNoticedAtThePollTimeoutNotAtAPing() {
        SignalingServer server = server(node("sig"), true);
        longPollClient(node("bob"), "bob", server, longPoll(true, true));
        sim.runUntil(1000 * MS);
        server.crash();
        // The poll asked at 0 ms fails at its 10 s timeout; after 1 s the re-poll's SYN is refused
        // (reset at 11 040 ms, a second failure: 2 s); the server is back at 12 s; the poll of
        // 13 040 ms is held at 13 100 and answered empty after the 5 s hold: up at 18 120.
        sim.runUntil(12_000 * MS);
        server.restart();
        sim.runUntil(19_000 * MS);
        assertThat(log).containsExactly("bob down recv timeout@10000", "bob up@18120");
    }

    @Test
    void aNetworkChangeFailsTheRequestsAtOnceOrLeavesThemToTheirTimeout() {
        SignalingServer server = server(node("sig"), true);
        LongPollSignalingClient alice = longPollClient(node("alice"), "alice", server, longPoll(true, true));
        Node closing = node("bob");
        longPollClient(closing, "bob", server, longPoll(true, true));
        Node keeping = node("carol");
        longPollClient(keeping, "carol", server, longPoll(true, false));
        sim.runUntil(1000 * MS);
        for (Node node : List.of(closing, keeping)) {
            node.host().removeInterface("eth");
            addInterface(node.host(), "cell");
        }
        sim.runUntil(3000 * MS);
        alice.send("bob", "to-bob", 200);
        alice.send("carol", "to-carol", 200);
        sim.runUntil(12_000 * MS);
        // bob's poll fails at the change (1000 ms) and polls again over cell after 1 s: held at
        // 2060, answered with the post that reaches the server at 3060. carol's poll, on the vanished
        // address, fails only at its 10 s timeout; her re-poll at 11 000 ms finds the message at 11 060.
        assertThat(log).containsExactly("bob down recv network-changed@1000", "bob up@3080", "bob<-alice:to-bob@3080",
                "carol down recv timeout@10000", "carol up@11080", "carol<-alice:to-carol@11080");
    }

    @Test
    void anIdleStreamClientNoticesALostServerAtItsNextPing() {
        SignalingServer server = server(node("sig"), true);
        client(node("bob"), "bob", server, true,
                new SignalingTransport.Stream(ReconnectBackoff.DEFAULT, 5000 * MS));
        sim.runUntil(1000 * MS);
        server.crash();
        // Connected at 40 ms, so the first ping leaves at 5040 and its reset is back at 5080.
        sim.runUntil(5079 * MS);
        assertThat(log).containsExactly("bob up@40");
        sim.runUntil(5080 * MS);
        assertThat(log).containsExactly("bob up@40", "bob down@5080");
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
                SignalingTransport.LongPoll.TESTBED_HOLD_NANOS, false);
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
