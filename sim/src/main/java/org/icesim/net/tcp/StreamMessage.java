package org.icesim.net.tcp;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/**
 * One message placed on a connection's byte stream at a known offset: an application message
 * (wrapped in TLS records when TLS is on) or a TLS handshake flight. Messages of one direction
 * form a chain in stream order; segments point into the chain instead of copying bytes, and the
 * receiver walks it to hand over each message once all its bytes have arrived.
 */
public final class StreamMessage {
    private final Payload payload;
    private final long offset;
    private final int size;
    private StreamMessage next;

    StreamMessage(Payload payload, long offset) {
        this.payload = payload;
        this.offset = offset;
        this.size = payload.size();
    }

    /** What occupies these bytes of the stream. */
    public Payload payload() {
        return payload;
    }

    /** Stream offset of the first byte (0 = the first data byte after the SYN). */
    public long offset() {
        return offset;
    }

    /** Bytes on the stream. */
    public int size() {
        return size;
    }

    /** Stream offset just past the last byte. */
    public long end() {
        return offset + size;
    }

    /** The message after this one on the stream, or null if none was queued yet. */
    StreamMessage next() {
        return next;
    }

    void link(StreamMessage following) {
        next = following;
    }

    /** Writes bytes {@code [from, from + length)} of this message's wire image. */
    void encode(int from, int length, ByteBuffer out) {
        if (from == 0 && length == size) {
            payload.encode(out);
            return;
        }
        ByteBuffer whole = ByteBuffer.allocate(size);
        payload.encode(whole);
        out.put(whole.array(), from, length);
    }

    @Override
    public String toString() {
        return "[" + offset + ", " + end() + ") " + payload;
    }
}
