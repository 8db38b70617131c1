package org.icesim.testbed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.media.MediaSpec;
import org.icesim.nat.FilteringBehavior;
import org.icesim.nat.MappingBehavior;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.NatSpec;
import org.icesim.scenario.yaml.Problems;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.signaling.SignalingTransport;
import org.icesim.turn.TurnTransport;

/**
 * Says which parts of a scenario the real testbed cannot reproduce, each located in its file:
 * keys it has no real counterpart for (a key, not a default, so a scenario that leaves them out
 * runs) and values outside what Linux conntrack, iptables, the delay helper and coturn do.
 * Nothing is ignored silently: a scenario either runs as written or is refused with the list.
 */
public final class TestbedSupport {

    private static final Set<String> TOP = Set.of("name", "description", "extends", "duration", "seeds", "seed", "sweep",
            "servers", "nats", "links", "peers", "call", "media", "timeline", "metrics");
    /** The signaling client keys the testbed hands its long-poll clients (Launches.peerConfig) and server. */
    private static final Set<String> SERVER = Set.of("type", "link", "transports", "users", "realm", "hold-messages",
            "client", "request-timeout", "poll-timeout", "poll-hold", "retry-initial", "retry-factor", "retry-max",
            "keep-alive", "response-writes", "client-ack-delay");
    private static final Set<String> NAT = Set.of("preset", "mapping", "filtering", "port-allocation", "timeout",
            "tcp-timeout", "ports", "firewall", "hairpinning", "refresh-on-inbound");
    private static final Set<String> LINK = Set.of("delay", "jitter", "loss", "bandwidth", "queue", "up", "reorder");
    // processing: the simulated stack's own time; a real stack takes its own.
    private static final Set<String> PEER = Set.of("interfaces", "profile", "policy", "polite", "ice-transport-policy",
            "ice-servers", "processing");
    private static final Set<String> INTERFACE = Set.of("name", "link", "behind");
    private static final Set<String> CALL = Set.of("caller", "callee", "at", "perfect-negotiation");
    private static final Set<String> MEDIA = Set.of("audio", "video", "mode", "sample-interval");
    private static final Set<String> METRICS = Set.of("interruption-threshold");
    private static final Set<String> ACTION = Set.of("at", "every", "until", "action", "peer", "interface", "set", "nat",
            "new-address", "server", "duration", "in-flight", "mode");
    /** Linux's TCP_DELACK_MIN (include/net/tcp.h, HZ/25): the peers' delayed ACK on the testbed. */
    static final long LINUX_DELAYED_ACK_NANOS = 40_000_000L;
    /** Opus, the browsers' audio codec, sends one packet per 20 ms frame. */
    static final int AUDIO_PACKETS_PER_SECOND = 50;

    private TestbedSupport() {
    }

    /**
     * @param tree     one sweep point's tree (locations of its keys)
     * @param scenario the same point, bound
     * @throws ScenarioException listing every key or value the testbed cannot reproduce
     */
    public static void check(YamlNode.YamlMap tree, Scenario scenario) throws ScenarioException {
        Problems problems = new Problems();
        keys(tree, "", TOP, problems);
        each(tree, "servers", SERVER, problems);
        each(tree, "nats", NAT, problems);
        each(tree, "links", LINK, problems);
        each(tree, "peers", PEER, problems);
        if (tree.get("peers") instanceof YamlNode.YamlMap peers) {
            peers.entries().forEach((name, entry) -> {
                if (entry.value() instanceof YamlNode.YamlMap peer && peer.get("interfaces") instanceof YamlNode.YamlList list) {
                    items(list, "peers." + name + ".interfaces", INTERFACE, problems);
                }
            });
        }
        if (tree.get("call") instanceof YamlNode.YamlMap call) {
            keys(call, "call", CALL, problems);
        }
        if (tree.get("media") instanceof YamlNode.YamlMap media) {
            keys(media, "media", MEDIA, problems);
        }
        if (tree.get("metrics") instanceof YamlNode.YamlMap metrics) {
            keys(metrics, "metrics", METRICS, problems);
        }
        if (tree.get("timeline") instanceof YamlNode.YamlList timeline) {
            items(timeline, "timeline", ACTION, problems);
            for (int i = 0; i < timeline.items().size(); i++) {
                if (timeline.items().get(i) instanceof YamlNode.YamlMap action) {
                    if (action.get("set") instanceof YamlNode.YamlMap set) {
                        keys(set, "timeline." + i + ".set", LINK, problems);
                    }
                    if (action.get("interface") instanceof YamlNode.YamlMap iface) {
                        keys(iface, "timeline." + i + ".interface", INTERFACE, problems);
                    }
                    if (action.get("mode") instanceof YamlNode.YamlScalar mode && "crash".equals(mode.text())) {
                        problems.add(action.entries().get("mode").keyLocation(), "timeline." + i + ".mode",
                                "the testbed's signaling outage is a drop rule for the server's port (NetworkPlan."
                                        + "signalingBlock): the server keeps its state; use mode: unreachable");
                    }
                    if (action.get("in-flight") instanceof YamlNode.YamlScalar inFlight && "deliver".equals(inFlight.text())) {
                        problems.add(action.entries().get("in-flight").keyLocation(), "timeline." + i + ".in-flight",
                                "the delay helper drops the packets it holds when its link goes down (nfqdelay.c, "
                                        + "drop_held), as Linux drops an interface's queue: use drop");
                    }
                }
            }
        }
        values(tree, scenario, problems);
        problems.throwIfAny();
    }

