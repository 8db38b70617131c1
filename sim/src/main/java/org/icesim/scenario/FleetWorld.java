package org.icesim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.app.Peer;
import org.icesim.app.PeerSetup;
import org.icesim.app.RestartPolicy;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.CallEvents;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.FleetStats;
import org.icesim.metrics.InterruptionTracker;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.nat.Nat;
import org.icesim.net.Host;
import org.icesim.signaling.SignalingServer;
import org.icesim.turn.TurnLoadSampler;
import org.icesim.turn.TurnServer;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * One run of a fleet scenario: many calls made from the scenario's two peers as templates, on
 * one network with shared STUN, TURN and signaling servers, random faults, and figures gathered
 * as they happen (nothing per packet or per event is kept, so 10 000 calls fit in a few GB).
 *
 * <p>Call <i>i</i> draws its NATs, links and policy from {@code call/<i>/mix} and its faults
 * from {@code call/<i>/link-flap} and {@code call/<i>/nat-reboot}; its peers are named
 * {@code call/<i>/<template>}, so their own streams are too. A call's draws depend only on the
 * run seed and its index. The call's peers are built when it starts.
 */
final class FleetWorld {
    /** Load samples (and the restart-storm counts) every second when the run options ask for none. */
    private static final long DEFAULT_INTERVAL_NANOS = Durations.NANOS_PER_SECOND;
    private static final double NANOS_PER_HOUR = 3600.0 * Durations.NANOS_PER_SECOND;

    private final Scenario scenario;
    private final FleetSpec fleet;
    private final RunOptions options;
    private final Simulator sim = new Simulator();
    private final RandomStreams streams;
    private final Network network;
    private final ServerSet servers;
    private final List<TurnServer> turnServers;
    private final int[] callsPerTurnServer;
    private final PeerSpec callerTemplate;
    private final PeerSpec calleeTemplate;
    private final FleetStats stats;
    private final List<Call> calls = new ArrayList<>();

    /** One call: its two peers, and its figures. */
    private record Call(int turnServer, Peer caller, Peer callee, CallNat callerNat, CallNat calleeNat,
            CallEvents events, InterruptionTracker toCaller, InterruptionTracker toCallee) {
    }

    /** A call side's own NAT and the definition it was made from. */
    private record CallNat(Nat nat, NatSpec spec) {
    }

    FleetWorld(Scenario scenario, long seed, RunOptions options) {
        this.scenario = scenario;
        this.fleet = scenario.fleet().orElseThrow();
        this.options = options;
        this.streams = new RandomStreams(seed);
        this.network = new Network(sim, streams, scenario.links(), scenario.nats());
        this.servers = new ServerSet(sim, streams, scenario, network);
        this.turnServers = List.copyOf(servers.turnServers().values());
        this.callsPerTurnServer = new int[turnServers.size()];
        this.callerTemplate = scenario.peers().get(scenario.call().caller());
        this.calleeTemplate = scenario.peers().get(scenario.call().callee());
        this.stats = new FleetStats(options.loadIntervalNanos() > 0 ? options.loadIntervalNanos() : DEFAULT_INTERVAL_NANOS);
    }

    RunOutput run() {
        long end = scenario.durationNanos();
        for (int i = 0; i < fleet.calls(); i++) {
            int index = i;
            long startAt = scenario.call().startNanos() + fleet.rampNanos() * i / fleet.calls();
            if (startAt < end) {
                sim.scheduleAt(startAt, () -> startCall(index));
            }
        }
        scheduleTurnCrashes(end);
        TurnLoadSampler sampler = null;
        if (options.loadIntervalNanos() > 0 && !turnServers.isEmpty()) {
            sampler = new TurnLoadSampler(sim, options.loadIntervalNanos(), turnServers);
            sampler.start();
        }
        List<CallsSample> callsOverTime = runInSteps(end);
        for (Call call : calls) {
            call.toCaller().finish(end);
            call.toCallee().finish(end);
        }
        FleetFigures figures = new FleetFigures(callsOverTime, stats.restartLatencies(), stats.recoveries());
        return new RunOutput(metrics(), List.of(), sampler == null ? List.of() : loadSamples(sampler), figures,
                new RunEffort(sim.eventsRun(), network.packetHops()));
    }

    /**
     * Runs to {@code end} one step (a load interval, or a second) at a time: no event is added, so
     * the run is the same as in one go. After each step the run's progress is told, and with load
     * sampling on the calls are counted at the end of every whole interval, as the TURN servers are.
     */
    private List<CallsSample> runInSteps(long end) {
        boolean sampling = options.loadIntervalNanos() > 0;
        long step = sampling ? options.loadIntervalNanos() : DEFAULT_INTERVAL_NANOS;
        List<CallsSample> samples = new ArrayList<>();
        for (long t = Math.min(step, end); ; t = end - t > step ? t + step : end) {
            sim.runUntil(t);
            if (sampling && t % step == 0) {
                samples.add(callsAt(t));
            }
            options.progress().advanced(t, end, sim.eventsRun());
            if (t == end) {
                return samples;
            }
        }
    }

