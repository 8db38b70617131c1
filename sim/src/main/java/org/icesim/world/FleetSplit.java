package org.icesim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.FleetSpec;
import org.icesim.scenario.NatSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ServerSpec;

/**
 * Whether a fleet can run split by TURN server over several threads (or Spark tasks) with results identical to a
 * run on one thread, and into how many parts.
 *
 * <p>Why the split is exact when {@link #whyNot} finds nothing. Each part builds the same world
 * (same servers, same NAT templates, same streams of the run seed) and runs the calls of its
 * TURN servers. Then:
 * <ul>
 *   <li>A call's TURN server depends only on its index (round-robin or hash), and a call talks
 *       only to its own peer, every STUN server, the signaling server and its TURN server.</li>
 *   <li>Every draw of a call comes from its own streams ({@code call/<i>/…}, its peers', hosts',
 *       links' and NATs'); a TURN server's draws come from its own stream and only its calls
 *       reach it; the fleet's TURN crashes are drawn whole in every part, and each part applies
 *       those of its own servers.</li>
 *   <li>The servers every call shares keep nothing that one call's traffic changes for another:
 *       a STUN server answers each request from the request alone; the signaling server keeps
 *       state per peer name; their links only delay (checked here), so no draw and no queue is
 *       shared; the core router only looks routes up. The one shared draw is the signaling
 *       server's TCP initial sequence number per connection, which differs between the runs, and
 *       TCP works with offsets from it modulo 2^32 (RFC 9293 §3.4; {@code TcpConnection} keeps
 *       offsets and only puts the ISN on the wire), so nothing a run reports depends on it.</li>
 *   <li>Addresses come from world-wide counters; a part takes the addresses of every other
 *       part's call when the whole fleet gives them (at its start and at each NAT reboot with a
 *       new address, both drawn from the call's own streams before it runs), so each call has the
 *       same addresses. NATs behind another NAT would share that NAT (checked here).</li>
 *   <li>The simulator runs events in (time, sequence) order; a part's events are scheduled in
 *       the same relative order as in the whole run, so among themselves they run in the same
 *       order — simultaneous events of different parts can only be ordered against each other,
 *       which nothing of a part sees. Only the event log and a packet capture interleave the
 *       parts, so a run with either runs whole.</li>
 * </ul>
 * {@code FleetSplitTest} runs fleets both ways and compares the result files byte for byte.
 */
public final class FleetSplit {

    private FleetSplit() {
    }

    /**
     * How many parts the fleet of {@code scenario} runs in under {@code options} when up to {@code most} are
     * asked for (threads of this JVM, or tasks of a Spark job): 1 unless it can be split exactly, and never
     * more than {@link #maxParts}.
     */
    public static int parts(Scenario scenario, RunOptions options, int most) {
        if (most == 1 || scenario.fleet().isEmpty() || whyNot(scenario, options).isPresent()) {
            return 1;
        }
        return Math.min(most, maxParts(scenario));
    }

    /** The most parts a splittable fleet runs in: one per TURN server. */
    public static int maxParts(Scenario scenario) {
        return turnServers(scenario).size();
    }

    /**
     * Why the fleet of {@code scenario} cannot be split over threads exactly under {@code options}
     * (every reason, joined by "; "); empty when it can, or when the scenario has no fleet.
     */
    public static Optional<String> whyNot(Scenario scenario, RunOptions options) {
        if (scenario.fleet().isEmpty()) {
            return Optional.empty();
        }
        FleetSpec fleet = scenario.fleet().get();
        List<String> reasons = new ArrayList<>();
        if (fleet.turnAssignment() == FleetSpec.TurnAssignment.LEAST_LOADED) {
            reasons.add("fleet.turn-assignment least-loaded gives a call the server with the fewest live allocations "
                    + "when it starts, which every call before it changes (round-robin and hash depend on the call alone)");
        }
        int turn = turnServers(scenario).size();
        if (turn < 2) {
            reasons.add("calls are split by TURN server and the fleet has " + turn);
        }
        for (ServerSpec server : scenario.servers().values()) {
            if (!(server instanceof ServerSpec.Turn) && server.link().isPresent()) {
                String link = server.link().get();
                sharedDraws(scenario.links().get(link)).ifPresent(what -> reasons.add("server " + server.name()
                        + ", which every call uses, is on link '" + link + "' with " + what + " that all calls share"));
            }
        }
        for (String template : natTemplates(fleet)) {
            NatSpec nat = scenario.nats().get(template);
            nat.behind().ifPresent(outer -> reasons.add("NAT '" + template + "' sits behind '" + outer
                    + "', which every call with that NAT shares"));
        }
        if (options.events()) {
            reasons.add("--events lists the events of all calls in the one order they ran in");
        }
        if (options.pcap() != null) {
            reasons.add("--pcap captures the packets of all calls in the one order they ran in");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** What of a link's properties draws per packet or queues packets, if any. */
    private static Optional<String> sharedDraws(LinkParams link) {
        List<String> shared = new ArrayList<>();
        if (!(link.jitter() instanceof Jitter.None)) {
            shared.add("jitter");
        }
        if (!(link.loss() instanceof LossModel.None)) {
            shared.add("loss");
        }
        if (link.bandwidthBitsPerSecond() != LinkParams.UNLIMITED_BANDWIDTH) {
            shared.add("a bandwidth limit (a queue)");
        }
        return shared.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", shared));
    }

    private static List<String> natTemplates(FleetSpec fleet) {
        List<String> names = new ArrayList<>();
        for (String name : fleet.callerNats().values()) {
            if (!FleetSpec.NO_NAT.equals(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        for (String name : fleet.calleeNats().values()) {
            if (!FleetSpec.NO_NAT.equals(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The TURN servers' names in the scenario's order, which is the order of their positions. */
    static List<String> turnServers(Scenario scenario) {
        return scenario.servers().values().stream().filter(ServerSpec.Turn.class::isInstance).map(ServerSpec::name).toList();
    }
}
