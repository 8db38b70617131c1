package org.icesim.world;

import java.util.Optional;
import java.util.function.Function;
import org.icesim.app.Peer;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.nat.Nat;
import org.icesim.net.Link;
import org.icesim.scenario.TimelineAction;

/**
 * Applies timeline actions to a built world: those of a scenario's timeline, and a fleet's random
 * faults, which are the same actions drawn at random. Each is logged as it happens, a
 * {@link EventKind#FAULT} or {@link EventKind#REPAIR} with detail {@code "<action> <target>"}.
 */
final class Faults {
    private final Simulator sim;
    private final Network network;
    private final ServerSet servers;
    private final Function<String, Peer> peers;
    private final EventSink log;

    Faults(Simulator sim, Network network, ServerSet servers, Function<String, Peer> peers, EventSink log) {
        this.sim = sim;
        this.network = network;
        this.servers = servers;
        this.peers = peers;
        this.log = log;
    }

    /** Applies {@code fault} now and {@code repair} {@code durationNanos} later. */
    void applyFor(TimelineAction fault, long durationNanos, TimelineAction repair) {
        apply(fault);
        sim.post(durationNanos, () -> apply(repair));
    }

    /**
     * Why {@code action} cannot be applied now, if it cannot: the interface it acts on is not there
     * (or, for an addition, already is). The scenario's checks rule this out for a timeline of fixed
     * instants; around an action at an event the run finds out only when it falls due.
     */
    Optional<String> missing(TimelineAction action) {
        if (action instanceof TimelineAction.InterfaceAdd a) {
            return has(a.peer(), a.iface().name())
                    ? Optional.of(a.peer() + " already has an interface '" + a.iface().name() + "' then") : Optional.empty();
        }
        if (action instanceof TimelineAction.OnInterface a && !has(a.peer(), a.iface())) {
            return Optional.of(a.peer() + " has no interface '" + a.iface() + "' then");
        }
        return Optional.empty();
    }

    private boolean has(String peer, String iface) {
        return peers.apply(peer).host().findInterface(iface).isPresent();
    }

    void apply(TimelineAction action) {
        String change = action.action() + " " + action.target();
        log.record(sim.now(), "world", action.isFault() ? new EventDetail.Fault(change) : new EventDetail.Repair(change));
        if (action instanceof TimelineAction.LinkDown a) {
            network.accessLink(a.peer(), a.iface()).setUp(false, a.inFlight());
        } else if (action instanceof TimelineAction.LinkUp a) {
            network.accessLink(a.peer(), a.iface()).setUp(true);
        } else if (action instanceof TimelineAction.SetLink a) {
            Link link = network.accessLink(a.peer(), a.iface());
            link.setParams(link.params().with(a.change()), a.inFlight());
        } else if (action instanceof TimelineAction.InterfaceAdd a) {
            network.connect(peers.apply(a.peer()).host(), a.iface().name(), a.iface().link(), a.iface().behind().orElse(null));
            announce(a);
        } else if (action instanceof TimelineAction.InterfaceRemove a) {
            network.disconnect(peers.apply(a.peer()).host(), a.iface());
            announce(a);
        } else if (action instanceof TimelineAction.NatReboot a) {
            Nat nat = network.nat(a.nat());
            nat.reboot(a.newAddress() ? network.freshAddressesFor(a.nat()) : nat.publicAddresses());
        } else if (action instanceof TimelineAction.NatFlush a) {
            network.nat(a.nat()).flush();
        } else if (action instanceof TimelineAction.ServerCrash a) {
            servers.control(a.server()).crash().run();
        } else if (action instanceof TimelineAction.ServerRestart a) {
            servers.control(a.server()).restart().run();
        } else if (action instanceof TimelineAction.SignalingOutage a) {
            String server = a.server().orElse(servers.signalingName());
            ServerSet.Control control = servers.control(server);
            if (a.unreachable()) {
                control.reachability().setOpen(false);
            } else {
                control.crash().run();
            }
            sim.post(a.durationNanos(), () -> {
                log.record(sim.now(), "world", new EventDetail.Repair("signaling-back " + server));
                if (a.unreachable()) {
                    control.reachability().setOpen(true);
                } else {
                    control.restart().run();
                }
            });
        } else if (action instanceof TimelineAction.RestartIce a) {
            peers.apply(a.peer()).restartIce("timeline");
        } else if (action instanceof TimelineAction.Close a) {
            peers.apply(a.peer()).close();
        }
    }

    /**
     * Tells the peer's application of an interface change when the operating system announces it,
     * in a zero-delay event after the change as the host tells its interface listeners (an
     * operating system reports network changes asynchronously).
     */
    private void announce(TimelineAction.InterfaceChange change) {
        Peer peer = peers.apply(change.peer());
        if (change.reachesApplication(peer.profile())) {
            sim.post(0, peer.restarts()::networkChanged);
        }
    }
}
