package org.icesim.world;

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
import org.icesim.metrics.EventSink;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.MediaWindowTracker;
import org.icesim.metrics.Metric;
import org.icesim.metrics.Recorder;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.net.Host;
import org.icesim.net.PcapWriter;
import org.icesim.net.tcp.TcpStack;
import org.icesim.scenario.CallSpec;
import org.icesim.scenario.InterfaceSpec;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.TimelineAction;
import org.icesim.signaling.SignalingServer;
import org.icesim.turn.TurnLoadSample;
import org.icesim.turn.TurnLoadSampler;
import org.icesim.turn.TurnServer;
import org.icesim.webrtc.IceServers;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * Runs one two-party call of a scenario: builds the world (network, servers, peers), plays the
 * timeline, runs the simulator to the end and computes the call's metrics.
 */
public final class CallRunner implements RunExecutor {

    private final WorldProbe probe;

    public CallRunner() {
        this(WorldProbe.NONE);
    }

    /** A runner whose runs {@code probe} looks at as they go (two-party calls only). */
    public CallRunner(WorldProbe probe) {
        this.probe = probe;
    }

    @Override
    public RunOutput run(ScenarioPoint point, long seed, RunOptions options) {
        if (point.scenario().fleet().isPresent()) {
            return new FleetWorld(point.scenario(), seed, options).run();
        }
        return new World(point.scenario(), seed, options).run(probe);
    }

    /** The objects of one run. */
    private static final class World {
        private final Scenario scenario;
        private final RunOptions options;
        private final Simulator sim;
        private final RandomStreams streams;
        private final Recorder recorder = new Recorder();
        private final Network network;
        private final ServerSet servers;
        private final Map<String, TurnServer> turnServers;
        private final Map<String, SignalingServer> signalingServers;
        private final Map<String, Peer> peers = new LinkedHashMap<>();
        /** Each peer's received media, folded into the window the metrics look at. */
        private final Map<String, MediaWindowTracker> media = new LinkedHashMap<>();
        /** What the peers report into: the recorder, watched for the window's start when the timeline has no fault. */
        private final EventSink peerEvents;
        private boolean restarted;
        private boolean paired;

        World(Scenario scenario, long seed, RunOptions options) {
            this.scenario = scenario;
            this.options = options;
            this.sim = new Simulator(options.checkInvariants());
            this.streams = new RandomStreams(seed);
            this.network = new Network(sim, streams, scenario.links(), scenario.nats());
            this.servers = new ServerSet(sim, streams, scenario, network);
            this.turnServers = servers.turnServers();
            this.signalingServers = servers.signalingServers();
            this.peerEvents = scenario.firstFaultNanos().isPresent() ? recorder : this::recordAndOpenMediaWindow;
            scenario.peers().values().forEach(this::buildPeer);
        }

