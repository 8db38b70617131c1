package org.icesim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.icesim.app.PeerSetup;
import org.icesim.app.Processing;
import org.icesim.app.RestartPolicy;
import org.icesim.ice.IceProfile;
import org.icesim.media.MediaDelivery;
import org.icesim.media.MediaSpec;
import org.icesim.metrics.CallMetrics;
import org.icesim.net.LinkParams;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Problems;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.Suggestions;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.turn.TurnServerConfig;
import org.icesim.turn.TurnTransport;

/**
 * Turns one scenario tree (after extends and one sweep point) into a checked {@link Scenario},
 * collecting every problem — types, ranges, unknown keys, references to things that do not
 * exist, impossible timelines — before anything runs. The keys are documented in
 * {@code scenarios/README.md}.
 */
final class ScenarioBinder {

    /** A run may simulate at most this long. */
    static final long MAX_DURATION_NANOS = 7L * 24 * 3600 * 1_000_000_000L;

    private final Problems problems = new Problems();

    static Scenario bind(YamlNode.YamlMap root) throws ScenarioException {
        ScenarioBinder binder = new ScenarioBinder();
        Scenario scenario = binder.scenario(new MapView(root, "", binder.problems));
        binder.problems.throwIfAny();
        return scenario;
    }

    private Scenario scenario(MapView top) {
        String name = top.required("name", "unnamed", "a short name for the scenario", Function.identity());
        String description = top.string("description", "");
        long duration = top.required("duration", 0L, Quantities.DURATION_FORM, Quantities::duration);
        if (duration <= 0 || duration > MAX_DURATION_NANOS) {
            top.problem("duration", "must be more than 0 and at most 7 days");
        }
        int seeds = (int) top.integer("seeds", 1, 1, 1_000_000);
        long baseSeed = top.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);

        Map<String, LinkParams> links = named(top, "links", (linkName, view) -> LinkSpecs.read(view));
        Map<String, NatSpec> nats = named(top, "nats", NatSpecs::read);
        Map<String, ServerSpec> servers = named(top, "servers", this::server);
        Map<String, PeerSpec> peers = named(top, "peers", this::peer);
        CallSpec call = call(top, peers);
        MediaSection media = media(top);
        long threshold = top.map("metrics").map(m -> {
            long t = m.duration("interruption-threshold", CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);
            m.finish();
            return t;
        }).orElse(CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);
        if (media.delivery().mode() == MediaDelivery.Mode.FLUID && media.delivery().sampleIntervalNanos() * 2 > threshold) {
            // Media produced after the last sample has not arrived yet: with a longer interval a
            // flowing stream would look interrupted at the end of the run.
            top.problem("media", "sample-interval (" + Quantities.formatDuration(media.delivery().sampleIntervalNanos())
                    + ") must be at most half of metrics.interruption-threshold (" + Quantities.formatDuration(threshold) + ")");
        }
        List<TimelineAction> timeline = new ArrayList<>();
        List<AnchoredAction> anchored = new ArrayList<>();
        timeline(top, duration, peers, links, nats, servers, timeline, anchored);
        Optional<FleetSpec> fleet = top.map("fleet").map(view -> FleetReader.read(view, links, nats, peers, call));
        if (fleet.isPresent() && !(timeline.isEmpty() && anchored.isEmpty())) {
            top.problem("timeline", "a fleet has random faults (fleet.faults) instead of a timeline; remove one of them");
        }
        top.node("sweep");
        top.node("extends");
        top.finish();

