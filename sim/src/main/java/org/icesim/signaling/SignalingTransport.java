package org.icesim.signaling;

import java.util.OptionalLong;

/**
 * How a peer's application talks to its signaling server, chosen per signaling server in the
 * scenario: a WebSocket-like stream, or HTTP long-poll as the testbed's clients do it.
 */
public sealed interface SignalingTransport {

    /** The stream transport with the values the simulator has always used. */
    Stream STREAM_DEFAULT = new Stream(ReconnectBackoff.DEFAULT, Stream.SOCKET_IO_PING_INTERVAL_NANOS);

    /**
     * One persistent TCP connection carrying WebSocket frames (RFC 6455), reconnected with
     * {@code reconnect} when it breaks. An idle connection learns that the server is gone only
     * when it next writes: the client writes a ping every {@code pingIntervalNanos}, and the reset
     * (or TCP giving up) that answers it ends the connection.
     *
     * @param reconnect         the reconnection schedule and each attempt's connect timeout
     * @param pingIntervalNanos time between the client's pings on an idle connection (&gt; 0)
     */
    record Stream(ReconnectBackoff reconnect, long pingIntervalNanos) implements SignalingTransport {

        /** socket.io's default pingInterval, 25 s (engine.io server option pingInterval). */
        public static final long SOCKET_IO_PING_INTERVAL_NANOS = 25_000_000_000L;

        public Stream {
            if (pingIntervalNanos <= 0) {
                throw new IllegalArgumentException("ping interval must be > 0 ns, was " + pingIntervalNanos);
            }
        }
    }

    /**
     * HTTP/1.1 long-poll, the testbed's protocol (docs/testbed.md, "Signaling server"): one
     * {@code GET /recv} open at a time, which the server holds until it has a message for the
     * peer or {@code holdNanos} passed, then answers (empty if nothing came) and the client polls
     * again; each message is a {@code POST /send}, posted at once and re-posted until acknowledged.
     * Every request is abandoned (its TCP connection closed) after its timeout; a failed request
     * waits out the retry schedule before the client polls or posts again. Requests reuse idle
     * connections when {@code keepAlive} (HTTP/1.1 persistent connections, RFC 9112 §9.3).
     *
     * @param retry              back-off after failed requests: {@code retry.delayNanos(n)} after
     *                           the n-th failure in a row (n &ge; 1); its connect timeout is the
     *                           timeout of a {@code POST}
     * @param namedPollTimeout   timeout of a {@code GET /recv} (it includes the server's hold), if
     *                           the scenario names one; else the request timeout, as the page does
     * @param holdNanos          how long the server holds a poll that has nothing to deliver
     * @param keepAlive          whether requests reuse idle connections
     * @param closeOnNetworkChange whether the client's connections are closed, and their requests
     *                           failed, when the host gains or loses an interface (Chromium's network
     *                           stack fails them with net::ERR_NETWORK_CHANGED, pion's program drops
     *                           them in signaling.go networkChanged); else they stay on their address
     *                           and fail by timeout (Firefox on the testbed, docs/fidelity.md)
     * @param headThenBody       whether the server writes a response's status line and headers, then
     *                           its body, on connections with Nagle's algorithm on, as the testbed's
     *                           {@code SignalingService} does (JDK 17 com.sun.net.httpserver: two
     *                           write() calls, 198 and 11 to 50 bytes, and no TCP_NODELAY unless
     *                           sun.net.httpserver.nodelay is set), so a body shorter than a segment
     *                           leaves when the client acknowledged the headers; else one write at once
     * @param clientAckDelayNanos 0: the client's TCP acknowledges every segment at once; else after this
     *                           delay unless more than a segment is unacknowledged, as Linux does on
     *                           a request/response connection ({@code TcpConnection#delayAcksLikeLinux})
     */
    record LongPoll(ReconnectBackoff retry, OptionalLong namedPollTimeout, long holdNanos, boolean keepAlive,
            boolean closeOnNetworkChange, boolean headThenBody, long clientAckDelayNanos) implements SignalingTransport {

        /**
         * 5 s: the hold of the testbed's {@code SignalingService} with which every committed
         * real baseline was measured (it now takes the scenario's {@code poll-hold}).
         */
        public static final long TESTBED_HOLD_NANOS = 5_000_000_000L;

        public LongPoll {
            if (namedPollTimeout.isPresent() && namedPollTimeout.getAsLong() <= 0) {
                throw new IllegalArgumentException("poll timeout must be > 0 ns, was " + namedPollTimeout.getAsLong());
            }
            if (holdNanos <= 0) {
                throw new IllegalArgumentException("hold must be > 0 ns, was " + holdNanos);
            }
            if (clientAckDelayNanos < 0) {
                throw new IllegalArgumentException("client ACK delay must be >= 0 ns (0 = at once), was " + clientAckDelayNanos);
            }
        }

        /** Timeout of a {@code GET /recv}. */
        public long pollTimeoutNanos() {
            return namedPollTimeout.orElse(requestTimeoutNanos());
        }

        /** Timeout of a {@code POST /send}. */
        public long requestTimeoutNanos() {
            return retry.connectTimeoutNanos();
        }
    }
}