    private CallsSample callsAt(long time) {
        int connected = 0;
        int up = 0;
        int relayed = 0;
        for (Call call : calls) {
            connected += call.events().connected() ? 1 : 0;
            if (call.events().upNow()) {
                up++;
                relayed += call.events().relayedNow() ? 1 : 0;
            }
        }
        return new CallsSample(time, calls.size(), connected, up, relayed, stats.restartsInIntervalEnding(time));
    }

    private void startCall(int index) {
        String prefix = "call/" + index + "/";
        RandomGenerator mix = streams.stream(prefix + "mix");
        String callerNatTemplate = fleet.callerNats().pick(mix.nextDouble());
        String calleeNatTemplate = fleet.calleeNats().pick(mix.nextDouble());
        String callerLink = fleet.callerLinks().pick(mix.nextDouble());
        String calleeLink = fleet.calleeLinks().pick(mix.nextDouble());
        RestartPolicy policy = fleet.policies().isEmpty() ? null : fleet.policies().pick(mix.nextDouble());
        int turn = turnServers.isEmpty() ? -1 : assignTurnServer(index, mix);
        String callerName = prefix + callerTemplate.name();
        String calleeName = prefix + calleeTemplate.name();
        CallEvents events = new CallEvents(stats, callerName, calleeName);
        InterruptionTracker toCaller = new InterruptionTracker(scenario.interruptionThresholdNanos(), stats);
        InterruptionTracker toCallee = new InterruptionTracker(scenario.interruptionThresholdNanos(), stats);
        CallNat callerNat = natFor(callerName, callerNatTemplate);
        CallNat calleeNat = natFor(calleeName, calleeNatTemplate);
        Peer caller = peer(callerTemplate, callerName, calleeName, callerLink, callerNat, policy, turn, false, events, toCaller);
        Peer callee = peer(calleeTemplate, calleeName, callerName, calleeLink, calleeNat, policy, turn, true, events, toCallee);
        Call call = new Call(turn, caller, callee, callerNat, calleeNat, events, toCaller, toCallee);
        calls.add(call);
        caller.call();
        caller.startMedia();
        callee.startMedia();
        scheduleCallFaults(call, prefix);
    }

    private int assignTurnServer(int index, RandomGenerator mix) {
        int chosen = switch (fleet.turnAssignment()) {
            case ROUND_ROBIN -> index % turnServers.size();
            case HASH -> Math.floorMod(Long.hashCode(RandomStreams.replicationSeed(0, index)), turnServers.size());
            case LEAST_LOADED -> {
                int best = 0;
                for (int s = 1; s < turnServers.size(); s++) {
                    int live = turnServers.get(s).counters().liveAllocations();
                    int bestLive = turnServers.get(best).counters().liveAllocations();
                    if (live < bestLive || live == bestLive && callsPerTurnServer[s] < callsPerTurnServer[best]) {
                        best = s;
                    }
                }
                yield best;
            }
        };
        callsPerTurnServer[chosen]++;
        return chosen;
    }

    /** The call side's own NAT made from a template, or null for a public address. */
    private CallNat natFor(String peerName, String template) {
        if (FleetSpec.NO_NAT.equals(template)) {
            return null;
        }
        NatSpec model = scenario.nats().get(template);
        NatSpec spec = new NatSpec(peerName + "/nat", model.behavior(), model.behind(), model.publicAddresses(),
                model.firewall());
        return new CallNat(network.addNat(spec), spec);
    }

    private Peer peer(PeerSpec template, String name, String remote, String link, CallNat nat, RestartPolicy policy, int turn,
            boolean callee, CallEvents events, InterruptionTracker arrivals) {
        Host host = new Host(sim, name, streams.stream("host/" + name));
        network.connect(host, template.interfaces().get(0).name(), link, nat == null ? null : nat.spec().name());
        List<String> iceServers = new ArrayList<>(servers.stunNames());
        if (turn >= 0) {
            iceServers.add(turnServers.get(turn).name());
        }
        boolean polite = template.polite().orElse(callee);
        PerfectNegotiation.Role role = !scenario.call().perfectNegotiation() || !polite
                ? PerfectNegotiation.Role.IMPOLITE : PerfectNegotiation.Role.POLITE;
        PeerSetup setup = new PeerSetup(remote, template.profile(), servers.iceServers(iceServers),
                template.relayOnly() ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL,
                policy == null ? template.policy() : policy, role, servers.signalingAddress(), servers.signalingTls(),
                scenario.media(), scenario.mediaDelivery(), PeerSetup.DEFAULT_CONNECTION);
        return new Peer(sim, streams, name, host, setup, events, arrivals);
    }