        RunOutput run(WorldProbe probe) {
            CallSpec call = scenario.call();
            sim.scheduleAt(call.startNanos(), () -> {
                peers.get(call.caller()).call();
                peers.values().forEach(Peer::startMedia);
            });
            for (TimelineAction action : scenario.timeline()) {
                sim.scheduleAt(action.atNanos(), () -> apply(action));
            }
            if (probe.intervalNanos() > 0) {
                sampleEvery(probe);
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
            checkConservation();
            List<LoadSample> load = sampler == null ? List.of() : loadSamples(sampler);
            return new RunOutput(metrics(), options.events() ? recorder.events() : List.of(), load,
                    new RunEffort(sim.eventsRun(), network.packetHops()));
        }

        private void sampleEvery(WorldProbe probe) {
            sim.schedule(probe.intervalNanos(), () -> {
                probe.sample(sizes());
                sampleEvery(probe);
            });
        }

        private WorldSizes sizes() {
            int natMappings = 0;
            for (String nat : scenario.nats().keySet()) {
                natMappings += network.nat(nat).storedMappings();
            }
            int allocations = 0;
            int permissions = 0;
            int channels = 0;
            for (TurnServer turn : turnServers.values()) {
                allocations += turn.allocationCount();
                permissions += turn.storedPermissions();
                channels += turn.storedChannels();
            }
            int sockets = 0;
            for (Host host : servers.hosts()) {
                sockets += host.socketCount();
            }
            int tcp = 0;
            for (TcpStack stack : servers.tcpStacks()) {
                tcp += stack.connectionCount();
            }
            int sessions = 0;
            int endpoints = 0;
            int remoteGenerations = 0;
            int pairs = 0;
            long mediaPackets = 0;
            for (Peer peer : peers.values()) {
                sockets += peer.host().socketCount();
                sessions += peer.transport().sessionCount();
                endpoints += peer.transport().endpointCount();
                remoteGenerations += peer.transport().remoteGenerationCount();
                pairs += peer.transport().candidatePairCount();
                mediaPackets += peer.sink().packetsReceived();
            }
            return new WorldSizes(sim.now(), sim.eventsRun(), sim.pending(), natMappings, allocations, permissions, channels,
                    sockets, tcp, sessions, endpoints, remoteGenerations, pairs, mediaPackets,
                    recorder.events().size());
        }

        /** At the end of a run with checks on: packets are conserved on every link and node. */
        private void checkConservation() {
            if (!sim.invariants().enabled()) {
                return;
            }
            network.checkConservation();
            servers.hosts().forEach(Host::checkConservation);
            peers.values().forEach(peer -> peer.host().checkConservation());
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
            PeerSetup setup = new PeerSetup(remote, spec.profile(), iceServersOf(spec),
                    spec.relayOnly() ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL, spec.policy(), role,
                    servers.signalingAddress(), servers.signalingTls(), scenario.media(),
                    scenario.mediaDelivery(), PeerSetup.DEFAULT_CONNECTION);
            MediaWindowTracker received = new MediaWindowTracker(scenario.interruptionThresholdNanos());
            // A fault in the timeline starts the window; it is known before the run.
            scenario.firstFaultNanos().ifPresent(received::open);
            media.put(spec.name(), received);
            peers.put(spec.name(), new Peer(sim, streams, spec.name(), host, setup, peerEvents, received));
        }

        /**
         * Without a fault, the metrics' window starts at the first restartIce() call, or else at
         * the first selected pair (CallMetrics): the media trackers open there as it happens, and
         * a restart after a pair starts them over. Arrivals at that same instant, before or after
         * this event, stay before the window either way.
         */
        private void recordAndOpenMediaWindow(long timeNanos, String node, EventKind kind, String detail) {
            recorder.record(timeNanos, node, kind, detail);
            if (kind == EventKind.RESTART_ICE && !restarted) {
                restarted = true;
                media.values().forEach(tracker -> tracker.open(timeNanos));
            } else if (kind == EventKind.SELECTED_PAIR && !paired) {
                paired = true;
                if (!restarted) {
                    media.values().forEach(tracker -> tracker.open(timeNanos));
                }
            }
        }

        private IceServers iceServersOf(PeerSpec spec) {
            return servers.iceServers(spec.iceServers().orElse(new ArrayList<>(scenario.servers().keySet())));
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
                servers.control(a.server()).crash().run();
            } else if (action instanceof TimelineAction.ServerRestart a) {
                servers.control(a.server()).restart().run();
            } else if (action instanceof TimelineAction.SignalingOutage a) {
                String server = a.server().orElse(signalingServers.keySet().iterator().next());
                servers.control(server).crash().run();
                sim.schedule(a.durationNanos(), () -> {
                    recorder.record(sim.now(), "world", EventKind.REPAIR, "signaling-back " + server);
                    servers.control(server).restart().run();
                });
            } else if (action instanceof TimelineAction.RestartIce a) {
                peers.get(a.peer()).restartIce("timeline");
            } else if (action instanceof TimelineAction.Close a) {
                peers.get(a.peer()).close();
            }
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
                        sample.allocationsCreated(), sample.relayedBytes(), restarts, sample.relayedPackets()));
            }
            return samples;
        }

        private RunResult metrics() {
            CallSpec call = scenario.call();
            List<MediaWindowTracker> received = List.of(media.get(call.caller()), media.get(call.callee()));
            RunResult result = CallMetrics.compute(recorder, List.of(call.caller(), call.callee()), received,
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
