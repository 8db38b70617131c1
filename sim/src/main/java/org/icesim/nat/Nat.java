package org.icesim.nat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Clock;
import org.icesim.kernel.Invariant;
import org.icesim.kernel.Invariants;
import org.icesim.net.DropReason;
import org.icesim.net.Gateway;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.PacketReceiver;
import org.icesim.net.Protocol;
import org.icesim.net.TcpHeader;
import org.icesim.net.TrafficCounters;
import org.icesim.net.TransportAddress;

/**
 * A network address translator for UDP (RFC 4787) and TCP (RFC 5382), configured by a
 * {@link NatBehavior}.
 *
 * <p>Wiring: hosts, or an inner NAT's public side, attach their addresses to {@link #inside()} and
 * send their packets into it; packets from the outside network arrive at {@link #outside()};
 * translated outbound packets leave through the receiver given to {@link #connectOutside}. The
 * NAT forwards at once, with no processing delay.
 *
 * <p>Outbound: a packet for another inside address is switched locally, untranslated. Any other
 * packet gets the mapping its {@link MappingBehavior} selects (created on first use), has its
 * source rewritten to the mapping's external address, opens the filter for its destination and
 * refreshes the mapping. Inbound: the mapping is found by external address (none: dropped as
 * {@link DropReason#NAT_NO_MAPPING}), the filter is applied ({@link DropReason#NAT_FILTER}), and
 * the destination is rewritten to the internal endpoint.
 *
 * <p>Mappings expire lazily: a mapping idle for its whole timeout is treated as gone the next time
 * it is looked up, and dead entries are swept when the table has doubled (see
 * {@link SweepTrigger}), so no timer exists per mapping and memory stays bounded.
 *
 * <p>Simplifications, each deliberate:
 * <ul>
 * <li>Filter permissions live as long as their mapping; they have no timers of their own.</li>
 * <li>Protocol is part of the mapping key: UDP and TCP mappings and ports are independent.</li>
 * <li>TCP: any outbound segment without a live mapping creates one (normally the SYN; after a
 * reboot also a mid-connection segment, as loose connection tracking does, so the far end sees a
 * new source port). The mapping uses the transitory timeout until a segment has come back in,
 * the established timeout from then on, and the transitory one again once a FIN or RST passes
 * (RFC 5382 §5 REQ-5). Segments without a {@link TcpHeader} count as carrying no flags.
 * Unsolicited inbound SYNs are dropped silently, which satisfies RFC 5382 REQ-4 since no ICMP
 * error is modelled.</li>
 * <li>A reboot is instantaneous; an outage around it is the link's business.</li>
 * </ul>
 *
 * <p>Counters: {@code sent} counts translated packets sent up to the outside, {@code delivered}
 * counts packets handed to an inside receiver (translated inbound, hairpinned, or switched
 * between two inside addresses), drops are counted by reason.
 */
public final class Nat {

    /** A NAT admits an inbound packet only if its filtering behaviour allows it (RFC 4787 §5). */
    public static final Invariant FILTERING_INVARIANT = new Invariant("NAT filtering");

    private final Clock clock;
    private final String name;
    private final NatBehavior behavior;
    private final RandomGenerator random;
    private final TrafficCounters counters = new TrafficCounters();
    private final Invariants invariants;
    /** Null unless invariant checks are on. */
    private final FilteringOracle oracle;
    /** Packets handed to either side; each ends up sent, delivered or dropped. */
    private long packetsIn;
    /** Inside address → receiver leading to it. Lookups only, never iterated. */
    private final Map<Ipv4Address, PacketReceiver> insideRoutes = new HashMap<>();
    private final List<NatAddressListener> addressListeners = new ArrayList<>();
    /** One table per protocol, indexed by {@link Protocol#ordinal()}. */
    private final MappingTable[] tables;
    private final Gateway inside = new Inside();
    private final PacketReceiver outside = this::fromOutside;
    /** Where translated packets go; {@code null} until connected. */
    private PacketReceiver uplink;
    private List<Ipv4Address> publicAddresses;
    private AddressPool pool;
    /** One allocator per protocol, indexed by {@link Protocol#ordinal()}. */
    private PortAllocator[] allocators;

