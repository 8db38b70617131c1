package org.icesim.signaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.net.tcp.TcpConnection;

/**
 * The long-poll side of the signaling server, as the testbed's {@code SignalingService} keeps it:
 * each peer's messages numbered 1, 2, … in arrival order; a sender's messages added in its id
 * order (one that arrives before its predecessor is held) and a repeated id ignored; a poll for
 * messages after the n-th answered at once when there are more, else held until one arrives or
 * the hold runs out (then answered empty). With {@code headThenBody} a response goes out as the
 * testbed's server writes it: its head, then its body ({@link LongPollMessage.Head}, {@link
 * LongPollMessage.Body}; the connections' Nagle's algorithm is the server's, {@link SignalingServer}).
 */
final class LongPollMailboxes {

    private record Parked(TcpConnection connection, long after, Timer hold) {
    }

    private final Scheduler scheduler;
    private final long holdNanos;
    private final boolean headThenBody;
    /** Per recipient: its messages, the n-th at index n − 1. */
    private final Map<String, List<LongPollMessage.Delivered>> mailboxes = new HashMap<>();
    /** Per sender: the id it is to add next. */
    private final Map<String, Long> nextId = new HashMap<>();
    /** Per sender: messages that came before their predecessors, by id. */
    private final Map<String, TreeMap<Long, LongPollMessage.Post>> early = new HashMap<>();
    /** Per recipient: its polls waiting for a message, in arrival order. */
    private final Map<String, List<Parked>> parked = new HashMap<>();
    private long accepted;

    LongPollMailboxes(Scheduler scheduler, long holdNanos, boolean headThenBody) {
        this.scheduler = scheduler;
        this.holdNanos = holdNanos;
        this.headThenBody = headThenBody;
    }

    /** New messages added (repeats not counted). */
    long accepted() {
        return accepted;
    }

    /** Takes a posted message and acknowledges it on {@code connection}, a repeat too. */
    void post(TcpConnection connection, LongPollMessage.Post post) {
        long next = nextId.getOrDefault(post.from(), 1L);
        TreeMap<Long, LongPollMessage.Post> waiting = early.computeIfAbsent(post.from(), s -> new TreeMap<>());
        if (post.id() >= next && !waiting.containsKey(post.id())) {
            waiting.put(post.id(), post);
            while (waiting.containsKey(next)) {
                add(waiting.remove(next));
                next++;
            }
            nextId.put(post.from(), next);
        }
        if (connection.isConnected()) {
            respond(connection, new LongPollMessage.Posted());
        }
    }

    private void add(LongPollMessage.Post post) {
        List<LongPollMessage.Delivered> mailbox = mailboxes.computeIfAbsent(post.to(), p -> new ArrayList<>());
        mailbox.add(new LongPollMessage.Delivered(mailbox.size() + 1, post.from(), post.body(), post.bodyBytes()));
        accepted++;
        List<Parked> polls = parked.remove(post.to());
        if (polls != null) {
            for (Parked poll : polls) {
                poll.hold().cancel();
                answer(poll.connection(), post.to(), poll.after());
            }
        }
    }

    /** Answers {@code poll} now if there is anything after its cursor, else holds it. */
    void poll(TcpConnection connection, LongPollMessage.Poll poll) {
        if (mailboxes.getOrDefault(poll.peer(), List.of()).size() > poll.after()) {
            answer(connection, poll.peer(), poll.after());
            return;
        }
        Parked[] self = new Parked[1];
        Timer hold = scheduler.schedule(holdNanos, () -> {
            parked.get(poll.peer()).remove(self[0]);
            answer(connection, poll.peer(), poll.after());
        });
        self[0] = new Parked(connection, poll.after(), hold);
        parked.computeIfAbsent(poll.peer(), p -> new ArrayList<>()).add(self[0]);
    }

    /** A connection ended: its held poll, if any, is forgotten. */
    void closed(TcpConnection connection) {
        for (List<Parked> polls : parked.values()) {
            polls.removeIf(poll -> {
                if (poll.connection() == connection) {
                    poll.hold().cancel();
                    return true;
                }
                return false;
            });
        }
    }

    /** The server lost its state (a crash): every message and held poll is gone. */
    void clear() {
        parked.values().forEach(polls -> polls.forEach(poll -> poll.hold().cancel()));
        parked.clear();
        mailboxes.clear();
        nextId.clear();
        early.clear();
    }

    private void answer(TcpConnection connection, String peer, long after) {
        if (!connection.isConnected()) {
            return;
        }
        List<LongPollMessage.Delivered> mailbox = mailboxes.getOrDefault(peer, List.of());
        respond(connection, new LongPollMessage.Delivery(mailbox.subList((int) Math.min(after, mailbox.size()), mailbox.size())));
    }

    private void respond(TcpConnection connection, LongPollMessage.Response response) {
        if (headThenBody) {
            connection.send(new LongPollMessage.Head(response));
            connection.send(new LongPollMessage.Body(response));
        } else {
            connection.send(response);
        }
    }
}
