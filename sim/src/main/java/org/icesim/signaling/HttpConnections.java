package org.icesim.signaling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpCloseReason;
import org.icesim.net.tcp.TcpConnection;
import org.icesim.net.tcp.TcpListener;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;

/**
 * A client's HTTP/1.1 requests to one server over real TCP connections: one request at a time
 * on a connection (no pipelining), an idle connection reused by the next request when keep-alive
 * is on (the most recently used first, as browsers' socket pools and Go's http.Transport pick
 * them), otherwise a new connection from the host's first interface. A request not answered
 * within its timeout is abandoned and its connection closed with a reset, as a browser's
 * aborted {@code fetch} and Go's {@code http.Client.Timeout} do. A connection whose interface
 * vanished is not torn down here: its segments go nowhere and its request fails by its timeout,
 * unless the client abandons every connection on the network change.
 */
final class HttpConnections {

    /** How a request ended. */
    interface Outcome {
        void answered(Payload response);

        void failed(String why);
    }

    private final Scheduler scheduler;
    private final Host host;
    private final TcpStack stack;
    private final TransportAddress server;
    private final TlsVersion tls;
    private final boolean keepAlive;
    private final long ackDelayNanos;
    private final Deque<Exchange> idle = new ArrayDeque<>();
    /** Every connection not yet ended, in the order opened. */
    private final Set<Exchange> open = new LinkedHashSet<>();
    private int nextPort;

    HttpConnections(Scheduler scheduler, Host host, TcpStack stack, TransportAddress server, TlsVersion tls,
            boolean keepAlive, long ackDelayNanos, RandomGenerator random) {
        this.scheduler = scheduler;
        this.ackDelayNanos = ackDelayNanos;
        this.host = host;
        this.stack = stack;
        this.server = server;
        this.tls = tls;
        this.keepAlive = keepAlive;
        this.nextPort = Host.EPHEMERAL_FIRST + random.nextInt(Host.EPHEMERAL_LAST - Host.EPHEMERAL_FIRST + 1);
    }

    /** Sends {@code request}; {@code outcome} hears of its answer or failure later, never during this call. */
    void request(Payload request, long timeoutNanos, Outcome outcome) {
        Exchange exchange = idle.pollFirst();
        if (exchange == null) {
            if (host.interfaces().isEmpty()) {
                // No network: fetch and Go's Dial fail at once (no route to the server).
                scheduler.post(0, () -> outcome.failed("no-network"));
                return;
            }
            exchange = new Exchange();
            open.add(exchange);
            TransportAddress local = new TransportAddress(host.interfaces().get(0).address(), nextPort);
            nextPort = nextPort == Host.EPHEMERAL_LAST ? Host.EPHEMERAL_FIRST : nextPort + 1;
            exchange.connection = stack.connect(local, server, tls, exchange);
            if (ackDelayNanos > 0) {
                exchange.connection.delayAcksLikeLinux(ackDelayNanos);
            }
        }
        exchange.start(request, timeoutNanos, outcome);
    }

    /** Closes every connection with a reset; each request they carried fails with {@code why}. */
    void abandonAll(String why) {
        for (Exchange exchange : List.copyOf(open)) {
            exchange.abandon(why);
        }
    }

    /** One TCP connection to the server and the request it carries, if any. */
    private final class Exchange implements TcpListener {
        private TcpConnection connection;
        private Outcome pending;
        private Timer timeout;

        void start(Payload request, long timeoutNanos, Outcome outcome) {
            pending = outcome;
            timeout = scheduler.schedule(timeoutNanos, this::timedOut);
            connection.send(request);
        }

        private void timedOut() {
            abandon("timeout");
        }

        void abandon(String why) {
            Outcome outcome = pending;
            if (outcome != null) {
                timeout.cancel();
            }
            pending = null;
            connection.abort();
            if (outcome != null) {
                outcome.failed(why);
            }
        }

        @Override
        public void onMessage(TcpConnection c, Payload message) {
            if (pending == null || message instanceof LongPollMessage.Head) {
                return; // an answer the client no longer waits for, or a response whose body is to come
            }
            timeout.cancel();
            Outcome outcome = pending;
            pending = null;
            if (keepAlive) {
                idle.addFirst(this);
            } else {
                c.close();
            }
            outcome.answered(message instanceof LongPollMessage.Body body ? body.response() : message);
        }

        @Override
        public void onClosed(TcpConnection c, TcpCloseReason reason) {
            idle.remove(this);
            open.remove(this);
            if (pending != null) {
                timeout.cancel();
                Outcome outcome = pending;
                pending = null;
                outcome.failed(reason.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