    /**
     * @param clock           simulated time (a {@code Scheduler} or {@code Simulator} will do)
     * @param name            for counters and messages
     * @param behavior        mapping, filtering, ports, timeouts
     * @param publicAddresses the NAT's public addresses (at least one, no duplicates)
     * @param random          the NAT's own random stream, used only for {@link PortAllocation#RANDOM}
     */
    public Nat(Clock clock, String name, NatBehavior behavior, List<Ipv4Address> publicAddresses,
            RandomGenerator random) {
        if (clock == null || behavior == null || random == null) {
            throw new IllegalArgumentException("clock, behavior and random of NAT '" + name
                    + "' must not be null, were " + clock + ", " + behavior + ", " + random);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("NAT name must not be blank, was '" + name + "'");
        }
        this.clock = clock;
        this.name = name;
        this.behavior = behavior;
        this.random = random;
        this.invariants = clock.invariants();
        this.oracle = invariants.enabled() ? new FilteringOracle(invariants, behavior.filtering()) : null;
        this.tables = new MappingTable[Protocol.values().length];
        for (Protocol protocol : Protocol.values()) {
            tables[protocol.ordinal()] = new MappingTable(protocol, behavior);
        }
        startWith(validated(publicAddresses));
    }

    public String name() {
        return name;
    }

    public NatBehavior behavior() {
        return behavior;
    }

    /** The public addresses in use now (an immutable list). */
    public List<Ipv4Address> publicAddresses() {
        return publicAddresses;
    }

    public TrafficCounters counters() {
        return counters;
    }

    /**
     * Checks packet conservation (invariant checks on only): every packet handed to the NAT was
     * sent out, delivered inside or dropped for a named reason; it holds nothing in flight.
     */
    public void checkConservation() {
        if (!invariants.enabled()) {
            return;
        }
        long dropped = counters.packetsDropped();
        long accounted = counters.packetsSent() + counters.packetsDelivered() + dropped;
        if (packetsIn != accounted) {
            throw invariants.violation(TrafficCounters.CONSERVATION_INVARIANT, this, "received " + packetsIn
                    + " \u2260 sent " + counters.packetsSent() + " + delivered " + counters.packetsDelivered()
                    + " + dropped " + dropped + counters.dropDetail());
        }
        invariants.held(TrafficCounters.CONSERVATION_INVARIANT);
    }

    /** The private side: attach inside addresses here and send inside traffic into it. */
    public Gateway inside() {
        return inside;
    }

    /** The public side: packets from the outside network arrive here. */
    public PacketReceiver outside() {
        return outside;
    }

    /** Where translated outbound packets go (until connected they are dropped as {@link DropReason#NO_ROUTE}). */
    public void connectOutside(PacketReceiver towardOutside) {
        if (towardOutside == null) {
            throw new IllegalArgumentException("uplink of NAT '" + name + "' must not be null");
        }
        this.uplink = towardOutside;
    }