    private static void values(YamlNode.YamlMap tree, Scenario scenario, Problems problems) {
        scenario.links().forEach((name, params) -> link(tree, "links." + name, params, problems));
        scenario.nats().forEach((name, nat) -> nat(tree, "nats." + name, nat, problems));
        scenario.servers().forEach((name, server) -> {
            if (server instanceof org.icesim.scenario.ServerSpec.Turn turn
                    && turn.config().transports().contains(TurnTransport.TLS)) {
                problems.add(at(tree, "servers." + name + ".transports"), "servers." + name + ".transports",
                        "TURN over TLS is not set up by the testbed (coturn would need a certificate); use udp and tcp");
            }
            if (server instanceof org.icesim.scenario.ServerSpec.Signaling signaling) {
                signalingServer(tree, "servers." + name, signaling, problems);
            }
        });
        if (!scenario.call().perfectNegotiation()) {
            problems.add(at(tree, "call.perfect-negotiation"), "call.perfect-negotiation",
                    "the testbed's peers always run perfect negotiation");
        }
        for (MediaSpec media : scenario.media()) {
            if (media instanceof MediaSpec.Audio audio && audio.packetsPerSecond() != AUDIO_PACKETS_PER_SECOND) {
                problems.add(at(tree, "media.audio"), "media.audio", "real audio is Opus with 20 ms frames, "
                        + AUDIO_PACKETS_PER_SECOND + " packets per second, not " + audio.packetsPerSecond());
            }
        }
        if (scenario.fleet().isPresent()) {
            problems.add(at(tree, "fleet"), "fleet", "the testbed runs one two-party call, not a fleet");
        }
    }

    private static void signalingServer(YamlNode.YamlMap tree, String path, org.icesim.scenario.ServerSpec.Signaling signaling,
            Problems problems) {
        if (!signaling.holdMessages()) {
            problems.add(at(tree, path + ".hold-messages"), path + ".hold-messages",
                    "the testbed's signaling server always holds messages for an absent peer");
        }
        if (signaling.transport() instanceof SignalingTransport.Stream) {
            // Without a client key the testbed runs its long-poll clients as it always has; a
            // stream client, or its parameters, it cannot reproduce.
            for (String key : List.of("client", "request-timeout", "retry-initial", "retry-factor", "retry-max")) {
                if (hasKey(tree, path + "." + key)) {
                    problems.add(at(tree, path + "." + key), path + "." + key, "the testbed's clients (page/peer.js, "
                            + "pion/signaling.go) speak HTTP long-poll only: use client: long-poll");
                }
            }
        }
        if (signaling.transport() instanceof SignalingTransport.LongPoll poll) {
            if (!poll.keepAlive()) {
                problems.add(at(tree, path + ".keep-alive"), path + ".keep-alive",
                        "browsers' fetch and Go's http.Client reuse idle connections; the clients cannot turn that off");
            }
            if (hasKey(tree, path + ".response-writes") && !poll.headThenBody()) {
                problems.add(at(tree, path + ".response-writes"), path + ".response-writes",
                        "the testbed's server (JDK com.sun.net.httpserver) writes a response's head, then its body");
            }
            if (hasKey(tree, path + ".client-ack-delay") && poll.clientAckDelayNanos() != LINUX_DELAYED_ACK_NANOS) {
                problems.add(at(tree, path + ".client-ack-delay"), path + ".client-ack-delay",
                        "the peers' Linux TCP delays an ACK by TCP_DELACK_MIN, 40ms");
            }
        }
    }

