package org.icesim.icenet;

import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icesim.ice.IceProfile;
import org.icesim.kernel.Simulator;
import org.icesim.media.MediaSink;
import org.icesim.media.MediaSource;
import org.icesim.media.MediaSpec;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.MediaArrivals;
import org.icesim.metrics.Recorder;
import org.icesim.nat.FirewallPolicy;
import org.icesim.nat.Nat;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Host;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.stun.StunServer;
import org.icesim.stun.StunServerOptions;
import org.icesim.testkit.StarNetwork;
import org.icesim.testkit.SuiteChecks;
import org.icesim.turn.TurnServer;
import org.icesim.turn.TurnServerConfig;
import org.icesim.turn.TurnTransport;
import org.icesim.webrtc.IceCandidate;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.InMemorySignalingChannel;
import org.icesim.webrtc.PeerConnection;
import org.icesim.webrtc.PeerConnectionConfig;
import org.icesim.webrtc.PeerConnectionEvent.IceCandidateEvent;
import org.icesim.webrtc.PeerConnectionEvent;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * Peers with real ICE on a {@link StarNetwork}: a STUN server 10 ms and a TURN server (UDP, TCP
 * and TLS) 15 ms from the router, each peer 10 ms from it (1 ms to its NAT, 9 ms from the NAT
 * to the router), and signaling between two peers that delivers every message after
 * {@link #SIGNALING_DELAY}, in order. Round trips from a peer: STUN 40 ms, TURN 50 ms, the other
 * peer 40 ms.
 */
final class CallWorld {

    static final long PEER_TO_ROUTER = millis(10);
    static final long STUN_RTT = 2 * (PEER_TO_ROUTER + millis(10));
    static final long TURN_RTT = 2 * (PEER_TO_ROUTER + millis(15));
    static final long SIGNALING_DELAY = millis(50);
    static final String REALM = "icesim.test";
    static final String USER = "peer";
    static final String PASSWORD = "peer-secret";

    final Simulator sim = SuiteChecks.simulator();
    final StarNetwork net = new StarNetwork(sim, 5);
    final Recorder recorder = new Recorder();
    final Host stunHost;
    final StunServer stun;
    final TurnServer turn;

    CallWorld() {
        stunHost = net.addHost("stun", "192.0.2.1", millis(10));
        stun = new StunServer("stun", stunHost, StarNetwork.INTERFACE, StunServer.DEFAULT_PORT, StunServerOptions.MINIMAL);
        Host turnHost = net.addHost("turn", "192.0.2.2", millis(15));
        turn = new TurnServer("turn", sim, turnHost, tcpStack(turnHost), StarNetwork.INTERFACE,
                TurnServerConfig.defaults(REALM, Map.of(USER, PASSWORD)).withTransports(EnumSet.allOf(TurnTransport.class)),
                net.streams().stream("turn"));
    }

    /** The STUN server, and the TURN server over {@code turnTransports} (none: no TURN). */
    IceServers servers(TurnTransport... turnTransports) {
        IceServers servers = IceServers.NONE.withStun(stun.address());
        for (TurnTransport transport : turnTransports) {
            servers = servers.withTurn(turn.address(transport), transport, USER, PASSWORD);
        }
        return servers;
    }

    /** A peer behind its own NAT ({@code index} picks distinct addresses). */
    Peer behindNat(String name, int index, NatBehavior behavior, IceProfile profile, IceServers servers,
            IceTransportPolicy policy) {
        Nat nat = net.addNat("nat-" + name, behavior, "203.0.113." + index, millis(9));
        return new Peer(name, net.addHostBehind(nat, name, "10.0." + index + ".1", millis(1)), profile, servers, policy);
    }

    /** A peer with a public address on the router, no NAT. */
    Peer onPublicAddress(String name, int index, IceProfile profile, IceServers servers, IceTransportPolicy policy) {
        return new Peer(name, net.addHost(name, "198.51.100." + index, PEER_TO_ROUTER), profile, servers, policy);
    }

    /** A peer with a public address behind a firewall that lets only TCP out (UDP blocked). */
    Peer behindTcpOnlyFirewall(String name, int index, IceProfile profile, IceServers servers) {
        Host host = net.addHostBehindFirewall(name, "198.51.100." + index, FirewallPolicy.TCP_ONLY, PEER_TO_ROUTER);
        return new Peer(name, host, profile, servers, IceTransportPolicy.ALL);
    }

    /** Lets {@code offerer} negotiate with {@code answerer} (perfect negotiation, offerer polite): one media section. */
    void call(Peer offerer, Peer answerer) {
        InMemorySignalingChannel[] channel = InMemorySignalingChannel.pair(sim, SIGNALING_DELAY);
        PerfectNegotiation.attach(offerer.pc, channel[0], PerfectNegotiation.Role.POLITE);
        PerfectNegotiation.attach(answerer.pc, channel[1], PerfectNegotiation.Role.IMPOLITE);
        offerer.pc.addTransceiver();
    }

    private TcpStack tcpStack(Host host) {
        TcpStack stack = new TcpStack(sim, host::sendRaw, TcpConfig.defaults(), net.streams().stream("tcp/" + host.name()));
        host.setTcpHandler(stack::receive);
        return stack;
    }

    /** One peer: host, TCP stack, ICE transport, peer connection, audio both ways once started. */
    final class Peer {
        final String name;
        final Host host;
        final NetworkIceTransport ice;
        final PeerConnection pc;
        final MediaSink sink = new MediaSink(sim, new MediaArrivals());
        final MediaSource source;
        final List<PeerConnectionEvent> events = new ArrayList<>();

        Peer(String name, Host host, IceProfile profile, IceServers servers, IceTransportPolicy policy) {
            this.name = name;
            this.host = host;
            TcpStack tcp = tcpStack(host);
            NetworkIceTransport[] made = new NetworkIceTransport[1];
            this.pc = new PeerConnection(sim, net.streams().stream("webrtc/" + name), new PeerConnectionConfig(0, 0),
                    observer -> made[0] = new NetworkIceTransport(sim, host, tcp, profile, servers, policy,
                            net.streams().stream("ice/" + name), recorder, name, observer));
            this.ice = made[0];
            ice.setDataReceiver(sink::receive);
            this.source = new MediaSource(sim, MediaSpec.Audio.defaults(), name.hashCode(), ice::sendData);
            pc.addListener(events::add);
        }

        <E extends PeerConnectionEvent> List<E> events(Class<E> type) {
            List<E> matching = new ArrayList<>();
            for (PeerConnectionEvent event : events) {
                if (type.isInstance(event)) {
                    matching.add(type.cast(event));
                }
            }
            return matching;
        }

        /** The candidates this peer trickled, as "time type" ("time end" for end-of-candidates), times in ms. */
        List<String> trickled() {
            List<String> lines = new ArrayList<>();
            for (IceCandidateEvent event : events(IceCandidateEvent.class)) {
                if (event.candidate() != null) {
                    lines.add(event.at() / 1_000_000 + "ms "
                            + (event.candidate().isEndOfCandidates() ? "end" : event.candidate().type().sdpName()));
                }
            }
            return lines;
        }

        /** The real candidates this peer trickled, in order. */
        List<IceCandidate> candidates() {
            List<IceCandidate> candidates = new ArrayList<>();
            for (IceCandidateEvent event : events(IceCandidateEvent.class)) {
                if (event.candidate() != null && !event.candidate().isEndOfCandidates()) {
                    candidates.add(event.candidate());
                }
            }
            return candidates;
        }

        /** Gathering state changes as "time state", times in ms. */
        List<String> gatheringStates() {
            List<String> lines = new ArrayList<>();
            for (PeerConnectionEvent.IceGatheringStateChange change : events(PeerConnectionEvent.IceGatheringStateChange.class)) {
                lines.add(change.at() / 1_000_000 + "ms " + change.state().w3cName());
            }
            return lines;
        }

        /** The ICE transport's state changes as "time state", times in ms. */
        List<String> transportStates() {
            List<String> lines = new ArrayList<>();
            for (PeerConnectionEvent.IceTransportStateChange change : events(PeerConnectionEvent.IceTransportStateChange.class)) {
                lines.add(change.at() / 1_000_000 + "ms " + change.state().w3cName());
            }
            return lines;
        }

        /** The instant of the first {@code kind} event recorded for this peer. */
        long firstRecordedAt(EventKind kind) {
            return recorder.events().stream()
                    .filter(e -> e.node().equals(name) && e.kind() == kind)
                    .mapToLong(e -> e.timeNanos()).min().orElseThrow();
        }

        /** The {@code kind} events recorded for this peer, as "time detail", times in ms. */
        List<String> recorded(EventKind kind) {
            return recorder.events().stream()
                    .filter(e -> e.node().equals(name) && e.kind() == kind)
                    .map(e -> e.timeNanos() / 1_000_000 + "ms " + e.detail().text())
                    .toList();
        }

        /** The SELECTED_PAIR details recorded for this peer, in order, without times. */
        List<String> selectedPairs() {
            return recorder.events().stream()
                    .filter(e -> e.node().equals(name) && e.kind() == EventKind.SELECTED_PAIR)
                    .map(e -> e.detail().text())
                    .toList();
        }

        /** Starts audio both ways. */
        void startMedia(Peer other) {
            source.start();
            other.source.start();
        }

        /** Stops audio both ways, then lets what is in flight arrive. */
        void stopMedia(Peer other) {
            source.stop();
            other.source.stop();
            sim.runUntil(sim.now() + millis(500));
        }
    }
}