    public void addAddressListener(NatAddressListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("address listener of NAT '" + name + "' must not be null");
        }
        addressListeners.add(listener);
    }

    /**
     * Restarts the NAT on its current addresses: every mapping, pairing and allocation cursor is
     * lost, so a sequential NAT hands out its first ports again.
     */
    public void reboot() {
        reboot(publicAddresses);
    }

    /**
     * Restarts the NAT, coming back with {@code newPublicAddresses}: everything {@link #reboot()}
     * loses is lost, and if the addresses differ from the old ones every address listener is told.
     */
    public void reboot(List<Ipv4Address> newPublicAddresses) {
        List<Ipv4Address> current = validated(newPublicAddresses);
        List<Ipv4Address> previous = publicAddresses;
        for (MappingTable table : tables) {
            table.clear();
        }
        if (oracle != null) {
            oracle.clear();
        }
        startWith(current);
        if (!previous.equals(current)) {
            for (NatAddressListener listener : addressListeners) {
                listener.publicAddressesChanged(this, previous, current);
            }
        }
    }

    /**
     * Drops every mapping while the NAT keeps running: addresses, pairings and the sequential
     * allocation cursor stay, so new mappings get ports not used just before.
     */
    public void flush() {
        for (MappingTable table : tables) {
            table.clear();
        }
        if (oracle != null) {
            oracle.clear();
        }
    }

    /** Live mappings now, over all protocols (dead entries are swept on the way). */
    public int activeMappings() {
        long now = clock.now();
        int live = 0;
        for (MappingTable table : tables) {
            live += table.sweep(now);
        }
        return live;
    }

    /** Mappings held in memory, dead or alive (read-only: expired ones are not swept). */
    public int storedMappings() {
        int stored = 0;
        for (MappingTable table : tables) {
            stored += table.stored();
        }
        return stored;
    }

    @Override
    public String toString() {
        return "NAT " + name + " " + publicAddresses;
    }

    private void startWith(List<Ipv4Address> addresses) {
        this.publicAddresses = addresses;
        this.pool = new AddressPool(addresses, behavior.pairedPooling());
        this.allocators = new PortAllocator[Protocol.values().length];
        for (Protocol protocol : Protocol.values()) {
            allocators[protocol.ordinal()] = new PortAllocator(behavior, addresses.size(), random);
        }
    }

    private void fromInside(Packet packet) {
        packetsIn++;
        PacketReceiver local = insideRoutes.get(packet.destination().ip());
        if (local != null) {
            counters.delivered(packet);
            local.receive(packet);
            return;
        }
        long now = clock.now();
        TransportAddress destination = packet.destination();
        boolean hairpin = publicAddresses.contains(destination.ip());
        if (hairpin && !behavior.hairpinning()) {
            counters.dropped(packet, DropReason.NAT_NO_HAIRPIN);
            return;
        }
        Mapping mapping = mappingFor(packet, now);
        if (mapping == null) {
            counters.dropped(packet, DropReason.NAT_PORTS_EXHAUSTED);
            return;
        }
        mapping.sent(behavior.filtering().permissionKey(destination), tcpFlags(packet), now);
        if (oracle != null) {
            oracle.sent(mapping, destination);
        }
        Packet translated = packet.withSource(mapping.external);
        if (hairpin) {
            // RFC 4787 §6 REQ-9: the source is translated too, so the inside receiver sees the
            // sender's external address, and the packet then meets the filter like any inbound one.
            toInside(translated, now);
            return;
        }
        if (uplink == null) {
            counters.dropped(translated, DropReason.NO_ROUTE);
            return;
        }
        counters.sent(translated);
        uplink.receive(translated);
    }

    private void fromOutside(Packet packet) {
        packetsIn++;
        toInside(packet, clock.now());
    }

    private void toInside(Packet packet, long now) {
        TransportAddress destination = packet.destination();
        if (!publicAddresses.contains(destination.ip())) {
            counters.dropped(packet, DropReason.NO_ROUTE);
            return;
        }
        Mapping mapping = tables[packet.protocol().ordinal()].findByExternal(destination, now);
        if (mapping == null) {
            counters.dropped(packet, DropReason.NAT_NO_MAPPING);
            return;
        }
        if (!mapping.admits(behavior.filtering().permissionKey(packet.source()))) {
            counters.dropped(packet, DropReason.NAT_FILTER);
            return;
        }
        if (oracle != null) {
            oracle.requireAdmissible(this, mapping, packet.source());
        }
        PacketReceiver host = insideRoutes.get(mapping.internal.ip());
        if (host == null) {
            counters.dropped(packet, DropReason.NO_ROUTE);
            return;
        }
        mapping.received(tcpFlags(packet), behavior.refreshOnInbound(), now);
        Packet translated = packet.withDestination(mapping.internal);
        counters.delivered(translated);
        host.receive(translated);
    }

    /** The live mapping for this outbound packet, created if needed; {@code null} if no port is free. */
    private Mapping mappingFor(Packet packet, long now) {
        MappingTable table = tables[packet.protocol().ordinal()];
        TransportAddress internal = packet.source();
        Object selector = behavior.mapping().selector(packet.destination());
        Mapping existing = table.findByInternal(internal, selector, now);
        if (existing != null) {
            return existing;
        }
        PortAllocator ports = allocators[packet.protocol().ordinal()];
        int first = pool.firstChoice(internal.ip());
        for (int attempt = 0; attempt < pool.choices(); attempt++) {
            int index = pool.choice(first, attempt);
            Ipv4Address ip = publicAddresses.get(index);
            int port = ports.allocate(index, internal.port(),
                    candidate -> table.isFree(new TransportAddress(ip, candidate), now));
            if (port >= 0) {
                return table.add(internal, selector, new TransportAddress(ip, port), now);
            }
        }
        return null;
    }

    private static int tcpFlags(Packet packet) {
        return packet.payload() instanceof TcpHeader header ? header.flags() : 0;
    }

    private List<Ipv4Address> validated(List<Ipv4Address> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("publicAddresses of NAT '" + name
                    + "' must hold at least one address, was " + addresses);
        }
        Set<Ipv4Address> seen = new HashSet<>();
        for (Ipv4Address address : addresses) {
            if (address == null || !seen.add(address)) {
                throw new IllegalArgumentException("publicAddresses of NAT '" + name
                        + "' must be distinct non-null addresses, was " + addresses);
            }
        }
        return List.copyOf(addresses);
    }

    private final class Inside implements Gateway {
        @Override
        public void attach(Ipv4Address address, PacketReceiver towardAddress) {
            if (address == null || towardAddress == null) {
                throw new IllegalArgumentException("inside route of NAT '" + name
                        + "' needs an address and a receiver, was " + address + " -> " + towardAddress);
            }
            insideRoutes.put(address, towardAddress);
        }

        @Override
        public void detach(Ipv4Address address) {
            insideRoutes.remove(address);
        }

        @Override
        public void receive(Packet packet) {
            fromInside(packet);
        }

        @Override
        public String toString() {
            return "inside of NAT " + name;
        }
    }
}