    private static void link(YamlNode.YamlMap tree, String path, LinkParams params, Problems problems) {
        if (!(params.jitter() instanceof Jitter.None) && !(params.jitter() instanceof Jitter.HalfNormal)) {
            problems.add(at(tree, path + ".jitter"), path + ".jitter",
                    "the delay helper draws half-normal jitter only (a plain duration), not " + params.jitter());
        }
        if (!(params.loss() instanceof LossModel.None) && !(params.loss() instanceof LossModel.Bernoulli)) {
            problems.add(at(tree, path + ".loss"), path + ".loss",
                    "iptables' statistic match drops at random (Bernoulli) only, not " + params.loss());
        }
        if (params.reorder()) {
            problems.add(at(tree, path + ".reorder"), path + ".reorder", "the delay helper never reorders packets");
        }
    }

    private static void nat(YamlNode.YamlMap tree, String path, NatSpec nat, Problems problems) {
        NatBehavior behavior = nat.behavior();
        if (behavior.mapping() == MappingBehavior.ADDRESS_DEPENDENT) {
            problems.add(at(tree, path), path, "Linux MASQUERADE maps endpoint-independently, or per 5-tuple with "
                    + "--random-fully (address-and-port-dependent); address-dependent mapping has no counterpart");
        }
        if (behavior.filtering() != FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT) {
            problems.add(at(tree, path), path, "conntrack admits only replies to a flow (address-and-port-dependent "
                    + "filtering); " + behavior.filtering() + " filtering has no counterpart");
        }
        if (!behavior.refreshOnInbound()) {
            problems.add(at(tree, path + ".refresh-on-inbound"), path + ".refresh-on-inbound",
                    "conntrack refreshes a flow on packets of both directions");
        }
        if (nat.behind().isPresent() || nat.publicAddresses() != 1) {
            problems.add(at(tree, path), path, "the testbed builds single NATs with one public address (no chains, no pools)");
        }
    }

    private static void each(YamlNode.YamlMap tree, String section, Set<String> allowed, Problems problems) {
        if (tree.get(section) instanceof YamlNode.YamlMap map) {
            map.entries().forEach((name, entry) -> {
                if (entry.value() instanceof YamlNode.YamlMap item) {
                    keys(item, section + "." + name, allowed, problems);
                }
            });
        }
    }

    private static void items(YamlNode.YamlList list, String path, Set<String> allowed, Problems problems) {
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof YamlNode.YamlMap item) {
                keys(item, path + "." + i, allowed, problems);
            }
        }
    }

    private static void keys(YamlNode.YamlMap map, String path, Set<String> allowed, Problems problems) {
        for (Map.Entry<String, YamlNode.Entry> entry : map.entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                problems.add(entry.getValue().keyLocation(), key, "the real-stack testbed cannot reproduce this key; "
                        + "it reproduces " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** Whether the key path exists in the tree. */
    private static boolean hasKey(YamlNode.YamlMap tree, String path) {
        YamlNode node = tree;
        for (String part : path.split("\\.")) {
            if (!(node instanceof YamlNode.YamlMap map) || !map.entries().containsKey(part)) {
                return false;
            }
            node = map.get(part);
        }
        return true;
    }

    /** Where a key path stands in the tree: the deepest node along it that exists. */
    static SourceLocation at(YamlNode.YamlMap tree, String path) {
        YamlNode node = tree;
        SourceLocation location = tree.location();
        for (String part : List.of(path.split("\\."))) {
            if (node instanceof YamlNode.YamlMap map && map.entries().containsKey(part)) {
                location = map.entries().get(part).keyLocation();
                node = map.get(part);
            } else {
                break;
            }
        }
        return location;
    }
}
