package org.icesim.world;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.app.Peer;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventSink;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.Recorder;
import org.icesim.metrics.RunEffort;
import org.icesim.net.Host;
import org.icesim.net.PcapWriter;
import org.icesim.scenario.Scenario;
import org.icesim.signaling.SignalingServer;
import org.icesim.turn.TurnLoadSampler;

/**
 * What every world of a run stands on, a two-party call or a fleet: the simulator the run options
 * ask for (invariant checks on or off), the run's streams, network, servers, peers, peer factory
 * and fault applier; running to the end (through the pcap tap when asked); the end-of-run
 * conservation check; the event log for events.csv; the counters every run reports and the
 * effort it took. Each world assembles its own output from these.
 */
abstract class World {
    protected final Scenario scenario;
    protected final RunOptions options;
    protected final Simulator sim;
    protected final RandomStreams streams;
    protected final Network network;
    protected final ServerSet servers;
    protected final PeerFactory peerFactory;
    protected final Faults faults;
    /** Every peer built so far, by name, in the order built. */
    protected final Map<String, Peer> peers = new LinkedHashMap<>();
    /** The event log, or null when neither the world's metrics nor the run options need one. */
    private final Recorder recorder;

    /** @param metricsReadLog whether the world's metrics are computed from the event log */
    World(Scenario scenario, long seed, RunOptions options, boolean metricsReadLog) {
        this.scenario = scenario;
        this.options = options;
        this.sim = options.checkInvariants() ? new Simulator(options.invariantTally()) : new Simulator(false);
        this.streams = new RandomStreams(seed);
        this.network = new Network(sim, streams, scenario.links(), scenario.nats());
        this.servers = new ServerSet(sim, streams, scenario, network);
        this.recorder = metricsReadLog || options.events() ? new Recorder() : null;
        this.peerFactory = new PeerFactory(sim, streams, scenario, servers);
        this.faults = new Faults(sim, network, servers, peers::get, log());
    }

    /** Schedules what the run does: calls, media, faults. */
    protected abstract void start();

    /** After the last event: folds what is still open into the figures. */
    protected void finish() {
    }

    /** Runs the simulator to {@code end}; a world that watches the run as it goes runs it in steps. */
    protected void runTo(long end) {
        sim.runUntil(end);
    }

    /** Where world events (faults, repairs) and, in a world with a log, the peers' events go. */
    protected final EventSink log() {
        return recorder == null ? EventSink.NONE : recorder;
    }

    /** The event log; only for a world that keeps one. */
    protected final Recorder recorder() {
        if (recorder == null) {
            throw new IllegalStateException("this run keeps no event log");
        }
        return recorder;
    }

    protected final boolean keepsLog() {
        return recorder != null;
    }

    /**
     * Plays the run to its end: starts it, samples TURN load when asked, runs (through the pcap
     * tap when asked), folds in what is still open and checks conservation.
     *
     * @return the run's load sampler, or null when it sampled no load
     */
    protected final TurnLoadSampler simulate() {
        start();
        TurnLoadSampler sampler = null;
        // Load is sampled per TURN server: a world without one has no load to sample.
        if (options.loadIntervalNanos() > 0 && !servers.turnServers().isEmpty()) {
            sampler = new TurnLoadSampler(sim, options.loadIntervalNanos(), List.copyOf(servers.turnServers().values()));
            sampler.start();
        }
        if (options.pcap() == null) {
            runTo(scenario.durationNanos());
        } else {
            // The core sees every packet between hosts, with public addresses after NATs.
            try (PcapWriter pcap = PcapWriter.open(options.pcap())) {
                network.internet().setTap(packet -> pcap.write(sim.now(), packet));
                runTo(scenario.durationNanos());
            }
        }
        finish();
        checkConservation();
        return sampler;
    }

    /** The event log for events.csv when the run options ask for it; empty otherwise. */
    protected final List<RecordedEvent> loggedEvents() {
        return options.events() ? recorder.events() : List.of();
    }

    /** How much simulation the run took so far. */
    protected final RunEffort effort() {
        return new RunEffort(sim.eventsRun(), network.packetHops(), sim.invariants().total());
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

    /** The counters of every run: STUN checks of the peers, and the servers' allocations, messages and relayed bytes. */
    protected final RunCounters counters() {
        return new RunCounters(peers.values().stream().mapToLong(p -> p.transport().checksSent()).sum(),
                servers.turnServers().values().stream().mapToLong(s -> s.counters().allocationsCreated()).sum(),
                servers.signalingServers().values().stream().mapToLong(SignalingServer::messagesRelayed).sum(),
                servers.turnServers().values().stream().mapToLong(s -> s.counters().relayedBytes()).sum());
    }
}
