package org.icesim.turn;

import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Simulator;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.testkit.StarNetwork;
import org.icesim.testkit.SuiteChecks;

/**
 * A client 10 ms from the core, the TURN server 20 ms from it and a peer 5 ms from it, on ideal
 * links: client ↔ server round trip 60 ms, server ↔ peer 50 ms, client → server → peer 55 ms.
 */
final class TurnWorld {

    static final long CLIENT_TO_SERVER = millis(30);
    static final long RTT = 2 * CLIENT_TO_SERVER;
    static final long SERVER_TO_PEER = millis(25);
    static final String REALM = "icesim.test";
    static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret", "carol", "carol-secret");

    final Simulator sim = SuiteChecks.simulator();
    final StarNetwork net = new StarNetwork(sim, 11);
    final Host clientHost = net.addHost("client", "198.51.100.10", millis(10));
    final Host serverHost = net.addHost("turn", "203.0.113.1", millis(20));
    final Host peerHost = net.addHost("peer", "192.0.2.50", millis(5));
    final TcpStack clientTcp = tcpStack(clientHost);
    final TcpStack serverTcp = tcpStack(serverHost);
    final TurnServer server;
    final Peer peer = new Peer(40000);

    TurnWorld(TurnServerConfig config) {
        server = new TurnServer("turn1", sim, serverHost, serverTcp, StarNetwork.INTERFACE, config,
                net.streams().stream("turn1"));
    }

    TurnWorld() {
        this(TurnServerConfig.defaults(REALM, USERS));
    }

    private TcpStack tcpStack(Host host) {
        TcpStack stack = new TcpStack(sim, host::sendRaw, TcpConfig.defaults(), net.streams().stream("tcp/" + host.name()));
        host.setTcpHandler(stack::receive);
        return stack;
    }

    TransportAddress serverAddress() {
        return server.address(TurnTransport.UDP);
    }

    TurnClientConfig clientConfig(String user) {
        return TurnClientConfig.of(serverAddress(), TurnTransport.UDP, user, USERS.get(user));
    }

    /** A client over the config's transport, from {@code localPort} (0: any). */
    TurnClient client(TurnClientConfig config, int localPort, RecordingListener listener) {
        RandomGenerator random = net.streams().stream("client/" + localPort + "/" + config.username());
        return config.transport() == TurnTransport.UDP
                ? TurnClient.overUdp(sim, clientHost, StarNetwork.INTERFACE, localPort, config, random, listener.with(sim))
                : TurnClient.overTcp(sim, clientHost, clientTcp, StarNetwork.INTERFACE, localPort, config, random,
                        listener.with(sim));
    }

    /** A UDP endpoint on the peer host that records what reaches it. */
    final class Peer {
        final UdpSocket socket;
        final List<String> received = new ArrayList<>();
        final List<Payload> payloads = new ArrayList<>();

        Peer(int port) {
            socket = peerHost.openUdp(StarNetwork.INTERFACE, port, (s, from, payload) -> {
                received.add(from + " " + payload.size() + "B @" + sim.now());
                payloads.add(payload);
            });
        }

        TransportAddress address() {
            return socket.localAddress();
        }

        void sendAt(long time, TransportAddress to, Payload payload) {
            sim.scheduleAt(time, () -> socket.send(to, payload));
        }
    }
}
