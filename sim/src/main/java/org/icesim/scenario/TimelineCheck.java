package org.icesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.net.LinkParams;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.Suggestions;

/**
 * Checks a sorted timeline against the world: every peer, NAT, server and link it names exists,
 * and every interface action makes sense at its instant (an interface is removed only while it
 * exists, added only while it does not, and links act only on present interfaces). Actions at
 * events have no instant before the run: for them and for the interfaces they add or remove,
 * only the names are checked here.
 */
final class TimelineCheck {
    private final MapView top;
    private final Map<String, PeerSpec> peers;
    private final Map<String, LinkParams> links;
    private final Map<String, NatSpec> nats;
    private final Map<String, ServerSpec> servers;

    TimelineCheck(MapView top, Map<String, PeerSpec> peers, Map<String, LinkParams> links, Map<String, NatSpec> nats,
            Map<String, ServerSpec> servers) {
        this.top = top;
        this.peers = peers;
        this.links = links;
        this.nats = nats;
        this.servers = servers;
    }

    /**
     * @param fixed    the actions at fixed instants, in time order
     * @param anchored the actions at events: their instants are unknown, so an interface they add
     *                 or remove may or may not be there at any other action's instant. Such an
     *                 interface is only required to be one the peer has or gets somewhere in the
     *                 timeline; the run checks it when the action falls due (World's anchored timeline).
     */
    void check(List<TimelineAction> fixed, List<AnchoredAction> anchored) {
        Map<String, Set<String>> present = new LinkedHashMap<>();
        Map<String, Set<String>> ever = new LinkedHashMap<>();
        for (PeerSpec peer : peers.values()) {
            Set<String> names = new LinkedHashSet<>();
            peer.interfaces().forEach(i -> names.add(i.name()));
            present.put(peer.name(), names);
            ever.put(peer.name(), new LinkedHashSet<>(names));
        }
        Set<String> unsure = new LinkedHashSet<>();
        for (TimelineAction action : allActions(fixed, anchored)) {
            if (action instanceof TimelineAction.InterfaceAdd a && ever.containsKey(a.peer())) {
                ever.get(a.peer()).add(a.iface().name());
            }
        }
        for (AnchoredAction entry : anchored) {
            if (entry.action() instanceof TimelineAction.InterfaceAdd a) {
                unsure.add(a.peer() + "/" + a.iface().name());
            } else if (entry.action() instanceof TimelineAction.InterfaceRemove a) {
                unsure.add(a.peer() + "/" + a.iface());
            }
        }
        for (TimelineAction action : fixed) {
            check(action.action() + " at " + Quantities.formatDuration(action.atNanos()), action, present, unsure, true);
        }
        for (AnchoredAction entry : anchored) {
            check(entry.action().action() + " at " + entry.anchor(), entry.action(), ever, Set.of(), false);
        }
    }

    private static List<TimelineAction> allActions(List<TimelineAction> fixed, List<AnchoredAction> anchored) {
        List<TimelineAction> all = new ArrayList<>(fixed);
        anchored.forEach(entry -> all.add(entry.action()));
        return all;
    }

    /**
     * Checks one action against the interfaces {@code present}, except those named in {@code unsure}
     * ("peer/interface"), which are not checked. An action at a fixed instant ({@code timed}) is
     * checked against the interfaces there then, and updates them; one at an event only against
     * every interface a peer ever has.
     */
    private void check(String where, TimelineAction action, Map<String, Set<String>> present, Set<String> unsure,
            boolean timed) {
        if (action instanceof TimelineAction.OnInterface a) {
            if (requireInterface(where, a.peer(), a.iface(), present, unsure) && timed
                    && action instanceof TimelineAction.InterfaceRemove) {
                present.get(a.peer()).remove(a.iface());
            }
        } else if (action instanceof TimelineAction.InterfaceAdd a) {
            if (requirePeer(where, a.peer()) && timed && !present.get(a.peer()).add(a.iface().name())
                    && !unsure.contains(a.target())) {
                problem(where, "peer '" + a.peer() + "' already has an interface '" + a.iface().name() + "' then");
            }
            if (!links.containsKey(a.iface().link())) {
                problem(where, "'" + a.iface().link() + "' is not a link" + Suggestions.didYouMean(a.iface().link(), links.keySet()));
            }
            a.iface().behind().filter(b -> !nats.containsKey(b)).ifPresent(b ->
                    problem(where, "'" + b + "' is not a NAT" + Suggestions.didYouMean(b, nats.keySet())));
        } else if (action instanceof TimelineAction.NatReboot a) {
            requireNat(where, a.nat());
        } else if (action instanceof TimelineAction.NatFlush a) {
            requireNat(where, a.nat());
        } else if (action instanceof TimelineAction.ServerCrash a) {
            requireServer(where, a.server());
        } else if (action instanceof TimelineAction.ServerRestart a) {
            requireServer(where, a.server());
        } else if (action instanceof TimelineAction.SignalingOutage a) {
            a.server().ifPresent(s -> {
                if (requireServer(where, s) && !(servers.get(s) instanceof ServerSpec.Signaling)) {
                    problem(where, "'" + s + "' is not a signaling server");
                }
            });
        } else if (action instanceof TimelineAction.RestartIce a) {
            requirePeer(where, a.peer());
        } else if (action instanceof TimelineAction.Close a) {
            requirePeer(where, a.peer());
        }
    }

    private boolean requirePeer(String where, String peer) {
        if (!peers.containsKey(peer)) {
            problem(where, "'" + peer + "' is not a peer" + Suggestions.didYouMean(peer, peers.keySet()));
            return false;
        }
        return true;
    }

    private boolean requireInterface(String where, String peer, String iface, Map<String, Set<String>> present,
            Set<String> unsure) {
        if (!requirePeer(where, peer)) {
            return false;
        }
        if (!present.get(peer).contains(iface) && !unsure.contains(peer + "/" + iface)) {
            problem(where, "peer '" + peer + "' has no interface '" + iface + "' then; it has: "
                    + String.join(", ", present.get(peer)));
            return false;
        }
        return true;
    }

    private void requireNat(String where, String nat) {
        if (!nats.containsKey(nat)) {
            problem(where, "'" + nat + "' is not a NAT" + Suggestions.didYouMean(nat, nats.keySet()));
        }
    }

    private boolean requireServer(String where, String server) {
        if (!servers.containsKey(server)) {
            problem(where, "'" + server + "' is not a server" + Suggestions.didYouMean(server, servers.keySet()));
            return false;
        }
        return true;
    }

    private void problem(String where, String message) {
        top.problems().add(top.locationOf("timeline"), "timeline", where + ": " + message);
    }
}
