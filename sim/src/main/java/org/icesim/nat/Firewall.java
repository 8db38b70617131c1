package org.icesim.nat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icesim.kernel.Clock;
import org.icesim.net.DropReason;
import org.icesim.net.Packet;
import org.icesim.net.PacketReceiver;
import org.icesim.net.Protocol;
import org.icesim.net.TrafficCounters;
import org.icesim.net.TransportAddress;

/**
 * A stateful packet filter between an inside and an outside receiver; it translates nothing.
 *
 * <p>Outbound packets pass if the {@link FirewallPolicy} allows their protocol and destination
 * port; each one that passes opens (or refreshes) its flow: protocol, inside endpoint and outside
 * endpoint. Inbound packets pass only as return traffic of a live flow, which they refresh too.
 * Everything else is dropped as {@link DropReason#FIREWALL}. Flows expire lazily after the
 * policy's idle timeout, like NAT mappings; TCP flows have a single timeout, whatever the state
 * of the connection.
 *
 * <p>Counters: {@code sent} counts packets let out, {@code delivered} packets let in.
 */
public final class Firewall {
    private final Clock clock;
    private final String name;
    private final FirewallPolicy policy;
    private final TrafficCounters counters = new TrafficCounters();
    /** One flow table per protocol, indexed by {@link Protocol#ordinal()}. */
    private final FlowTable[] flows = new FlowTable[Protocol.values().length];
    private final PacketReceiver inside = this::fromInside;
    private final PacketReceiver outside = this::fromOutside;
    /** Where admitted packets go; {@code null} until connected. */
    private PacketReceiver towardInside;
    private PacketReceiver towardOutside;

    public Firewall(Clock clock, String name, FirewallPolicy policy) {
        if (clock == null || policy == null) {
            throw new IllegalArgumentException("clock and policy of firewall '" + name + "' must not be null, were "
                    + clock + ", " + policy);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("firewall name must not be blank, was '" + name + "'");
        }
        this.clock = clock;
        this.name = name;
        this.policy = policy;
        for (Protocol protocol : Protocol.values()) {
            flows[protocol.ordinal()] = new FlowTable(policy.flowTimeout(protocol));
        }
    }

    public String name() {
        return name;
    }

    public FirewallPolicy policy() {
        return policy;
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Packets from the inside network, heading out, arrive here. */
    public PacketReceiver inside() {
        return inside;
    }

    /** Packets from the outside network, heading in, arrive here. */
    public PacketReceiver outside() {
        return outside;
    }

    /** Where admitted inbound packets go. */
    public void connectInside(PacketReceiver receiver) {
        towardInside = requireReceiver(receiver, "inside");
    }

    /** Where admitted outbound packets go. */
    public void connectOutside(PacketReceiver receiver) {
        towardOutside = requireReceiver(receiver, "outside");
    }

    /** Live flows now, over all protocols (dead entries are swept on the way). */
    public int activeFlows() {
        long now = clock.now();
        int live = 0;
        for (FlowTable table : flows) {
            live += table.sweep(now);
        }
        return live;
    }

    @Override
    public String toString() {
        return "firewall " + name + " " + policy.allowedOutbound();
    }

    private void fromInside(Packet packet) {
        if (!policy.allowsOutbound(packet)) {
            counters.dropped(packet, DropReason.FIREWALL);
            return;
        }
        if (towardOutside == null) {
            counters.dropped(packet, DropReason.NO_ROUTE);
            return;
        }
        flows[packet.protocol().ordinal()].touch(packet.source(), packet.destination(), clock.now());
        counters.sent(packet);
        towardOutside.receive(packet);
    }

    private void fromOutside(Packet packet) {
        if (!flows[packet.protocol().ordinal()].refreshIfLive(packet.destination(), packet.source(), clock.now())) {
            counters.dropped(packet, DropReason.FIREWALL);
            return;
        }
        if (towardInside == null) {
            counters.dropped(packet, DropReason.NO_ROUTE);
            return;
        }
        counters.delivered(packet);
        towardInside.receive(packet);
    }

    private PacketReceiver requireReceiver(PacketReceiver receiver, String side) {
        if (receiver == null) {
            throw new IllegalArgumentException(side + " receiver of firewall '" + name + "' must not be null");
        }
        return receiver;
    }

    /** One flow's last activity; a flow idle for its whole timeout is dead. */
    private static final class Flow {
        private long lastSeen;

        Flow(long lastSeen) {
            this.lastSeen = lastSeen;
        }
    }

    /** Flows of one protocol: inside endpoint → outside endpoint → flow. */
    private static final class FlowTable {
        private final long idleTimeout;
        /** In creation order so a sweep walks it deterministically. */
        private final LinkedHashMap<TransportAddress, Map<TransportAddress, Flow>> byInside = new LinkedHashMap<>();
        private final SweepTrigger sweepTrigger = new SweepTrigger();
        private int stored;

        FlowTable(long idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        void touch(TransportAddress insideEnd, TransportAddress outsideEnd, long now) {
            Map<TransportAddress, Flow> ofInside = byInside.get(insideEnd);
            Flow flow = ofInside == null ? null : ofInside.get(outsideEnd);
            if (flow != null) {
                flow.lastSeen = now;
                return;
            }
            if (sweepTrigger.due(stored)) {
                sweep(now);
                ofInside = byInside.get(insideEnd);
            }
            if (ofInside == null) {
                ofInside = new HashMap<>(2);
                byInside.put(insideEnd, ofInside);
            }
            ofInside.put(outsideEnd, new Flow(now));
            stored++;
        }

        /** Whether the flow is live (idle for less than the timeout); if so it is refreshed. */
        boolean refreshIfLive(TransportAddress insideEnd, TransportAddress outsideEnd, long now) {
            Map<TransportAddress, Flow> ofInside = byInside.get(insideEnd);
            Flow flow = ofInside == null ? null : ofInside.get(outsideEnd);
            if (flow == null || now - flow.lastSeen >= idleTimeout) {
                return false;
            }
            flow.lastSeen = now;
            return true;
        }

        /** Removes dead flows; returns how many live ones remain. Removal order cannot change a result. */
        int sweep(long now) {
            Iterator<Map<TransportAddress, Flow>> insides = byInside.values().iterator();
            while (insides.hasNext()) {
                Map<TransportAddress, Flow> ofInside = insides.next();
                int before = ofInside.size();
                ofInside.values().removeIf(flow -> now - flow.lastSeen >= idleTimeout);
                stored -= before - ofInside.size();
                if (ofInside.isEmpty()) {
                    insides.remove();
                }
            }
            sweepTrigger.swept(stored);
            return stored;
        }
    }
}
