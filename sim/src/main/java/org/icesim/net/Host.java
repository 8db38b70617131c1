package org.icesim.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Invariants;
import org.icesim.kernel.Scheduler;

/**
 * An end system: named network interfaces, each with its own address and uplink, UDP sockets
 * bound to them, and a hook for a TCP stack. A host knows nothing about routing; whoever builds
 * the world attaches each interface address to the gateway above it.
 *
 * <p>Inbound, a packet is accepted when it arrives through an interface that is still there
 * ({@link DropReason#INTERFACE_DOWN} otherwise) for an address the host still has
 * ({@link DropReason#NO_ROUTE} otherwise), on any of its interfaces as in the weak end-system
 * model of RFC 1122 §3.3.4.2. UDP then goes to the socket bound to the destination address and
 * port, TCP to the TCP handler ({@link DropReason#NO_LISTENER} when there is none).
 *
 * <p>Counters: {@link #inbound()} sent = packets that reached an interface, delivered = packets
 * handed to a socket or the TCP handler; {@link #outbound()} sent = packets the host tried to
 * send, delivered = packets handed to an uplink.
 */
public final class Host {

    /** The dynamic port range, RFC 6335 §6: ephemeral ports are chosen here. */
    public static final int EPHEMERAL_FIRST = 49152;
    public static final int EPHEMERAL_LAST = 65535;
    private static final int EPHEMERAL_COUNT = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;

    private final Scheduler scheduler;
    private final String name;
    private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
    // The next two are only looked up, never iterated, so their order cannot change a result.
    private final Map<Ipv4Address, NetworkInterface> interfacesByAddress = new HashMap<>();
    private final Map<TransportAddress, UdpSocket> sockets = new HashMap<>();
    private final List<InterfaceListener> listeners = new ArrayList<>();
    private final TrafficCounters inbound = new TrafficCounters();
    private final TrafficCounters outbound = new TrafficCounters();

    /** UDP sockets open on this host. */
    public int socketCount() {
        return sockets.size();
    }
    private PacketReceiver tcpHandler;
    private int nextEphemeral;
    /**
     * The socket {@link #socketAt} found last, while it is open: a call's media arrives at one
     * socket packet after packet, and comparing its address is cheaper than hashing into
     * {@link #sockets}. Closing the socket forgets it.
     */
    private UdpSocket lastSocket;

    /** {@code rng} draws where the host's sequential ephemeral port allocation starts. */
    public Host(Scheduler scheduler, String name, RandomGenerator rng) {
        this.scheduler = Check.notNull("scheduler", scheduler);
        this.name = Check.notNull("name", name);
        Check.notNull("rng", rng);
        this.nextEphemeral = EPHEMERAL_FIRST + rng.nextInt(EPHEMERAL_COUNT);
    }

    public String name() {
        return name;
    }

    /**
     * Adds an interface with {@code address} whose outgoing packets go to {@code uplink}. Names
     * and addresses are unique among the host's current interfaces.
     */
    public NetworkInterface addInterface(String interfaceName, Ipv4Address address, PacketReceiver uplink) {
        Check.notNull("interface name", interfaceName);
        Check.notNull("address", address);
        Check.notNull("uplink", uplink);
        if (interfaces.containsKey(interfaceName)) {
            throw new IllegalArgumentException("host " + name + " already has an interface named '" + interfaceName + "'");
        }
        NetworkInterface existing = interfacesByAddress.get(address);
        if (existing != null) {
            throw new IllegalArgumentException("host " + name + ": address " + address
                    + " is already used by interface '" + existing.name() + "'");
        }
        NetworkInterface added = new NetworkInterface(this, interfaceName, address, uplink);
        interfaces.put(interfaceName, added);
        interfacesByAddress.put(address, added);
        notifyListeners(added, true);
        return added;
    }

    /**
     * Removes an interface at run time, as in a Wi-Fi to cellular handover: its sockets are
     * closed (their owners are told at once through {@link DatagramHandler#onClosed}), and
     * packets still arriving through it are dropped as {@link DropReason#INTERFACE_DOWN}.
     */
    public void removeInterface(String interfaceName) {
        NetworkInterface removed = requireInterface(interfaceName);
        interfaces.remove(interfaceName);
        interfacesByAddress.remove(removed.address());
        removed.markRemoved();
        // Close them all before telling anyone, so that every owner sees the same state.
        List<UdpSocket> closed = new ArrayList<>(removed.sockets());
        for (UdpSocket socket : closed) {
            release(socket);
        }
        for (UdpSocket socket : closed) {
            socket.handler().onClosed(socket);
        }
        notifyListeners(removed, false);
    }

    /** The current interfaces, in the order they were added. */
    public List<NetworkInterface> interfaces() {
        return List.copyOf(interfaces.values());
    }

    public Optional<NetworkInterface> findInterface(String interfaceName) {
        return Optional.ofNullable(interfaces.get(interfaceName));
    }

    /**
     * Registers a listener for interfaces added and removed from now on. It is called in a
     * zero-delay event after each change rather than inside the change, as an operating system
     * reports network changes asynchronously; this also lets the builder of an interface finish
     * wiring it (connect its link, attach its address) before anybody sends through it.
     */
    public void addInterfaceListener(InterfaceListener listener) {
        listeners.add(Check.notNull("listener", listener));
    }

    public void removeInterfaceListener(InterfaceListener listener) {
        listeners.remove(listener);
    }

