package org.icesim.ice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.kernel.Simulator;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunMessage;

/**
 * A tiny in-memory network for agent tests: STUN messages between transport addresses with a
 * fixed one-way delay. It can cut everything, black-hole single addresses, and put bases behind
 * an address-rewriting NAT (one public address per inside base, reachable from anywhere).
 */
final class Wire {

    /** One message as it left a sender. */
    record Sent(long at, TransportAddress from, TransportAddress to, StunMessage message) {
    }

    private final Simulator simulator;
    private final long delay;
    private final Map<TransportAddress, IceAgent> agents = new HashMap<>();
    private final Map<TransportAddress, TransportAddress> natOutside = new HashMap<>();
    private final Map<TransportAddress, TransportAddress> natInside = new HashMap<>();
    private final Set<TransportAddress> blackHoles = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private boolean cut;
    private long delivered;

    Wire(Simulator simulator, long oneWayDelay) {
        this.simulator = simulator;
        this.delay = oneWayDelay;
    }

    /** Delivers messages addressed to {@code base} to {@code agent}. */
    void attach(TransportAddress base, IceAgent agent) {
        agents.put(base, agent);
    }

    /** Messages from {@code inside} leave as {@code outside}; messages to {@code outside} reach {@code inside}. */
    void nat(TransportAddress inside, TransportAddress outside) {
        natOutside.put(inside, outside);
        natInside.put(outside, inside);
    }

    /** Drops everything sent to or from {@code address}. */
    void blackHole(TransportAddress address) {
        blackHoles.add(address);
    }

    /** Stops dropping traffic of {@code address}. */
    void heal(TransportAddress address) {
        blackHoles.remove(address);
    }

    void cut(boolean cut) {
        this.cut = cut;
    }

    /**
     * Media from {@code from} to {@code to} every {@code period} from now on, delivered as data while
     * the wire is not cut (what keeps a libwebrtc connection receiving between its pings).
     */
    void media(TransportAddress from, TransportAddress to, long period) {
        simulator.schedule(period, () -> {
            IceAgent target = agents.get(to);
            if (!cut && target != null) {
                simulator.schedule(delay, () -> target.dataReceived(to, from));
            }
            media(from, to, period);
        });
    }

    List<Sent> sent() {
        return sent;
    }

    long delivered() {
        return delivered;
    }

    IceIo io() {
        return this::send;
    }

    private void send(TransportAddress base, TransportAddress remote, StunMessage message) {
        sent.add(new Sent(simulator.now(), base, remote, message));
        if (cut || blackHoles.contains(base) || blackHoles.contains(remote)) {
            return;
        }
        TransportAddress source = natOutside.getOrDefault(base, base);
        TransportAddress destination = natInside.getOrDefault(remote, remote);
        IceAgent target = agents.get(destination);
        if (target == null) {
            return;
        }
        simulator.schedule(delay, () -> {
            delivered++;
            target.handleStun(destination, source, message);
        });
    }
}
