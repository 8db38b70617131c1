package org.icesim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.app.Peer;
import org.icesim.app.RestartPolicy;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.CallEvents;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.EventSink;
import org.icesim.metrics.FleetStats;
import org.icesim.metrics.InterruptionTracker;
import org.icesim.net.Host;
import org.icesim.net.InFlight;
import org.icesim.scenario.FleetSpec;
import org.icesim.scenario.NatSpec;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.TimelineAction;
import org.icesim.turn.TurnLoadSample;
import org.icesim.turn.TurnLoadSampler;
import org.icesim.turn.TurnServer;

/**
 * One run of a fleet scenario: many calls made from the scenario's two peers as templates, on
 * one network with shared STUN, TURN and signaling servers, random faults, and figures gathered
 * as they happen (nothing per packet is kept, and nothing per event unless the run options ask
 * for the event log, so 10 000 calls fit in a few GB).
 *
 * <p>Call <i>i</i> draws its NATs, links and policy from {@code call/<i>/mix} and its faults
 * from {@code call/<i>/link-flap} and {@code call/<i>/nat-reboot}; its peers are named
 * {@code call/<i>/<template>}, so their own streams are too. A call's draws depend only on the
 * run seed and its index. The call's peers are built when it starts. A random fault is a timeline
 * action (link-down and link-up, nat-reboot, server-crash and server-restart) applied as a
 * scenario's timeline applies it.
 *
 * <p>A world may run one {@link FleetPart part} of the fleet: the calls given the part's TURN
 * servers, and those servers' crashes. It takes the addresses of the other calls when the whole
 * fleet gives them out (at their start and at each NAT reboot), so its own calls get the same
 * addresses as in the whole fleet; {@link FleetSplit} says why the parts then run exactly as
 * they do together.
 */
final class FleetWorld extends World {
    /** Load samples (and the restart-storm counts) every second when the run options ask for none. */
    private static final long DEFAULT_INTERVAL_NANOS = Durations.NANOS_PER_SECOND;
    private static final double NANOS_PER_HOUR = 3600.0 * Durations.NANOS_PER_SECOND;

    private final FleetSpec fleet;
    private final FleetPart part;
    /** The calls counted at the end of every load interval, as the run goes. */
    private final List<CallsSample> callsOverTime = new ArrayList<>();
    private final List<TurnServer> turnServers;
    private final int[] callsPerTurnServer;
    private final PeerSpec callerTemplate;
    private final PeerSpec calleeTemplate;
    private final FleetStats stats;
    private final List<Call> calls = new ArrayList<>();

    /** One call: its two peers, the names of their own NATs (null for a public address), and its figures. */
    private record Call(int turnServer, Peer caller, Peer callee, String callerNat, String calleeNat,
            CallEvents events, InterruptionTracker toCaller, InterruptionTracker toCallee) {
    }

    /** What call <i>i</i> drew from {@code call/<i>/mix}: its NAT and link templates and its policy (null: the templates'). */
    private record CallMix(String callerNat, String calleeNat, String callerLink, String calleeLink, RestartPolicy policy) {
    }

    FleetWorld(Scenario scenario, long seed, RunOptions options, FleetPart part) {
        super(scenario, seed, options, false);
        this.fleet = scenario.fleet().orElseThrow();
        this.part = part;
        this.turnServers = List.copyOf(servers.turnServers().values());
        this.callsPerTurnServer = new int[turnServers.size()];
        this.callerTemplate = scenario.peers().get(scenario.call().caller());
        this.calleeTemplate = scenario.peers().get(scenario.call().callee());
        this.stats = new FleetStats(options.loadIntervalNanos() > 0 ? options.loadIntervalNanos() : DEFAULT_INTERVAL_NANOS);
    }

    @Override
    protected void start() {
        long end = scenario.durationNanos();
        for (int i = 0; i < fleet.calls(); i++) {
            int index = i;
            long startAt = scenario.call().startNanos() + fleet.rampNanos() * i / fleet.calls();
            if (startAt < end) {
                sim.scheduleAt(startAt, ownsCall(index) ? () -> startCall(index) : () -> passOver(index));
            }
        }
        scheduleTurnCrashes(end);
    }

    /**
     * Runs to {@code end} one step (a load interval, or a second) at a time: no event is added, so
     * the run is the same as in one go. After each step the run's progress is told, and with load
     * sampling on the calls are counted at the end of every whole interval, as the TURN servers are.
     */
    @Override
    protected void runTo(long end) {
        boolean sampling = options.loadIntervalNanos() > 0;
        long step = sampling ? options.loadIntervalNanos() : DEFAULT_INTERVAL_NANOS;
        for (long t = Math.min(step, end); ; t = end - t > step ? t + step : end) {
            sim.runUntil(t);
            if (sampling && t % step == 0) {
                callsOverTime.add(callsAt(t));
            }
            options.progress().advanced(t, end, sim.eventsRun());
            if (t == end) {
                return;
            }
        }
    }

