package org.icesim.scenario;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.scenario.yaml.MapView;
import org.icesim.signaling.ReconnectBackoff;
import org.icesim.signaling.SignalingTransport;

/**
 * Reads how the peers' clients talk to a signaling server (its {@code client} key and the
 * parameters of that transport); a parameter of the other transport is a problem, not ignored.
 */
final class SignalingTransportReader {

    private static final List<String> STREAM_ONLY = List.of("ping-interval");
    private static final List<String> LONG_POLL_ONLY = List.of("poll-timeout", "poll-hold", "keep-alive", "network-change",
            "response-writes", "client-ack-delay");

    private static final long MAX_ACK_DELAY_NANOS = 500_000_000L;

    private SignalingTransportReader() {
    }

    static SignalingTransport read(MapView server) {
        boolean longPoll = server.choice("client", false, Map.of("stream", false, "long-poll", true));
        for (String key : longPoll ? STREAM_ONLY : LONG_POLL_ONLY) {
            if (server.has(key)) {
                server.problem(key, "applies to the " + (longPoll ? "stream" : "long-poll") + " client only (client: "
                        + (longPoll ? "long-poll" : "stream") + ")");
            }
        }
        ReconnectBackoff defaults = ReconnectBackoff.DEFAULT;
        // The long-poll clients of the testbed retry without random spread (peer.js backoff(),
        // signaling.go backoff()); WebSocket libraries spread their reconnections.
        double defaultJitter = longPoll ? 0 : defaults.jitter();
        long initial = server.duration("retry-initial", defaults.initialNanos());
        double factor = server.decimal("retry-factor", defaults.factor(), 1, 1000);
        long max = server.duration("retry-max", defaults.maxNanos());
        double jitter = server.decimal("retry-jitter", defaultJitter, 0, 0.99);
        long requestTimeout = server.duration("request-timeout", defaults.connectTimeoutNanos());
        if (max < initial) {
            server.problem("retry-max", "must be at least retry-initial");
            max = initial;
        }
        if (requestTimeout <= 0) {
            server.problem("request-timeout", "must be more than 0");
            requestTimeout = defaults.connectTimeoutNanos();
        }
        ReconnectBackoff retry = new ReconnectBackoff(initial, factor, max, jitter, requestTimeout);
        if (!longPoll) {
            long ping = positive(server, "ping-interval", SignalingTransport.Stream.SOCKET_IO_PING_INTERVAL_NANOS);
            return new SignalingTransport.Stream(retry, ping);
        }
        OptionalLong pollTimeout = server.has("poll-timeout")
                ? OptionalLong.of(positive(server, "poll-timeout", requestTimeout)) : OptionalLong.empty();
        long hold = positive(server, "poll-hold", SignalingTransport.LongPoll.TESTBED_HOLD_NANOS);
        boolean close = server.choice("network-change", true, Map.of("close", true, "keep", false));
        boolean headThenBody = server.choice("response-writes", false, Map.of("whole", false, "head-then-body", true));
        long ackDelay = server.duration("client-ack-delay", 0);
        if (ackDelay < 0 || ackDelay >= MAX_ACK_DELAY_NANOS) {
            server.problem("client-ack-delay", "must be at least 0 and less than 500ms (RFC 1122 §4.2.3.2)");
            ackDelay = 0;
        }
        return new SignalingTransport.LongPoll(retry, pollTimeout, hold, server.bool("keep-alive", true), close,
                headThenBody, ackDelay);
    }

    private static long positive(MapView server, String key, long defaultNanos) {
        long value = server.duration(key, defaultNanos);
        if (value <= 0) {
            server.problem(key, "must be more than 0");
            return defaultNanos;
        }
        return value;
    }
}