    /** Link flaps and NAT reboots of one call: Poisson processes from the call's own streams. */
    private void scheduleCallFaults(Call call, String prefix) {
        FleetSpec.FaultRates rates = fleet.faults();
        long end = scenario.durationNanos();
        RandomGenerator flaps = streams.stream(prefix + "link-flap");
        for (long t = nextArrival(sim.now(), rates.linkFlapsPerCallHour(), flaps); t < end;
                t = nextArrival(t, rates.linkFlapsPerCallHour(), flaps)) {
            Peer side = flaps.nextBoolean() ? call.caller() : call.callee();
            String iface = (side == call.caller() ? callerTemplate : calleeTemplate).interfaces().get(0).name();
            sim.scheduleAt(t, () -> {
                fault(call);
                network.accessLink(side.host().name(), iface).setUp(false);
                sim.schedule(rates.linkFlapNanos(), () -> network.accessLink(side.host().name(), iface).setUp(true));
            });
        }
        RandomGenerator reboots = streams.stream(prefix + "nat-reboot");
        for (long t = nextArrival(sim.now(), rates.natRebootsPerCallHour(), reboots); t < end;
                t = nextArrival(t, rates.natRebootsPerCallHour(), reboots)) {
            CallNat nat = reboots.nextBoolean() ? call.callerNat() : call.calleeNat();
            if (nat != null) {
                sim.scheduleAt(t, () -> {
                    fault(call);
                    nat.nat().reboot(network.freshAddressesFor(nat.spec()));
                });
            }
        }
    }

    /** TURN server crashes over the whole fleet, each server equally likely, back after the down time. */
    private void scheduleTurnCrashes(long end) {
        FleetSpec.FaultRates rates = fleet.faults();
        if (turnServers.isEmpty()) {
            return;
        }
        RandomGenerator crashes = streams.stream("fleet/turn-crash");
        for (long t = nextArrival(0, rates.turnCrashesPerHour(), crashes); t < end;
                t = nextArrival(t, rates.turnCrashesPerHour(), crashes)) {
            int crashed = crashes.nextInt(turnServers.size());
            TurnServer server = turnServers.get(crashed);
            sim.scheduleAt(t, () -> {
                if (!server.isRunning()) {
                    return;
                }
                stats.fault();
                // Every call given this server is hit, whether or not its media is relayed now.
                for (Call call : calls) {
                    if (call.turnServer() == crashed) {
                        call.toCaller().fault(sim.now());
                        call.toCallee().fault(sim.now());
                    }
                }
                server.crash();
                sim.schedule(rates.turnDownNanos(), server::restart);
            });
        }
    }

    private void fault(Call call) {
        stats.fault();
        call.toCaller().fault(sim.now());
        call.toCallee().fault(sim.now());
    }

    /** The next instant of a Poisson process of {@code perHour} after {@code t}; never for a rate of 0. */
    private static long nextArrival(long t, double perHour, RandomGenerator random) {
        if (perHour <= 0) {
            return Long.MAX_VALUE;
        }
        double gap = -Math.log(1 - random.nextDouble()) * NANOS_PER_HOUR / perHour;
        return gap >= Long.MAX_VALUE - t ? Long.MAX_VALUE : t + Math.max(1, (long) gap);
    }

    private RunResult metrics() {
        RunResult result = new RunResult();
        result.putCount(Metric.CALLS, calls.size());
        result.putCount(Metric.CALLS_CONNECTED, calls.stream().filter(c -> c.events().connected()).count());
        result.putCount(Metric.CALLS_UP_AT_END, calls.stream().filter(c -> c.events().upNow()).count());
        result.putCount(Metric.CALLS_RELAYED_AT_END, calls.stream()
                .filter(c -> c.events().upNow() && c.events().relayedNow()).count());
        result.putCount(Metric.USED_TURN, turnServers.stream().anyMatch(s -> s.counters().relayedBytes() > 0) ? 1 : 0);
        stats.putInto(result);
        result.putCount(Metric.STUN_CHECKS_SENT, calls.stream()
                .mapToLong(c -> c.caller().transport().checksSent() + c.callee().transport().checksSent()).sum());
        result.putCount(Metric.TURN_ALLOCATIONS, turnServers.stream().mapToLong(s -> s.counters().allocationsCreated()).sum());
        result.putCount(Metric.SIGNALING_MESSAGES, servers.signalingServers().values().stream()
                .mapToLong(SignalingServer::messagesRelayed).sum());
        result.putCount(Metric.BYTES_RELAYED, turnServers.stream().mapToLong(s -> s.counters().relayedBytes()).sum());
        return result;
    }

    /** Per server and interval, with the fleet's restarts of the interval (load.csv adds the fleet's totals). */
    private List<LoadSample> loadSamples(TurnLoadSampler sampler) {
        return sampler.samples().stream().map(sample -> new LoadSample(sample.timeNanos(), sample.server(),
                sample.liveAllocations(), sample.allocationsCreated(), sample.relayedBytes(),
                stats.restartsInIntervalEnding(sample.timeNanos()), sample.relayedPackets())).toList();
    }
}