    @Override
    protected void finish() {
        for (Call call : calls) {
            call.toCaller().finish(scenario.durationNanos());
            call.toCallee().finish(scenario.durationNanos());
        }
    }

    /** Plays the fleet (or this world's part of it) to its end and returns its figures. */
    FleetTally run() {
        TurnLoadSampler sampler = simulate();
        List<TurnLoadSample> load = new ArrayList<>();
        if (sampler != null) {
            for (int s = 0; s < turnServers.size(); s++) {
                if (part.owns(s)) {
                    load.addAll(sampler.samples(turnServers.get(s).name()));
                }
            }
        }
        boolean usedTurn = turnServers.stream().anyMatch(s -> s.counters().relayedBytes() > 0);
        return new FleetTally(stats, callsOverTime, callsAt(scenario.durationNanos()), usedTurn, counters(), load,
                loggedEvents(), effort());
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
        CallMix mix = drawMix(prefix);
        int turn = turnServers.isEmpty() ? -1 : assignTurnServer(index);
        String callerName = prefix + callerTemplate.name();
        String calleeName = prefix + calleeTemplate.name();
        CallEvents events = new CallEvents(stats, callerName, calleeName);
        EventSink peerEvents = keepsLog() ? tee(events, log()) : events;
        InterruptionTracker toCaller = new InterruptionTracker(scenario.interruptionThresholdNanos(), stats);
        InterruptionTracker toCallee = new InterruptionTracker(scenario.interruptionThresholdNanos(), stats);
        String callerNat = natFor(callerName, mix.callerNat());
        String calleeNat = natFor(calleeName, mix.calleeNat());
        Peer caller = peer(callerTemplate, callerName, calleeName, mix.callerLink(), callerNat, mix.policy(), turn, false,
                peerEvents, toCaller);
        Peer callee = peer(calleeTemplate, calleeName, callerName, mix.calleeLink(), calleeNat, mix.policy(), turn, true,
                peerEvents, toCallee);
        Call call = new Call(turn, caller, callee, callerNat, calleeNat, events, toCaller, toCallee);
        calls.add(call);
        caller.call();
        caller.startMedia();
        callee.startMedia();
        scheduleCallFaults(call, prefix);
    }

    private CallMix drawMix(String prefix) {
        RandomGenerator mix = streams.stream(prefix + "mix");
        String callerNat = fleet.callerNats().pick(mix.nextDouble());
        String calleeNat = fleet.calleeNats().pick(mix.nextDouble());
        String callerLink = fleet.callerLinks().pick(mix.nextDouble());
        String calleeLink = fleet.calleeLinks().pick(mix.nextDouble());
        RestartPolicy policy = fleet.policies().isEmpty() ? null : fleet.policies().pick(mix.nextDouble());
        return new CallMix(callerNat, calleeNat, callerLink, calleeLink, policy);
    }

    private boolean ownsCall(int index) {
        return part.isWhole() || part.owns(staticTurnServer(fleet.turnAssignment(), index, turnServers.size()));
    }

    private int assignTurnServer(int index) {
        int chosen = fleet.turnAssignment() == FleetSpec.TurnAssignment.LEAST_LOADED ? leastLoaded()
                : staticTurnServer(fleet.turnAssignment(), index, turnServers.size());
        callsPerTurnServer[chosen]++;
        return chosen;
    }

    /** The TURN server of call {@code index} under an assignment that depends only on the index. */
    static int staticTurnServer(FleetSpec.TurnAssignment assignment, int index, int servers) {
        return switch (assignment) {
            case ROUND_ROBIN -> index % servers;
            case HASH -> Math.floorMod(Long.hashCode(RandomStreams.replicationSeed(0, index)), servers);
            case LEAST_LOADED -> throw new IllegalArgumentException("least-loaded depends on the servers' live load, not "
                    + "on the call's index");
        };
    }

    private int leastLoaded() {
        int best = 0;
        for (int s = 1; s < turnServers.size(); s++) {
            int live = turnServers.get(s).counters().liveAllocations();
            int bestLive = turnServers.get(best).counters().liveAllocations();
            if (live < bestLive || live == bestLive && callsPerTurnServer[s] < callsPerTurnServer[best]) {
                best = s;
            }
        }
        return best;
    }

