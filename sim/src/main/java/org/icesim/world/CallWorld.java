package org.icesim.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.app.Peer;
import org.icesim.media.MediaSink;
import org.icesim.metrics.CallMetrics;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.MediaWindowTracker;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.metrics.SelectedPair;
import org.icesim.net.Host;
import org.icesim.net.tcp.TcpStack;
import org.icesim.scenario.CallSpec;
import org.icesim.scenario.InterfaceSpec;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.TimelineAction;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.turn.TurnLoadSample;
import org.icesim.turn.TurnLoadSampler;
import org.icesim.turn.TurnServer;

/**
 * One run of a two-party call: the scenario's peers, its timeline played by the fault applier
 * (actions at fixed instants scheduled at the start, actions at events as the events happen), and
 * the call's metrics computed from the event log at the end.
 */
final class CallWorld extends World {
    private final WorldProbe probe;
    /** Each peer's received media, folded into the window the metrics look at. */
    private final Map<String, MediaWindowTracker> media = new LinkedHashMap<>();
    /** Each peer's received media per interval, when the run keeps its events (media.csv); null otherwise. */
    private final MediaRateSampler mediaRates;
    /** The timeline's actions at events, waiting for the peers' state changes. */
    private final AnchoredTimeline anchored;
    /** The instant the first fault was applied; empty until then. */
    private OptionalLong faultAt = OptionalLong.empty();
    private boolean restarted;
    private boolean paired;

    CallWorld(Scenario scenario, long seed, RunOptions options, WorldProbe probe) {
        super(scenario, seed, options, true);
        this.probe = probe;
        this.anchored = new AnchoredTimeline(sim, scenario.anchoredTimeline(), this::apply, recorder());
        scenario.peers().values().forEach(this::buildPeer);
        Map<String, MediaSink> sinks = new LinkedHashMap<>();
        peers.forEach((name, peer) -> sinks.put(name, peer.sink()));
        this.mediaRates = options.events() ? new MediaRateSampler(sim, sinks) : null;
    }

    @Override
    protected void start() {
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
        if (mediaRates != null) {
            mediaRates.start();
        }
    }

    /** Plays the call to its end and returns its output. */
    RunOutput run() {
        TurnLoadSampler sampler = simulate();
        return new RunOutput(metrics(), loggedEvents(), sampler == null ? List.of() : loadSamples(sampler),
                FleetFigures.NONE, effort(), mediaSamples());
    }

    private List<MediaSample> mediaSamples() {
        return mediaRates == null ? List.of() : mediaRates.samples();
    }

    private void sampleEvery(WorldProbe probe) {
        sim.post(probe.intervalNanos(), () -> {
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
        for (TurnServer turn : servers.turnServers().values()) {
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
                recorder().events().size());
    }

    private void buildPeer(PeerSpec spec) {
        Host host = peerFactory.host(spec.name());
        for (InterfaceSpec iface : spec.interfaces()) {
            network.connect(host, iface.name(), iface.link(), iface.behind().orElse(null));
        }
        CallSpec call = scenario.call();
        String remote = spec.name().equals(call.caller()) ? call.callee() : call.caller();
        MediaWindowTracker received = new MediaWindowTracker(scenario.interruptionThresholdNanos());
        media.put(spec.name(), received);
        List<String> iceServers = spec.iceServers().orElse(new ArrayList<>(scenario.servers().keySet()));
        peers.put(spec.name(), peerFactory.build(spec, spec.name(), host, remote, spec.name().equals(call.callee()),
                iceServers, spec.policy(), this::peerEvent, received));
    }

    /**
     * Applies a timeline action now, unless what it acts on is not there (possible only around an
     * action at an event, whose instant the scenario's checks cannot know): that is logged instead.
     * The first fault applied starts the metrics' window (CallMetrics): the media trackers open
     * there, dropping a window a restart or the first pair opened before it. Arrivals at that same
     * instant, before or after the fault, stay before the window either way.
     */
    private void apply(TimelineAction action) {
        Optional<String> missing = faults.missing(action);
        if (missing.isPresent()) {
            recorder().record(sim.now(), "world", new EventDetail.NotApplied(action.action() + " " + action.target()
                    + " at " + Quantities.formatDuration(sim.now()) + ": " + missing.get()));
            return;
        }
        if (action.isFault() && faultAt.isEmpty()) {
            faultAt = OptionalLong.of(sim.now());
            media.values().forEach(tracker -> tracker.open(sim.now()));
        }
        faults.apply(action);
    }

    /** What the peers report: recorded, watched by the timeline's actions at events and, before a fault, by the window. */
    private void peerEvent(long timeNanos, String node, EventDetail detail) {
        if (faultAt.isEmpty()) {
            recordAndOpenMediaWindow(timeNanos, node, detail);
        } else {
            recorder().record(timeNanos, node, detail);
        }
        anchored.observe(node, detail);
    }

    /**
     * Without a fault (yet), the metrics' window starts at the first restartIce() call, or else at
     * the first selected pair (CallMetrics): the media trackers open there as it happens, and
     * a restart after a pair starts them over. Arrivals at that same instant, before or after
     * this event, stay before the window either way.
     */
    private void recordAndOpenMediaWindow(long timeNanos, String node, EventDetail detail) {
        recorder().record(timeNanos, node, detail);
        if (detail instanceof EventDetail.RestartIce && !restarted) {
            restarted = true;
            media.values().forEach(tracker -> tracker.open(timeNanos));
        } else if (detail instanceof SelectedPair && !paired) {
            paired = true;
            if (!restarted) {
                media.values().forEach(tracker -> tracker.open(timeNanos));
            }
        }
    }

    /** Server load per interval: the TURN sampler's figures with the restarts of the same interval. */
    private List<LoadSample> loadSamples(TurnLoadSampler sampler) {
        List<LoadSample> samples = new ArrayList<>();
        for (TurnLoadSample sample : sampler.samples()) {
            long from = sample.timeNanos() - sample.intervalNanos();
            long restarts = recorder().events().stream()
                    .filter(e -> e.detail() instanceof EventDetail.RestartIce && e.timeNanos() > from && e.timeNanos() <= sample.timeNanos())
                    .count();
            samples.add(new LoadSample(sample.timeNanos(), sample.server(), sample.liveAllocations(),
                    sample.allocationsCreated(), sample.relayedBytes(), restarts, sample.relayedPackets()));
        }
        return samples;
    }

    @Override
    protected void finish() {
        anchored.finish();
    }

    private RunResult metrics() {
        CallSpec call = scenario.call();
        List<MediaWindowTracker> received = List.of(media.get(call.caller()), media.get(call.callee()));
        RunResult result = CallMetrics.compute(recorder(), List.of(call.caller(), call.callee()), received,
                faultAt, scenario.durationNanos(), scenario.interruptionThresholdNanos());
        counters().putInto(result);
        return result;
    }
}
