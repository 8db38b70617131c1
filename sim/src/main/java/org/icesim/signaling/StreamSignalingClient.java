package org.icesim.signaling;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventSink;
import org.icesim.net.Host;
import org.icesim.net.InterfaceListener;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpCloseReason;
import org.icesim.net.tcp.TcpConnection;
import org.icesim.net.tcp.TcpListener;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;

/**
 * A peer's WebSocket-like connection to the signaling server. It connects from the host's first interface,
 * registers its peer id, and sends and receives messages. When the connection breaks — its
 * interface vanished, the server reset it, or TCP gave up — it reconnects with back-off over
 * whatever interface the host has then, so a peer that lost its network also loses its
 * signaling until it has a network again. Messages sent meanwhile wait for the new connection
 * or are dropped, as configured.
 */
public final class StreamSignalingClient implements SignalingClient {

    /** Messages kept while disconnected before the oldest is dropped. */
    public static final int QUEUE_LIMIT = 256;

    private final Scheduler scheduler;
    private final Host host;
    private final TcpStack stack;
    private final String peerId;
    private final TransportAddress server;
    private final TlsVersion tls;
    private final ReconnectBackoff backoff;
    /**
     * A connected client pings this often, so a server that lost the connection (crashed, or a
     * NAT on the way forgot the flow) answers with a reset and the client reconnects even when it
     * has nothing to say; until then an idle client does not notice.
     */
    private final long pingIntervalNanos;
    private final boolean queueWhileDisconnected;
    private final RandomGenerator random;
    private final EventSink events;
    private final Deque<SignalingFrame> queue = new ArrayDeque<>();
    private Listener listener = (from, body) -> { };

    private TcpConnection connection;
    private NetworkInterface via;
    private boolean connected;
    private boolean started;
    private int attempt;
    private Timer retry;
    private Timer connectTimeout;
    private Timer ping;
    private int nextPort;
    private long messagesSent;
    private long messagesDropped;
    private long reconnections;

    public StreamSignalingClient(Scheduler scheduler, Host host, TcpStack stack, String peerId, TransportAddress server,
            TlsVersion tls, SignalingTransport.Stream transport, boolean queueWhileDisconnected, RandomGenerator random,
            EventSink events) {
        this.scheduler = scheduler;
        this.host = host;
        this.stack = stack;
        this.peerId = peerId;
        this.server = server;
        this.tls = tls;
        this.backoff = transport.reconnect();
        this.pingIntervalNanos = transport.pingIntervalNanos();
        this.queueWhileDisconnected = queueWhileDisconnected;
        this.random = random;
        this.events = events;
        this.nextPort = Host.EPHEMERAL_FIRST + random.nextInt(Host.EPHEMERAL_LAST - Host.EPHEMERAL_FIRST + 1);
        host.addInterfaceListener(new InterfaceListener() {
            @Override
            public void interfaceAdded(NetworkInterface added) {
                if (started && connection == null) {
                    // Back online: applications reconnect at once rather than wait out the back-off.
                    if (retry != null) {
                        retry.cancel();
                    }
                    connect();
                }
            }

            @Override
            public void interfaceRemoved(NetworkInterface removed) {
                if (removed == via && connection != null) {
                    // The operating system tears down sockets of a vanished interface: the
                    // application learns at once, not after TCP's retransmissions.
                    connection.abort();
                }
            }
        });
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long messagesDropped() {
        return messagesDropped;
    }

    /** Reconnections after the first connection. */
    public long reconnections() {
        return reconnections;
    }

    @Override
    public void start() {
        if (!started) {
            started = true;
            connect();
        }
    }

    /** Sends {@code body} (of {@code bodyBytes} JSON bytes) to peer {@code to}. */
    @Override
    public void send(String to, Object body, int bodyBytes) {
        SignalingFrame frame = new SignalingFrame(SignalingFrame.Kind.FORWARD, peerId, to, body, bodyBytes, true);
        if (connected) {
            connection.send(frame);
            messagesSent++;
        } else if (queueWhileDisconnected) {
            if (queue.size() == QUEUE_LIMIT) {
                queue.removeFirst();
                messagesDropped++;
            }
            queue.addLast(frame);
        } else {
            messagesDropped++;
        }
    }

    private void connect() {
        if (host.interfaces().isEmpty()) {
            return; // interfaceAdded will call again
        }
        via = host.interfaces().get(0);
        TransportAddress local = new TransportAddress(via.address(), nextPort);
        nextPort = nextPort == Host.EPHEMERAL_LAST ? Host.EPHEMERAL_FIRST : nextPort + 1;
        TcpConnection attemptConnection = stack.connect(local, server, tls, new Connection());
        connection = attemptConnection;
        connectTimeout = scheduler.schedule(backoff.connectTimeoutNanos(), () -> {
            if (connection == attemptConnection && !connected) {
                attemptConnection.abort();
            }
        });
    }

    private void scheduleReconnect() {
        long delay = backoff.delayNanos(attempt++, random);
        retry = scheduler.schedule(delay, this::connect);
    }

    private final class Connection implements TcpListener {
        @Override
        public void onConnected(TcpConnection c) {
            if (c != connection) {
                return;
            }
            connectTimeout.cancel();
            if (attempt > 0) {
                reconnections++;
            }
            connected = true;
            attempt = 0;
            c.send(new SignalingFrame(SignalingFrame.Kind.REGISTER, peerId, "", null, 0, true));
            while (!queue.isEmpty()) {
                c.send(queue.removeFirst());
                messagesSent++;
            }
            events.record(scheduler.now(), peerId, EventDetail.SignalingConnection.UP);
            schedulePing(c);
            listener.onConnectionChange(true);
        }

        private void schedulePing(TcpConnection c) {
            ping = scheduler.schedule(pingIntervalNanos, () -> {
                if (c == connection && connected) {
                    c.send(new SignalingFrame(SignalingFrame.Kind.PING, peerId, "", null, 0, true));
                    schedulePing(c);
                }
            });
        }

        @Override
        public void onMessage(TcpConnection c, Payload message) {
            if (message instanceof SignalingFrame frame && frame.kind() == SignalingFrame.Kind.FORWARD) {
                listener.onMessage(frame.from(), frame.body());
            }
        }

        @Override
        public void onClosed(TcpConnection c, TcpCloseReason reason) {
            if (c != connection) {
                return;
            }
            connectTimeout.cancel();
            if (ping != null) {
                ping.cancel();
            }
            connection = null;
            boolean wasConnected = connected;
            connected = false;
            if (wasConnected) {
                events.record(scheduler.now(), peerId,
                        new EventDetail.SignalingConnection(false, reason.name().toLowerCase(java.util.Locale.ROOT)));
                listener.onConnectionChange(false);
            }
            scheduleReconnect();
        }
    }
}
