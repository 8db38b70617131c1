package org.icesim.net.tcp;

import static org.icesim.net.TcpHeader.FLAG_ACK;
import static org.icesim.net.TcpHeader.FLAG_FIN;
import static org.icesim.net.TcpHeader.FLAG_RST;
import static org.icesim.net.TcpHeader.FLAG_SYN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Scheduler;
import org.icesim.net.Packet;
import org.icesim.net.PacketReceiver;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;

/**
 * The TCP of one host: listening addresses, the connections keyed by (local, remote) address, and
 * the resets RFC 793 §3.4 prescribes for segments nobody expects. Outbound segments leave through
 * {@code ipOut} as {@link Protocol#TCP} packets; the host hands every inbound TCP packet to
 * {@link #receive}.
 *
 * <p>Not modelled: TCP options (the MSS each side uses is its own configuration), window scaling,
 * SACK, timestamps, congestion control, keep-alives, simultaneous open, and TIME-WAIT: a
 * connection is forgotten as soon as both FINs are acknowledged, so a FIN retransmitted after our
 * last ACK was lost meets a reset, which the peer, already closed, takes silently. Messages leave
 * at once, as with TCP_NODELAY, unless a connection turns on Nagle's algorithm
 * ({@link TcpConnection#useNagle}).
 */
public final class TcpStack {
    private final Scheduler scheduler;
    private final PacketReceiver ipOut;
    private final TcpConfig config;
    private final RandomGenerator random;
    private final Map<TransportAddress, Listening> listeners = new LinkedHashMap<>();
    private final Map<TransportAddress, Map<TransportAddress, TcpConnection>> connections = new LinkedHashMap<>();
    private int connectionCount;

    private record Listening(TlsVersion tls, TcpAcceptor acceptor) {
    }

    /**
     * @param scheduler time and timers
     * @param ipOut     where outbound packets go (the host's routing)
     * @param config    parameters shared by all connections of this stack
     * @param random    the stream initial sequence numbers are drawn from
     */
    public TcpStack(Scheduler scheduler, PacketReceiver ipOut, TcpConfig config, RandomGenerator random) {
        if (scheduler == null || ipOut == null || config == null || random == null) {
            throw new IllegalArgumentException("scheduler, ipOut, config and random must not be null");
        }
        this.scheduler = scheduler;
        this.ipOut = ipOut;
        this.config = config;
        this.random = random;
    }

    /** Accepts connections to {@code local}, with the configuration's TLS setting. */
    public void listen(TransportAddress local, TcpAcceptor acceptor) {
        listen(local, config.tls(), acceptor);
    }

    /**
     * Accepts connections to {@code local}. With TLS, {@code tls} is the highest version offered:
     * a client offering a lower one gets that one; a client that does not start with a ClientHello
     * is reset.
     */
    public void listen(TransportAddress local, TlsVersion tls, TcpAcceptor acceptor) {
        if (local == null || tls == null || acceptor == null) {
            throw new IllegalArgumentException("local, tls and acceptor must not be null");
        }
        if (listeners.containsKey(local)) {
            throw new IllegalArgumentException("something already listens on " + local);
        }
        listeners.put(local, new Listening(tls, acceptor));
    }

    /** Opens a connection from {@code local} to {@code remote}, with the configuration's TLS setting. */
    public TcpConnection connect(TransportAddress local, TransportAddress remote, TcpListener listener) {
        return connect(local, remote, config.tls(), listener);
    }

    /**
     * Opens a connection: sends the SYN now; the listener hears {@code onConnected} once the
     * handshakes are done, or {@code onClosed} if they fail.
     */
    public TcpConnection connect(TransportAddress local, TransportAddress remote, TlsVersion tls, TcpListener listener) {
        if (local == null || remote == null || tls == null || listener == null) {
            throw new IllegalArgumentException("local, remote, tls and listener must not be null");
        }
        if (find(local, remote) != null) {
            throw new IllegalArgumentException("a connection from " + local + " to " + remote + " already exists");
        }
        TcpConnection connection = TcpConnection.opening(this, scheduler, config, local, remote, nextIss(), tls, listener);
        register(local, remote, connection);
        connection.sendSyn();
        return connection;
    }