        References refs = new References(top, links, nats, servers, peers);
        refs.check();
        return new Scenario(name, description, duration, seeds, baseSeed, links, nats, servers, peers, call,
                media.streams(), List.copyOf(timeline), List.copyOf(anchored), threshold, media.delivery(), fleet);
    }

    /** Reads a map of named definitions, each with {@code reader}. */
    private <T> Map<String, T> named(MapView top, String key, NamedReader<T> reader) {
        Map<String, T> result = new LinkedHashMap<>();
        top.map(key).ifPresent(section -> {
            for (String name : section.keys()) {
                section.map(name).ifPresent(view -> {
                    T value = reader.read(name, view);
                    if (value != null) {
                        result.put(name, value);
                    }
                });
            }
        });
        return result;
    }

    @FunctionalInterface
    private interface NamedReader<T> {
        T read(String name, MapView view);
    }

    private ServerSpec server(String name, MapView server) {
        String type = server.required("type", "", "one of stun, turn, signaling", t -> MapView.choose(t,
                Map.of("stun", "stun", "turn", "turn", "signaling", "signaling")));
        Optional<String> link = Optional.ofNullable(server.string("link", null));
        ServerSpec spec = switch (type) {
            case "stun" -> new ServerSpec.Stun(name, link);
            case "turn" -> turnServer(name, link, server);
            case "signaling" -> new ServerSpec.Signaling(name, link, server.bool("tls", false),
                    server.bool("hold-messages", true), SignalingTransportReader.read(server));
            default -> null;
        };
        server.finish();
        return spec;
    }

    private ServerSpec turnServer(String name, Optional<String> link, MapView server) {
        Map<String, String> users = new LinkedHashMap<>();
        server.map("users").ifPresent(u -> {
            for (String user : u.keys()) {
                users.put(user, u.string(user, ""));
            }
        });
        if (users.isEmpty()) {
            users.put("icesim", "icesim");
        }
        Set<TurnTransport> transports = EnumSet.noneOf(TurnTransport.class);
        for (YamlNode item : server.list("transports")) {
            TurnTransport t = MapView.parse(item, server.pathOf("transports"), null, text -> MapView.choose(text,
                    Map.of("udp", TurnTransport.UDP, "tcp", TurnTransport.TCP, "tls", TurnTransport.TLS)), problems);
            if (t != null) {
                transports.add(t);
            }
        }
        if (transports.isEmpty()) {
            transports.add(TurnTransport.UDP);
        }
        String realm = server.string("realm", "icesim.test");
        TurnServerConfig config = TurnServerConfig.defaults(realm, users).withTransports(transports);
        try {
            config = config.withLifetimes(server.duration("default-lifetime", config.defaultLifetimeNanos()),
                    server.duration("max-lifetime", config.maxLifetimeNanos()));
            config = config.withQuotas((int) server.integer("max-allocations-per-user", config.maxAllocationsPerUser(), 1, 10_000_000),
                    (int) server.integer("max-allocations", config.maxAllocations(), 1, 10_000_000));
            config = config.withRelayBandwidth(server.bitRate("relay-bandwidth", config.relayBandwidthBitsPerSecond()),
                    config.relayBurstBytes());
            config = config.withNonceLifetime(server.duration("nonce-lifetime", config.nonceLifetimeNanos()));
            if (server.has("tls-version")) {
                config = config.withTlsVersion(server.choice("tls-version", config.tlsVersion(),
                        Map.of("1.2", TlsVersion.TLS_1_2, "1.3", TlsVersion.TLS_1_3)));
            }
        } catch (IllegalArgumentException e) {
            server.problem("", e.getMessage());
        }
        return new ServerSpec.Turn(name, link, config);
    }

    private PeerSpec peer(String name, MapView peer) {
        List<InterfaceSpec> interfaces = new ArrayList<>();
        for (YamlNode item : peer.list("interfaces")) {
            MapView.of(item, peer.pathOf("interfaces"), problems).ifPresent(i -> interfaces.add(interfaceSpec(i)));
        }
        if (!peer.has("interfaces")) {
            peer.problem("interfaces", "is required: a list of {name, link, behind} (behind is optional)");
        }
        Map<String, IceProfile> profiles = new LinkedHashMap<>();
        for (String preset : IceProfile.presetNames()) {
            profiles.put(preset, IceProfile.named(preset));
        }
        IceProfile profile = peer.choice("profile", IceProfile.named("libwebrtc"), profiles);
        Optional<MapView> overrides = peer.map("ice");
        if (overrides.isPresent()) {
            MapView ice = overrides.get();
            for (String constant : ice.keys()) {
                String value = ice.string(constant, "");
                try {
                    profile = profile.with(constant, value);
                } catch (IllegalArgumentException e) {
                    ice.problem(constant, e.getMessage());
                }
            }
        }
        RestartPolicy policy = peer.scalar("policy", new RestartPolicy.Never(),
                text -> RestartPolicy.parse(text, Quantities::duration));
        Optional<Boolean> polite = peer.has("polite") ? Optional.of(peer.bool("polite", false)) : Optional.empty();
        boolean relayOnly = peer.choice("ice-transport-policy", false, Map.of("all", false, "relay", true));
        Optional<List<String>> iceServers = Optional.empty();
        if (peer.has("ice-servers")) {
            List<String> names = new ArrayList<>();
            for (YamlNode item : peer.list("ice-servers")) {
                String server = MapView.parse(item, peer.pathOf("ice-servers"), null, Function.identity(), problems);
                if (server != null) {
                    names.add(server);
                }
            }
            iceServers = Optional.of(names);
        }
        Processing processing = peer.choice("processing", Processing.INSTANT,
                Map.of("instant", Processing.INSTANT, "measured", Processing.MEASURED, "sampled", Processing.SAMPLED));
        if (!processing.availableFor(profile.name())) {
            peer.problem("processing", "no stack has been measured for profile '" + profile.name()
                    + "': 'measured' and 'sampled' need libwebrtc, firefox or pion");
        }
        peer.finish();
        return new PeerSpec(name, List.copyOf(interfaces), profile, policy, polite, relayOnly, iceServers, processing);
    }

    private InterfaceSpec interfaceSpec(MapView view) {
        String name = view.required("name", "?", "an interface name such as wifi", Function.identity());
        String link = view.required("link", "?", "the name of a link in links:", Function.identity());
        Optional<String> behind = Optional.ofNullable(view.string("behind", null));
        view.finish();
        return new InterfaceSpec(name, link, behind);
    }

    private CallSpec call(MapView top, Map<String, PeerSpec> peers) {
        List<String> names = new ArrayList<>(peers.keySet());
        String defaultCaller = names.isEmpty() ? "" : names.get(0);
        String defaultCallee = names.size() < 2 ? "" : names.get(1);
        Optional<MapView> callView = top.map("call");
        if (callView.isEmpty()) {
            if (peers.size() != 2) {
                top.problem("peers", "a call needs two peers (or a call: section naming caller and callee), found "
                        + peers.size());
            }
            return new CallSpec(defaultCaller, defaultCallee, 0, true);
        }
        MapView call = callView.get();
        CallSpec spec = new CallSpec(call.string("caller", defaultCaller), call.string("callee", defaultCallee),
                call.duration("at", 0), call.bool("perfect-negotiation", true));
        for (String role : List.of("caller", "callee")) {
            String peer = role.equals("caller") ? spec.caller() : spec.callee();
            if (!peers.containsKey(peer)) {
                call.problem(role, "'" + peer + "' is not a peer" + Suggestions.didYouMean(peer, peers.keySet())
                        + "; peers: " + String.join(", ", peers.keySet()));
            }
        }
        if (spec.caller().equals(spec.callee())) {
            call.problem("callee", "a peer cannot call itself");
        }
        call.finish();
        return spec;
    }

    /** The streams both peers send and how they are carried. */
    private record MediaSection(List<MediaSpec> streams, MediaDelivery delivery) {
    }

    private MediaSection media(MapView top) {
        Optional<MapView> mediaView = top.map("media");
        if (mediaView.isEmpty()) {
            return new MediaSection(List.of(MediaSpec.Audio.defaults()), MediaDelivery.PACKETS);
        }
        MapView media = mediaView.get();
        MediaDelivery.Mode mode = media.choice("mode", MediaDelivery.Mode.PACKETS,
                Map.of("packets", MediaDelivery.Mode.PACKETS, "fluid", MediaDelivery.Mode.FLUID));
        long interval = media.duration("sample-interval", MediaDelivery.DEFAULT_SAMPLE_INTERVAL_NANOS);
        MediaDelivery delivery = MediaDelivery.PACKETS;
        try {
            delivery = new MediaDelivery(mode, interval);
        } catch (IllegalArgumentException e) {
            media.problem("sample-interval", e.getMessage());
        }
        List<MediaSpec> result = new ArrayList<>();
        streamOf(media, "audio").ifPresent(a -> {
            try {
                result.add(new MediaSpec.Audio((int) a.integer("pps", 50, 1, 1000), (int) a.integer("bytes", 160, 1, 1400)));
            } catch (IllegalArgumentException e) {
                a.problem("", e.getMessage());
            }
            a.finish();
        });
        streamOf(media, "video").ifPresent(v -> {
            try {
                result.add(new MediaSpec.Video((int) v.integer("fps", 30, 1, 240), v.bitRate("bitrate", 1_500_000),
                        (int) v.integer("max-packet-bytes", 1200, 100, 1400)));
            } catch (IllegalArgumentException e) {
                v.problem("", e.getMessage());
            }
            v.finish();
        });
        media.finish();
        return new MediaSection(result, delivery);
    }

    /** A media stream's settings, or nothing when absent or written {@code off}. */
    private static Optional<MapView> streamOf(MapView media, String kind) {
        Optional<YamlNode> node = media.node(kind);
        if (node.isPresent() && node.get() instanceof YamlNode.YamlScalar scalar && "off".equals(scalar.text())) {
            return Optional.empty();
        }
        return media.map(kind);
    }

    /** Reads the timeline into its actions at fixed instants (in time order) and those at events (in file order). */
    private void timeline(MapView top, long duration, Map<String, PeerSpec> peers, Map<String, LinkParams> links,
            Map<String, NatSpec> nats, Map<String, ServerSpec> servers, List<TimelineAction> fixed,
            List<AnchoredAction> anchored) {
        List<YamlNode> items = top.list("timeline");
        for (int i = 0; i < items.size(); i++) {
            MapView.of(items.get(i), "timeline." + i, problems)
                    .ifPresent(view -> TimelineReader.read(view, duration, peers.keySet(), fixed, anchored));
        }
        fixed.sort(Comparator.comparingLong(TimelineAction::atNanos)); // stable: same-instant actions keep file order
        new TimelineCheck(top, peers, links, nats, servers).check(fixed, anchored);
    }

    /** Checks that every name a definition refers to exists. */
    private record References(MapView top, Map<String, LinkParams> links, Map<String, NatSpec> nats,
            Map<String, ServerSpec> servers, Map<String, PeerSpec> peers) {

        void check() {
            for (NatSpec nat : nats.values()) {
                nat.behind().ifPresent(behind -> {
                    if (!nats.containsKey(behind)) {
                        top.problems().add(top.locationOf("nats"), "nats." + nat.name() + ".behind",
                                "'" + behind + "' is not a NAT" + Suggestions.didYouMean(behind, nats.keySet()));
                    }
                });
            }
            natCycles();
            for (ServerSpec server : servers.values()) {
                server.link().ifPresent(link -> requireLink("servers." + server.name() + ".link", link));
            }
            for (PeerSpec peer : peers.values()) {
                Set<String> seen = new LinkedHashSet<>();
                for (InterfaceSpec iface : peer.interfaces()) {
                    String path = "peers." + peer.name() + ".interfaces." + iface.name();
                    if (!seen.add(iface.name())) {
                        top.problems().add(top.locationOf("peers"), path, "duplicate interface name");
                    }
                    requireLink(path + ".link", iface.link());
                    iface.behind().ifPresent(b -> requireNat(path + ".behind", b));
                }
                peer.iceServers().ifPresent(list -> {
                    for (String server : list) {
                        ServerSpec spec = servers.get(server);
                        if (!(spec instanceof ServerSpec.Stun || spec instanceof ServerSpec.Turn)) {
                            top.problems().add(top.locationOf("peers"), "peers." + peer.name() + ".ice-servers",
                                    "'" + server + "' is not a STUN or TURN server" + Suggestions.didYouMean(server, servers.keySet()));
                        }
                    }
                });
            }
            if (servers.values().stream().noneMatch(ServerSpec.Signaling.class::isInstance)) {
                top.problems().add(top.locationOf("servers"), "servers",
                        "needs a signaling server ({type: signaling}) for the peers to call each other");
            }
        }

        private void natCycles() {
            for (String start : nats.keySet()) {
                Set<String> path = new LinkedHashSet<>();
                String at = start;
                while (at != null && nats.containsKey(at)) {
                    if (!path.add(at)) {
                        top.problems().add(top.locationOf("nats"), "nats." + start + ".behind",
                                "NATs are behind each other in a circle: " + String.join(" → ", path) + " → " + at);
                        break;
                    }
                    at = nats.get(at).behind().orElse(null);
                }
            }
        }

        void requireLink(String path, String link) {
            if (!links.containsKey(link)) {
                top.problems().add(top.locationOf("links"), path, "'" + link + "' is not a link"
                        + Suggestions.didYouMean(link, links.keySet()) + "; links: " + String.join(", ", links.keySet()));
            }
        }

        void requireNat(String path, String nat) {
            if (!nats.containsKey(nat)) {
                top.problems().add(top.locationOf("nats"), path, "'" + nat + "' is not a NAT"
                        + Suggestions.didYouMean(nat, nats.keySet()) + "; NATs: " + String.join(", ", nats.keySet()));
            }
        }
    }
}