    /**
     * A call another part runs: takes the addresses it takes in the whole fleet when it takes them
     * — its NATs' public addresses and its hosts' addresses now, as {@link #startCall} does, and
     * a NAT's new addresses at each reboot — and nothing else of it is built.
     */
    private void passOver(int index) {
        String prefix = "call/" + index + "/";
        CallMix mix = drawMix(prefix);
        String callerNat = FleetSpec.NO_NAT.equals(mix.callerNat()) ? null : mix.callerNat();
        String calleeNat = FleetSpec.NO_NAT.equals(mix.calleeNat()) ? null : mix.calleeNat();
        // The address pools are separate, so the counts taken from each are what matters.
        network.skipAddresses(publicAddressesOf(callerNat) + publicAddressesOf(calleeNat),
                (callerNat == null ? 0 : 1) + (calleeNat == null ? 0 : 1));
        forEachNatReboot(prefix, callerNat, calleeNat, (nat, t) ->
                sim.scheduleAt(t, () -> network.skipAddresses(publicAddressesOf(nat), 0)));
    }

    /** Public addresses a side behind a NAT made from {@code natTemplate} takes (its host's own: 1 when null). */
    private int publicAddressesOf(String natTemplate) {
        return natTemplate == null ? 1 : scenario.nats().get(natTemplate).publicAddresses();
    }

    /** The name of the call side's own NAT, made from a template; null for a public address. */
    private String natFor(String peerName, String template) {
        if (FleetSpec.NO_NAT.equals(template)) {
            return null;
        }
        NatSpec model = scenario.nats().get(template);
        NatSpec spec = new NatSpec(peerName + "/nat", model.behavior(), model.behind(), model.publicAddresses(),
                model.firewall());
        network.addNat(spec);
        return spec.name();
    }

    private Peer peer(PeerSpec template, String name, String remote, String link, String nat, RestartPolicy policy, int turn,
            boolean callee, EventSink events, InterruptionTracker arrivals) {
        Host host = peerFactory.host(name);
        network.connect(host, template.interfaces().get(0).name(), link, nat);
        List<String> iceServers = new ArrayList<>(servers.stunNames());
        if (turn >= 0) {
            iceServers.add(turnServers.get(turn).name());
        }
        Peer peer = peerFactory.build(template, name, host, remote, callee, iceServers,
                policy == null ? template.policy() : policy, events, arrivals);
        peers.put(name, peer);
        return peer;
    }

    /** Both: the call's figures, then the run's event log. */
    private static EventSink tee(EventSink first, EventSink second) {
        return (timeNanos, node, detail) -> {
            first.record(timeNanos, node, detail);
            second.record(timeNanos, node, detail);
        };
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
            long at = t;
            sim.scheduleAt(t, () -> {
                fault(call);
                faults.applyFor(new TimelineAction.LinkDown(at, side.host().name(), iface, InFlight.DROP), rates.linkFlapNanos(),
                        new TimelineAction.LinkUp(at + rates.linkFlapNanos(), side.host().name(), iface));
            });
        }
        forEachNatReboot(prefix, call.callerNat(), call.calleeNat(), (nat, t) -> {
            TimelineAction reboot = new TimelineAction.NatReboot(t, nat, true);
            sim.scheduleAt(t, () -> {
                fault(call);
                faults.apply(reboot);
            });
        });
    }

    /**
     * The NAT reboots of a call, drawn from its own stream: a Poisson process whose every arrival
     * picks the caller's or the callee's side; {@code reboot} gets the side's NAT and the instant
     * (a side without a NAT, null, is left alone).
     */
    private void forEachNatReboot(String prefix, String callerNat, String calleeNat, ObjLongConsumer<String> reboot) {
        double perHour = fleet.faults().natRebootsPerCallHour();
        RandomGenerator reboots = streams.stream(prefix + "nat-reboot");
        for (long t = nextArrival(sim.now(), perHour, reboots); t < scenario.durationNanos(); t = nextArrival(t, perHour, reboots)) {
            String nat = reboots.nextBoolean() ? callerNat : calleeNat;
            if (nat != null) {
                reboot.accept(nat, t);
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
            if (!part.owns(crashed)) {
                continue;
            }
            TurnServer server = turnServers.get(crashed);
            TimelineAction crash = new TimelineAction.ServerCrash(t, server.name());
            TimelineAction restart = new TimelineAction.ServerRestart(t + rates.turnDownNanos(), server.name());
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
                faults.applyFor(crash, rates.turnDownNanos(), restart);
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
        double gap = -StrictMath.log(1 - random.nextDouble()) * NANOS_PER_HOUR / perHour;
        return gap >= Long.MAX_VALUE - t ? Long.MAX_VALUE : t + Math.max(1, (long) gap);
    }
}
