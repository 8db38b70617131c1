package org.icesim.signaling;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
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
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;

/**
 * The testbed page's long-poll signaling client, step by step (sim/src/main/resources/org/icesim/
 * testbed/page/peer.js, "signaling client"; pion's signaling.go does the same with its own
 * timeouts): one {@code GET /recv} open at a time, polled again as soon as it is answered; every
 * message posted at once under the next id and kept until the server acknowledges it; a failed
 * request marks the channel down and counts a failure, a successful one marks it up and clears
 * the count. After a failed poll the client waits {@code retry.delayNanos(failures)}, posts every
 * unacknowledged message again and polls; after a failed post one timer (not one per message)
 * re-posts every unacknowledged message after the same back-off. The server ignores a repeated
 * id, so a message re-posted after a lost acknowledgement arrives once.
 *
 * <p>With {@code closeOnNetworkChange} every request in flight fails, and every connection
 * closes, when the host gains or loses an interface, as Chromium fails them with
 * net::ERR_NETWORK_CHANGED; the failures take the usual back-off (pion's program retries at once
 * instead, signaling.go failed(): not modelled, at most one back-off step earlier).
 *
 * <p>Messages are never lost to a broken connection, so the client does not tell the
 * application of its connection changes: it has nothing to send again.
 */
public final class LongPollSignalingClient implements SignalingClient {

    private final Scheduler scheduler;
    private final String peerId;
    private final SignalingTransport.LongPoll transport;
    private final HttpConnections http;
    private final RandomGenerator random;
    private final EventSink events;
    /** Unacknowledged messages by id, re-posted in id order. */
    private final TreeMap<Long, LongPollMessage.Post> outbox = new TreeMap<>();
    private final Set<Long> posting = new HashSet<>();
    private Listener listener = (from, body) -> { };
    private long nextId;
    private long after;
    private int failures;
    private boolean up = true;
    private boolean started;
    private Timer resendTimer;

    public LongPollSignalingClient(Scheduler scheduler, Host host, TcpStack stack, String peerId, TransportAddress server,
            TlsVersion tls, SignalingTransport.LongPoll transport, RandomGenerator random, EventSink events) {
        this.scheduler = scheduler;
        this.peerId = peerId;
        this.transport = transport;
        this.random = random;
        this.events = events;
        this.http = new HttpConnections(scheduler, host, stack, server, tls, transport.keepAlive(),
                transport.clientAckDelayNanos(), random);
        if (transport.closeOnNetworkChange()) {
            // The host announces interface changes a moment after they happen, so one the host
            // already had when the client was made is announced afterwards: not a change to it.
            Set<NetworkInterface> known = new HashSet<>(host.interfaces());
            host.addInterfaceListener(new InterfaceListener() {
                @Override
                public void interfaceAdded(NetworkInterface added) {
                    if (known.add(added)) {
                        http.abandonAll("network-changed");
                    }
                }

                @Override
                public void interfaceRemoved(NetworkInterface removed) {
                    known.remove(removed);
                    http.abandonAll("network-changed");
                }
            });
        }
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public String peerId() {
        return peerId;
    }

    /** The page's view: up until a request fails, up again when one succeeds. */
    @Override
    public boolean isConnected() {
        return up;
    }

    @Override
    public void start() {
        if (!started) {
            started = true;
            poll();
        }
    }

    @Override
    public void send(String to, Object body, int bodyBytes) {
        long id = ++nextId;
        outbox.put(id, new LongPollMessage.Post(peerId, to, id, body, bodyBytes));
        post(id);
    }

    private void post(long id) {
        if (posting.contains(id) || !outbox.containsKey(id)) {
            return;
        }
        posting.add(id);
        http.request(outbox.get(id), transport.requestTimeoutNanos(), new HttpConnections.Outcome() {
            @Override
            public void answered(Payload response) {
                posting.remove(id);
                outbox.remove(id);
                channel(true, "");
            }

            @Override
            public void failed(String why) {
                posting.remove(id);
                channel(false, "send " + why);
                resendLater();
            }
        });
    }

    private void resendLater() {
        if (resendTimer == null) {
            resendTimer = scheduler.schedule(backoff(), () -> {
                resendTimer = null;
                resendAll();
            });
        }
    }

    private void resendAll() {
        for (long id : outbox.keySet().toArray(new Long[0])) {
            post(id);
        }
    }

    private void poll() {
        http.request(new LongPollMessage.Poll(peerId, after), transport.pollTimeoutNanos(), new HttpConnections.Outcome() {
            @Override
            public void answered(Payload response) {
                channel(true, "");
                if (response instanceof LongPollMessage.Delivery delivery) {
                    for (LongPollMessage.Delivered message : delivery.messages()) {
                        if (message.seq() > after) {
                            after = message.seq();
                            listener.onMessage(message.from(), message.body());
                        }
                    }
                }
                poll();
            }

            @Override
            public void failed(String why) {
                channel(false, "recv " + why);
                scheduler.post(backoff(), () -> {
                    // Whatever was not acknowledged may not have arrived: post it again (peer.js poll()).
                    resendAll();
                    poll();
                });
            }
        });
    }

    private void channel(boolean nowUp, String why) {
        failures = nowUp ? 0 : failures + 1;
        if (nowUp != up) {
            up = nowUp;
            events.record(scheduler.now(), peerId,
                    nowUp ? EventDetail.SignalingConnection.UP : new EventDetail.SignalingConnection(false, why));
        }
    }

    /** peer.js backoff(): initial × factor^(failures − 1), capped; called after a failure was counted. */
    private long backoff() {
        return transport.retry().delayNanos(Math.max(1, failures), random);
    }
}
