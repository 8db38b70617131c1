package org.icesim.net.tcp;

import org.icesim.net.Payload;

/**
 * The outgoing side of a stream: messages queued in order, kept until acknowledged. Acknowledged
 * messages are only unlinked from the head, never cut from the chain, because segments still in
 * flight point into it.
 */
final class SendBuffer {
    private StreamMessage head;
    private StreamMessage tail;
    private StreamMessage cursor;
    private long end;

    /** Queues {@code payload} after everything queued so far. */
    void append(Payload payload) {
        StreamMessage message = new StreamMessage(payload, end);
        end = message.end();
        if (tail != null) {
            tail.link(message);
        }
        tail = message;
        if (head == null) {
            head = message;
        }
        if (cursor == null) {
            cursor = message;
        }
    }

    /** Stream offset just past the last queued byte. */
    long end() {
        return end;
    }

    /** The oldest message not wholly acknowledged; it holds the first unacknowledged byte. */
    StreamMessage head() {
        return head;
    }

    /** The message holding unsent byte {@code offset}; offsets asked for must not decrease. */
    StreamMessage unsentAt(long offset) {
        while (cursor.end() <= offset) {
            cursor = cursor.next();
        }
        return cursor;
    }

    /** Forgets the messages that end at or before {@code offset}, all of whose bytes were acknowledged. */
    void acknowledgedUpTo(long offset) {
        while (head != null && head.end() <= offset) {
            head = head.next();
        }
    }
}