    /** Takes one inbound packet addressed to this host. */
    public void receive(Packet packet) {
        if (packet.protocol() != Protocol.TCP || !(packet.payload() instanceof TcpSegment segment)) {
            throw new IllegalArgumentException("a TCP stack takes TCP packets carrying a TcpSegment, got " + packet);
        }
        TransportAddress local = packet.destination();
        TransportAddress remote = packet.source();
        TcpConnection connection = find(local, remote);
        if (connection != null) {
            connection.onSegment(segment);
            return;
        }
        if (segment.has(FLAG_RST)) {
            return;
        }
        Listening listening = segment.has(FLAG_SYN) && !segment.has(FLAG_ACK) ? listeners.get(local) : null;
        if (listening == null) {
            resetInReplyTo(local, remote, segment);
            return;
        }
        TcpConnection accepted = TcpConnection.accepting(
                this, scheduler, config, local, remote, nextIss(), listening.tls(), listening.acceptor());
        register(local, remote, accepted);
        accepted.answerSyn(segment);
    }

    /**
     * The host lost its state, as in a crash: every connection and listener is forgotten without a
     * segment sent or a listener told. The peers learn of it from the resets their next segments get.
     */
    public void crash() {
        List<TcpConnection> all = new ArrayList<>(connectionCount);
        for (Map<TransportAddress, TcpConnection> byRemote : connections.values()) {
            all.addAll(byRemote.values());
        }
        connections.clear();
        connectionCount = 0;
        listeners.clear();
        for (TcpConnection connection : all) {
            connection.discard();
        }
    }

    /** Connections not yet ended, half-open ones included. */
    public int connectionCount() {
        return connectionCount;
    }

    void transmit(TransportAddress local, TransportAddress remote, TcpSegment segment) {
        ipOut.receive(new Packet(Protocol.TCP, local, remote, segment));
    }

    /** RFC 793 §3.4 (reset generation): answers {@code incoming} with the RST its fields call for. */
    void resetInReplyTo(TransportAddress local, TransportAddress remote, TcpSegment incoming) {
        if (incoming.has(FLAG_RST)) {
            return;
        }
        TcpSegment reset;
        if (incoming.has(FLAG_ACK)) {
            reset = new TcpSegment(incoming.acknowledgementNumber(), 0, FLAG_RST, 0, null, 0, 0);
        } else {
            long covered = incoming.length() + (incoming.has(FLAG_SYN) ? 1 : 0) + (incoming.has(FLAG_FIN) ? 1 : 0);
            long ack = (incoming.sequenceNumber() + covered) & 0xFFFF_FFFFL;
            reset = new TcpSegment(0, ack, FLAG_RST | FLAG_ACK, 0, null, 0, 0);
        }
        transmit(local, remote, reset);
    }

    void forget(TcpConnection connection) {
        Map<TransportAddress, TcpConnection> byRemote = connections.get(connection.localAddress());
        if (byRemote != null && byRemote.remove(connection.remoteAddress(), connection)) {
            connectionCount--;
            if (byRemote.isEmpty()) {
                connections.remove(connection.localAddress());
            }
        }
    }

    private TcpConnection find(TransportAddress local, TransportAddress remote) {
        Map<TransportAddress, TcpConnection> byRemote = connections.get(local);
        return byRemote == null ? null : byRemote.get(remote);
    }

    private void register(TransportAddress local, TransportAddress remote, TcpConnection connection) {
        connections.computeIfAbsent(local, address -> new LinkedHashMap<>()).put(remote, connection);
        connectionCount++;
    }

    /** A random 32-bit initial sequence number (RFC 9293 §3.4.1 asks for unpredictable ones). */
    private long nextIss() {
        return random.nextInt() & 0xFFFF_FFFFL;
    }
}
