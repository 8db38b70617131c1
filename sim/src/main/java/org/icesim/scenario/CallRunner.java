package org.icesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.app.Peer;
import org.icesim.app.PeerSetup;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.CallMetrics;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MediaArrivals;
import org.icesim.metrics.Recorder;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.net.Host;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.PcapWriter;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.signaling.SignalingServer;
import org.icesim.stun.StunServer;
import org.icesim.stun.StunServerOptions;
import org.icesim.turn.TurnLoadSample;
import org.icesim.turn.TurnLoadSampler;
import org.icesim.turn.TurnServer;
import org.icesim.turn.TurnTransport;
import org.icesim.webrtc.IceServers;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * Runs one two-party call of a scenario: builds the world (network, servers, peers), plays the
 * timeline, runs the simulator to the end and computes the call's metrics.
 */
public final class CallRunner implements RunExecutor {

    /** Servers listen for signaling on these ports (ws:// and wss://). */
    private static final int SIGNALING_PORT = 80;
    private static final int SIGNALING_TLS_PORT = 443;

    @Override
    public RunOutput run(ScenarioPoint point, long seed, RunOptions options) {
        return new World(point.scenario(), seed, options).run();
    }

    /** The objects of one run. */
    private static final class World {
        private final Scenario scenario;
        private final RunOptions options;
        private final Simulator sim = new Simulator();
        private final RandomStreams streams;
        private final Recorder recorder = new Recorder();
        private final Network network;
        private final Map<String, Host> serverHosts = new LinkedHashMap<>();
        private final Map<String, TurnServer> turnServers = new LinkedHashMap<>();
        private final Map<String, SignalingServer> signalingServers = new LinkedHashMap<>();
        private final Map<String, ServerControl> servers = new LinkedHashMap<>();
        private final Map<String, Peer> peers = new LinkedHashMap<>();

        World(Scenario scenario, long seed, RunOptions options) {
            this.scenario = scenario;
            this.options = options;
            this.streams = new RandomStreams(seed);
            this.network = new Network(sim, streams, scenario.links(), scenario.nats());
            scenario.servers().values().forEach(this::buildServer);
            scenario.peers().values().forEach(this::buildPeer);
        }

        RunOutput run() {
            CallSpec call = scenario.call();
            sim.scheduleAt(call.startNanos(), () -> {
                peers.get(call.caller()).call();
                peers.values().forEach(Peer::startMedia);
            });
            for (TimelineAction action : scenario.timeline()) {
                sim.scheduleAt(action.atNanos(), () -> apply(action));
            }
            TurnLoadSampler sampler = null;
            // Load is sampled per TURN server: a world without one has no load to sample.
            if (options.loadIntervalNanos() > 0 && !turnServers.isEmpty()) {
                sampler = new TurnLoadSampler(sim, options.loadIntervalNanos(), List.copyOf(turnServers.values()));
                sampler.start();
            }
            if (options.pcap() == null) {
                sim.runUntil(scenario.durationNanos());
            } else {
                // The core sees every packet between hosts, with public addresses after NATs.
                try (PcapWriter pcap = PcapWriter.open(options.pcap())) {
                    network.internet().setTap(packet -> pcap.write(sim.now(), packet));
                    sim.runUntil(scenario.durationNanos());
                }
            }
            List<LoadSample> load = sampler == null ? List.of() : loadSamples(sampler);
            return new RunOutput(metrics(), options.events() ? recorder.events() : List.of(), load,
                    new RunEffort(sim.eventsRun(), network.packetHops()));
        }

        private void buildServer(ServerSpec spec) {
            Host host = new Host(sim, spec.name(), streams.stream("host/" + spec.name()));
            LinkParams link = spec.link().map(scenario.links()::get).orElse(LinkParams.ideal(0));
            NetworkInterface nic = network.connect(host, "eth", link, null);
            serverHosts.put(spec.name(), host);
            if (spec instanceof ServerSpec.Stun) {
                StunServer server = new StunServer(spec.name(), host, "eth", 3478, StunServerOptions.MINIMAL);
                servers.put(spec.name(), new ServerControl(server::crash, server::restart));
            } else if (spec instanceof ServerSpec.Turn turn) {
                boolean needsTcp = turn.config().transports().stream().anyMatch(TurnTransport::isReliable);
                TcpStack tcp = needsTcp ? tcpFor(host) : null;
                TurnServer server = new TurnServer(spec.name(), sim, host, tcp, "eth", turn.config(),
                        streams.stream("turn/" + spec.name()));
                turnServers.put(spec.name(), server);
                servers.put(spec.name(), new ServerControl(server::crash, server::restart));
            } else if (spec instanceof ServerSpec.Signaling signaling) {
                TransportAddress address = new TransportAddress(nic.address(),
                        signaling.tls() ? SIGNALING_TLS_PORT : SIGNALING_PORT);
                SignalingServer server = new SignalingServer(tcpFor(host), address,
                        signaling.tls() ? TlsVersion.TLS_1_3 : TlsVersion.NONE, signaling.holdMessages());
                server.start();
                signalingServers.put(spec.name(), server);
                servers.put(spec.name(), new ServerControl(server::crash, server::restart));
            }
        }

        private TcpStack tcpFor(Host host) {
            TcpStack tcp = new TcpStack(sim, host::sendRaw, TcpConfig.defaults(), streams.stream("tcp/" + host.name()));
            host.setTcpHandler(tcp::receive);
            return tcp;
        }

