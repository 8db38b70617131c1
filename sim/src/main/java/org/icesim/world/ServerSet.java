package org.icesim.world;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.icenet.IceServers;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Host;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ServerSpec;
import org.icesim.signaling.SignalingServer;
import org.icesim.signaling.SignalingTransport;
import org.icesim.stun.StunServer;
import org.icesim.stun.StunServerOptions;
import org.icesim.turn.TurnServer;
import org.icesim.turn.TurnTransport;

/** The STUN, TURN and signaling servers of one run, built from a scenario on its network. */
final class ServerSet {

    /** Servers listen for signaling on these ports (ws:// and wss://). */
    private static final int SIGNALING_PORT = 80;
    private static final int SIGNALING_TLS_PORT = 443;

    private final Simulator sim;
    private final RandomStreams streams;
    private final Scenario scenario;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, TurnServer> turnServers = new LinkedHashMap<>();
    private final Map<String, SignalingServer> signalingServers = new LinkedHashMap<>();
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final List<TcpStack> tcpStacks = new ArrayList<>();

    /**
     * How the timeline crashes and restarts a server, whatever its kind, and (signaling servers)
     * makes it unreachable and reachable again.
     */
    record Control(Runnable crash, Runnable restart, ReachabilityGate reachability) {
    }

    ServerSet(Simulator sim, RandomStreams streams, Scenario scenario, Network network) {
        this.sim = sim;
        this.streams = streams;
        this.scenario = scenario;
        scenario.servers().values().forEach(spec -> build(spec, network));
    }

    Collection<Host> hosts() {
        return hosts.values();
    }

    /** The TCP stacks of the servers that speak TCP. */
    List<TcpStack> tcpStacks() {
        return tcpStacks;
    }

    Map<String, TurnServer> turnServers() {
        return turnServers;
    }

    Map<String, SignalingServer> signalingServers() {
        return signalingServers;
    }

    Control control(String server) {
        return controls.get(server);
    }

    /** The first signaling server's name: peers register there. */
    String signalingName() {
        return signalingServers.keySet().iterator().next();
    }

    TransportAddress signalingAddress() {
        return signalingServers.get(signalingName()).address();
    }

    TlsVersion signalingTls() {
        return ((ServerSpec.Signaling) scenario.servers().get(signalingName())).tls() ? TlsVersion.TLS_1_3 : TlsVersion.NONE;
    }

    /** How the peers' clients talk to the first signaling server. */
    SignalingTransport signalingTransport() {
        return ((ServerSpec.Signaling) scenario.servers().get(signalingName())).transport();
    }

    /** The STUN and TURN servers named, as a peer's RTCConfiguration.iceServers. */
    IceServers iceServers(List<String> names) {
        IceServers servers = IceServers.NONE;
        for (String name : names) {
            ServerSpec server = scenario.servers().get(name);
            TransportAddress ip = new TransportAddress(hosts.get(name).interfaces().get(0).address(), 0);
            if (server instanceof ServerSpec.Stun) {
                servers = servers.withStun(new TransportAddress(ip.ip(), 3478));
            } else if (server instanceof ServerSpec.Turn turn) {
                Map.Entry<String, String> user = turn.config().users().entrySet().iterator().next();
                for (TurnTransport transport : turn.config().transports()) {
                    servers = servers.withTurn(new TransportAddress(ip.ip(), transport.defaultPort()), transport,
                            user.getKey(), user.getValue());
                }
            }
        }
        return servers;
    }

    /** The names of every STUN server, in the file's order. */
    List<String> stunNames() {
        List<String> names = new ArrayList<>();
        scenario.servers().forEach((name, spec) -> {
            if (spec instanceof ServerSpec.Stun) {
                names.add(name);
            }
        });
        return names;
    }

    private void build(ServerSpec spec, Network network) {
        Host host = new Host(sim, spec.name(), streams.stream("host/" + spec.name()));
        LinkParams link = spec.link().map(scenario.links()::get).orElse(LinkParams.ideal(0));
        NetworkInterface nic = network.connect(host, "eth", link, null);
        hosts.put(spec.name(), host);
        if (spec instanceof ServerSpec.Stun) {
            StunServer server = new StunServer(spec.name(), host, "eth", 3478, StunServerOptions.MINIMAL);
            controls.put(spec.name(), new Control(server::crash, server::restart, null));
        } else if (spec instanceof ServerSpec.Turn turn) {
            boolean needsTcp = turn.config().transports().stream().anyMatch(TurnTransport::isReliable);
            TcpStack tcp = needsTcp ? tcpFor(host) : null;
            TurnServer server = new TurnServer(spec.name(), sim, host, tcp, "eth", turn.config(),
                    streams.stream("turn/" + spec.name()));
            turnServers.put(spec.name(), server);
            controls.put(spec.name(), new Control(server::crash, server::restart, null));
        } else if (spec instanceof ServerSpec.Signaling signaling) {
            TransportAddress address = new TransportAddress(nic.address(),
                    signaling.tls() ? SIGNALING_TLS_PORT : SIGNALING_PORT);
            ReachabilityGate gate = new ReachabilityGate();
            SignalingTransport.LongPoll poll = signaling.transport() instanceof SignalingTransport.LongPoll longPoll
                    ? longPoll : null;
            SignalingServer server = new SignalingServer(sim, tcpFor(host, gate), address,
                    signaling.tls() ? TlsVersion.TLS_1_3 : TlsVersion.NONE, signaling.holdMessages(),
                    poll != null ? poll.holdNanos() : SignalingTransport.LongPoll.TESTBED_HOLD_NANOS,
                    poll != null && poll.headThenBody());
            server.start();
            signalingServers.put(spec.name(), server);
            controls.put(spec.name(), new Control(server::crash, server::restart, gate));
        }
    }

    private TcpStack tcpFor(Host host) {
        return tcpFor(host, new ReachabilityGate());
    }

    /** The host's TCP stack, its packets both ways through {@code gate}. */
    private TcpStack tcpFor(Host host, ReachabilityGate gate) {
        TcpStack tcp = new TcpStack(sim, gate.guard(host::sendRaw), TcpConfig.defaults(), streams.stream("tcp/" + host.name()));
        host.setTcpHandler(gate.guard(tcp::receive));
        tcpStacks.add(tcp);
        return tcp;
    }
}
