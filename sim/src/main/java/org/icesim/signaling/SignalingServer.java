package org.icesim.signaling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.icesim.kernel.Scheduler;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpCloseReason;
import org.icesim.net.tcp.TcpConnection;
import org.icesim.net.tcp.TcpListener;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;

/**
 * A signaling server in the network, speaking both transports a scenario can choose
 * ({@link SignalingTransport}). Stream clients connect over TCP (optionally TLS, as wss://),
 * register with their peer id, and the server forwards each message to the addressed peer's
 * connection; a message for a peer that is not connected is held until it registers again, or
 * dropped, as configured. Long-poll clients post and poll HTTP requests ({@link LongPollMailboxes}).
 * It can crash (every connection reset, held messages lost) and restart.
 */
public final class SignalingServer {

    /** How many messages are held per absent peer before the oldest is dropped. */
    public static final int HELD_PER_PEER = 256;

    private final TcpStack stack;
    private final TransportAddress address;
    private final TlsVersion tls;
    private final boolean holdForAbsentPeers;
    private final Map<String, TcpConnection> clients = new HashMap<>();
    private final Map<String, Deque<SignalingFrame>> held = new HashMap<>();
    private final LongPollMailboxes mailboxes;
    private final boolean headThenBody;
    private boolean running;
    private long messagesRelayed;
    private long messagesDropped;

    /**
     * @param pollHoldNanos how long a long-poll with nothing to deliver is held before it is
     *                      answered empty
     * @param headThenBody  whether long-poll responses are written head, then body, on connections
     *                      with Nagle's algorithm on (the testbed's server, SignalingTransport.LongPoll)
     */
    public SignalingServer(Scheduler scheduler, TcpStack stack, TransportAddress address, TlsVersion tls,
            boolean holdForAbsentPeers, long pollHoldNanos, boolean headThenBody) {
        this.stack = stack;
        this.headThenBody = headThenBody;
        this.mailboxes = new LongPollMailboxes(scheduler, pollHoldNanos, headThenBody);
        this.address = address;
        this.tls = tls;
        this.holdForAbsentPeers = holdForAbsentPeers;
    }

    public TransportAddress address() {
        return address;
    }

    public void start() {
        if (!running) {
            running = true;
            stack.listen(address, tls, connection -> {
                if (headThenBody) {
                    connection.useNagle(); // no TCP_NODELAY on the testbed server's sockets
                }
                return new ClientConnection();
            });
        }
    }

    /** Every connection is reset (peers see RSTs when they next send) and held messages are lost. */
    public void crash() {
        running = false;
        stack.crash();
        clients.clear();
        held.clear();
        mailboxes.clear();
    }

    public void restart() {
        start();
    }

    public boolean isRunning() {
        return running;
    }

    /** Messages forwarded to their addressee, and messages long-poll clients posted (each once). */
    public long messagesRelayed() {
        return messagesRelayed + mailboxes.accepted();
    }

    /** Messages for absent peers that were not held, or held and then pushed out. */
    public long messagesDropped() {
        return messagesDropped;
    }

    public boolean isRegistered(String peerId) {
        return clients.containsKey(peerId);
    }

    private void forward(SignalingFrame frame) {
        TcpConnection target = clients.get(frame.to());
        if (target != null) {
            target.send(frame.relayed());
            messagesRelayed++;
            return;
        }
        if (!holdForAbsentPeers) {
            messagesDropped++;
            return;
        }
        Deque<SignalingFrame> queue = held.computeIfAbsent(frame.to(), id -> new ArrayDeque<>());
        if (queue.size() == HELD_PER_PEER) {
            queue.removeFirst();
            messagesDropped++;
        }
        queue.addLast(frame);
    }

    /** One client's connection: its first frame names it. */
    private final class ClientConnection implements TcpListener {
        private String peerId;

        @Override
        public void onMessage(TcpConnection connection, Payload message) {
            if (message instanceof LongPollMessage.Post post) {
                mailboxes.post(connection, post);
                return;
            }
            if (message instanceof LongPollMessage.Poll poll) {
                mailboxes.poll(connection, poll);
                return;
            }
            if (!(message instanceof SignalingFrame frame)) {
                connection.abort();
                return;
            }
            if (frame.kind() == SignalingFrame.Kind.REGISTER) {
                peerId = frame.from();
                TcpConnection previous = clients.put(peerId, connection);
                if (previous != null && previous != connection) {
                    // The peer came back on a new connection (e.g. a new interface): the old one is stale.
                    previous.abort();
                }
                Deque<SignalingFrame> queue = held.remove(peerId);
                if (queue != null) {
                    for (SignalingFrame waiting : queue) {
                        connection.send(waiting.relayed());
                        messagesRelayed++;
                    }
                }
                return;
            }
            if (frame.kind() == SignalingFrame.Kind.FORWARD) {
                forward(frame);
            }
        }

        @Override
        public void onClosed(TcpConnection connection, TcpCloseReason reason) {
            mailboxes.closed(connection);
            if (peerId != null && clients.get(peerId) == connection) {
                clients.remove(peerId);
            }
        }
    }
}
