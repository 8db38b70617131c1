package org.icesim.scenario;

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
 * exists, added only while it does not, and links act only on present interfaces).
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

    void check(List<TimelineAction> actions) {
        Map<String, Set<String>> present = new LinkedHashMap<>();
        for (PeerSpec peer : peers.values()) {
            Set<String> names = new LinkedHashSet<>();
            peer.interfaces().forEach(i -> names.add(i.name()));
            present.put(peer.name(), names);
        }
        for (TimelineAction action : actions) {
            String where = action.action() + " at " + Quantities.formatDuration(action.atNanos());
            if (action instanceof TimelineAction.LinkDown a) {
                requireInterface(where, a.peer(), a.iface(), present);
            } else if (action instanceof TimelineAction.LinkUp a) {
                requireInterface(where, a.peer(), a.iface(), present);
            } else if (action instanceof TimelineAction.SetLink a) {
                requireInterface(where, a.peer(), a.iface(), present);
            } else if (action instanceof TimelineAction.InterfaceRemove a) {
                if (requireInterface(where, a.peer(), a.iface(), present)) {
                    present.get(a.peer()).remove(a.iface());
                }
            } else if (action instanceof TimelineAction.InterfaceAdd a) {
                if (requirePeer(where, a.peer()) && !present.get(a.peer()).add(a.iface().name())) {
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
    }

    private boolean requirePeer(String where, String peer) {
        if (!peers.containsKey(peer)) {
            problem(where, "'" + peer + "' is not a peer" + Suggestions.didYouMean(peer, peers.keySet()));
            return false;
        }
        return true;
    }

    private boolean requireInterface(String where, String peer, String iface, Map<String, Set<String>> present) {
        if (!requirePeer(where, peer)) {
            return false;
        }
        if (!present.get(peer).contains(iface)) {
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