        private void buildPeer(PeerSpec spec) {
            Host host = new Host(sim, spec.name(), streams.stream("host/" + spec.name()));
            for (InterfaceSpec iface : spec.interfaces()) {
                network.connect(host, iface.name(), iface.link(), iface.behind().orElse(null));
            }
            CallSpec call = scenario.call();
            String remote = spec.name().equals(call.caller()) ? call.callee() : call.caller();
            boolean polite = spec.polite().orElse(spec.name().equals(call.callee()));
            PerfectNegotiation.Role role = !call.perfectNegotiation() || !polite
                    ? PerfectNegotiation.Role.IMPOLITE : PerfectNegotiation.Role.POLITE;
            Map.Entry<String, SignalingServer> signaling = signalingServers.entrySet().iterator().next();
            boolean tls = ((ServerSpec.Signaling) scenario.servers().get(signaling.getKey())).tls();
            PeerSetup setup = new PeerSetup(remote, spec.profile(), iceServersOf(spec),
                    spec.relayOnly() ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL, spec.policy(), role,
                    signaling.getValue().address(), tls ? TlsVersion.TLS_1_3 : TlsVersion.NONE, scenario.media(),
                    PeerSetup.DEFAULT_CONNECTION);
            peers.put(spec.name(), new Peer(sim, streams, spec.name(), host, setup, recorder));
        }

        private IceServers iceServersOf(PeerSpec spec) {
            List<String> names = spec.iceServers().orElse(new ArrayList<>(scenario.servers().keySet()));
            IceServers servers = IceServers.NONE;
            for (String name : names) {
                ServerSpec server = scenario.servers().get(name);
                TransportAddress ip = new TransportAddress(serverHosts.get(name).interfaces().get(0).address(), 0);
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

        private void apply(TimelineAction action) {
            long now = sim.now();
            String detail = action.action() + " " + action.target();
            recorder.record(now, "world", action.isFault() ? EventKind.FAULT : EventKind.REPAIR, detail);
            if (action instanceof TimelineAction.LinkDown a) {
                network.accessLink(a.peer(), a.iface()).setUp(false);
            } else if (action instanceof TimelineAction.LinkUp a) {
                network.accessLink(a.peer(), a.iface()).setUp(true);
            } else if (action instanceof TimelineAction.SetLink a) {
                var link = network.accessLink(a.peer(), a.iface());
                link.setParams(a.change().apply(link.params()));
            } else if (action instanceof TimelineAction.InterfaceAdd a) {
                network.connect(peers.get(a.peer()).host(), a.iface().name(), a.iface().link(), a.iface().behind().orElse(null));
            } else if (action instanceof TimelineAction.InterfaceRemove a) {
                network.disconnect(peers.get(a.peer()).host(), a.iface());
            } else if (action instanceof TimelineAction.NatReboot a) {
                var nat = network.nat(a.nat());
                nat.reboot(a.newAddress() ? network.freshAddressesFor(scenario.nats().get(a.nat())) : nat.publicAddresses());
            } else if (action instanceof TimelineAction.NatFlush a) {
                network.nat(a.nat()).flush();
            } else if (action instanceof TimelineAction.ServerCrash a) {
                servers.get(a.server()).crash().run();
            } else if (action instanceof TimelineAction.ServerRestart a) {
                servers.get(a.server()).restart().run();
            } else if (action instanceof TimelineAction.SignalingOutage a) {
                String server = a.server().orElse(signalingServers.keySet().iterator().next());
                servers.get(server).crash().run();
                sim.schedule(a.durationNanos(), () -> {
                    recorder.record(sim.now(), "world", EventKind.REPAIR, "signaling-back " + server);
                    servers.get(server).restart().run();
                });
            } else if (action instanceof TimelineAction.RestartIce a) {
                peers.get(a.peer()).restartIce("timeline");
            } else if (action instanceof TimelineAction.Close a) {
                peers.get(a.peer()).close();
            }
        }

        /** How the timeline crashes and restarts a server, whatever its kind. */
        private record ServerControl(Runnable crash, Runnable restart) {
        }

        /** Server load per interval: the TURN sampler's figures with the restarts of the same interval. */
        private List<LoadSample> loadSamples(TurnLoadSampler sampler) {
            List<LoadSample> samples = new ArrayList<>();
            for (TurnLoadSample sample : sampler.samples()) {
                long from = sample.timeNanos() - sample.intervalNanos();
                long restarts = recorder.events().stream()
                        .filter(e -> e.kind() == EventKind.RESTART_ICE && e.timeNanos() > from && e.timeNanos() <= sample.timeNanos())
                        .count();
                samples.add(new LoadSample(sample.timeNanos(), sample.server(), sample.liveAllocations(),
                        sample.allocationsCreated(), sample.relayedBytes(), restarts));
            }
            return samples;
        }

        private RunResult metrics() {
            CallSpec call = scenario.call();
            Peer caller = peers.get(call.caller());
            Peer callee = peers.get(call.callee());
            List<MediaArrivals> arrivals = List.of(caller.sink().arrivals(), callee.sink().arrivals());
            RunResult result = CallMetrics.compute(recorder, List.of(call.caller(), call.callee()), arrivals,
                    scenario.firstFaultNanos(), scenario.durationNanos(), scenario.interruptionThresholdNanos());
            result.putCount(Metric.STUN_CHECKS_SENT, peers.values().stream().mapToLong(p -> p.transport().checksSent()).sum());
            result.putCount(Metric.TURN_ALLOCATIONS, turnServers.values().stream()
                    .mapToLong(s -> s.counters().allocationsCreated()).sum());
            result.putCount(Metric.SIGNALING_MESSAGES, signalingServers.values().stream()
                    .mapToLong(SignalingServer::messagesRelayed).sum());
            result.putCount(Metric.BYTES_RELAYED, turnServers.values().stream().mapToLong(s -> s.counters().relayedBytes()).sum());
            return result;
        }
    }
}