    /**
     * Opens a UDP socket on interface {@code interfaceName}, bound to {@code port}, or to the next
     * free ephemeral port (counting up from a random start, wrapping within 49152..65535) when
     * {@code port} is 0.
     *
     * @throws IllegalStateException when the port is in use, or every ephemeral port is
     */
    public UdpSocket openUdp(String interfaceName, int port, DatagramHandler handler) {
        NetworkInterface networkInterface = requireInterface(interfaceName);
        if (port < 0 || port > EPHEMERAL_LAST) {
            throw new IllegalArgumentException("port must be in [0, 65535] (0 picks an ephemeral port), was " + port);
        }
        Check.notNull("handler", handler);
        TransportAddress local = port == 0
                ? freeEphemeral(networkInterface)
                : new TransportAddress(networkInterface.address(), port);
        if (sockets.containsKey(local)) {
            throw new IllegalStateException("host " + name + ": UDP port " + port + " on " + networkInterface
                    + " is already in use");
        }
        UdpSocket socket = new UdpSocket(networkInterface, local, handler);
        sockets.put(local, socket);
        networkInterface.sockets().add(socket);
        return socket;
    }

    /** Every inbound TCP packet for one of the host's addresses goes to {@code handler} (null: none). */
    public void setTcpHandler(PacketReceiver handler) {
        this.tcpHandler = handler;
    }

    /**
     * Sends a packet built by a transport above (the TCP stack) out of the interface whose address
     * is the packet's source address; dropped as {@link DropReason#INTERFACE_DOWN} when the host
     * has no such interface (any more).
     */
    public void sendRaw(Packet packet) {
        NetworkInterface networkInterface = interfacesByAddress.get(packet.source().ip());
        if (networkInterface == null) {
            outbound.sent(packet);
            outbound.dropped(packet, DropReason.INTERFACE_DOWN);
            return;
        }
        transmit(networkInterface, packet);
    }

    /**
     * Checks packet conservation of both directions (invariant checks on only): the host holds no
     * packet, so each it sent or received was delivered or dropped for a named reason.
     */
    public void checkConservation() {
        Invariants invariants = scheduler.invariants();
        inbound.requireConserved(invariants, this + " inbound", 0);
        outbound.requireConserved(invariants, this + " outbound", 0);
    }

    public TrafficCounters inbound() {
        return inbound;
    }

    public TrafficCounters outbound() {
        return outbound;
    }

    @Override
    public String toString() {
        return "host " + name;
    }

    void transmit(NetworkInterface networkInterface, Packet packet) {
        int bytes = packet.wireSize();
        outbound.sent(bytes);
        outbound.delivered(bytes);
        networkInterface.uplink().receive(packet);
    }

    void release(UdpSocket socket) {
        socket.markClosed();
        if (lastSocket == socket) {
            lastSocket = null;
        }
        sockets.remove(socket.localAddress());
        socket.networkInterface().sockets().remove(socket);
    }

    void receiveOn(NetworkInterface networkInterface, Packet packet) {
        int bytes = packet.wireSize();
        inbound.sent(bytes);
        if (networkInterface.isRemoved()) {
            inbound.dropped(bytes, DropReason.INTERFACE_DOWN);
            return;
        }
        TransportAddress destination = packet.destination();
        // An interface not removed is in interfacesByAddress under its own address, which is
        // where nearly every packet arriving through it is for: that case needs no lookup.
        if (!destination.ip().equals(networkInterface.address()) && !interfacesByAddress.containsKey(destination.ip())) {
            inbound.dropped(bytes, DropReason.NO_ROUTE);
            return;
        }
        switch (packet.protocol()) {
            case UDP -> {
                UdpSocket socket = socketAt(destination);
                if (socket == null) {
                    inbound.dropped(bytes, DropReason.NO_LISTENER);
                    return;
                }
                inbound.delivered(bytes);
                socket.handler().onDatagram(socket, packet.source(), packet.payload());
            }
            case TCP -> {
                if (tcpHandler == null) {
                    inbound.dropped(bytes, DropReason.NO_LISTENER);
                    return;
                }
                inbound.delivered(bytes);
                tcpHandler.receive(packet);
            }
        }
    }

    /** The open socket bound to {@code local}, or {@code null}. */
    private UdpSocket socketAt(TransportAddress local) {
        UdpSocket socket = lastSocket;
        if (socket == null || !socket.localAddress().equals(local)) {
            socket = sockets.get(local);
            if (socket != null) {
                lastSocket = socket;
            }
        }
        return socket;
    }

    private TransportAddress freeEphemeral(NetworkInterface networkInterface) {
        for (int tried = 0; tried < EPHEMERAL_COUNT; tried++) {
            int port = nextEphemeral;
            nextEphemeral = port == EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
            TransportAddress candidate = new TransportAddress(networkInterface.address(), port);
            if (!sockets.containsKey(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("host " + name + ": every ephemeral UDP port (" + EPHEMERAL_FIRST + ".."
                + EPHEMERAL_LAST + ") on " + networkInterface + " is in use");
    }

    private NetworkInterface requireInterface(String interfaceName) {
        NetworkInterface found = interfaces.get(interfaceName);
        if (found == null) {
            throw new IllegalArgumentException("host " + name + " has no interface '" + interfaceName
                    + "' (it has: " + String.join(", ", interfaces.keySet()) + ")");
        }
        return found;
    }

    private void notifyListeners(NetworkInterface changed, boolean added) {
        scheduler.post(0, () -> {
            for (InterfaceListener listener : List.copyOf(listeners)) {
                if (added) {
                    listener.interfaceAdded(changed);
                } else {
                    listener.interfaceRemoved(changed);
                }
            }
        });
    }
}
