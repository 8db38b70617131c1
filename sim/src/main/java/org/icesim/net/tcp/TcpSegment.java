package org.icesim.net.tcp;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;
import org.icesim.net.TcpHeader;

/**
 * A TCP segment as carried in a {@link org.icesim.net.Packet} of {@link org.icesim.net.Protocol#TCP}.
 * The header fields are real (32-bit sequence numbers starting at a random ISS); the data is a
 * slice of the sender's message chain: {@code length} bytes starting {@code offsetInFirstMessage}
 * bytes into {@code firstMessage}, possibly running on into the messages after it. {@link #size()}
 * is the data length; the 20-byte header is counted by the protocol. Options are not modelled.
 *
 * @param sequenceNumber        sequence number of the first byte (or of the SYN/FIN)
 * @param acknowledgementNumber next sequence number expected from the peer, when ACK is set
 * @param flags                 {@link TcpHeader} flag bits
 * @param window                receive window advertised
 * @param firstMessage          the message holding the first data byte; null when there is no data
 * @param offsetInFirstMessage  where the data starts inside {@code firstMessage}
 * @param length                data bytes carried
 */
public record TcpSegment(
        long sequenceNumber,
        long acknowledgementNumber,
        int flags,
        int window,
        StreamMessage firstMessage,
        int offsetInFirstMessage,
        int length) implements Payload, TcpHeader {

    public TcpSegment {
        if (length < 0 || (length > 0) != (firstMessage != null)) {
            throw new IllegalArgumentException("a segment carries data (length > 0) exactly when it names its first"
                    + " message; was length " + length + " with " + (firstMessage == null ? "no" : "a") + " message");
        }
        if (firstMessage != null && (offsetInFirstMessage < 0 || offsetInFirstMessage >= firstMessage.size())) {
            throw new IllegalArgumentException("offsetInFirstMessage must be in 0.." + (firstMessage.size() - 1)
                    + ", was " + offsetInFirstMessage);
        }
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public int size() {
        return length;
    }

    /** Writes the carried bytes by encoding the slice of each message it spans. */
    @Override
    public void encode(ByteBuffer out) {
        StreamMessage message = firstMessage;
        int from = offsetInFirstMessage;
        int remaining = length;
        while (remaining > 0) {
            int n = Math.min(remaining, message.size() - from);
            message.encode(from, n, out);
            remaining -= n;
            from = 0;
            message = message.next();
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        appendFlag(text, FLAG_SYN, "SYN");
        appendFlag(text, FLAG_FIN, "FIN");
        appendFlag(text, FLAG_RST, "RST");
        appendFlag(text, FLAG_PSH, "PSH");
        appendFlag(text, FLAG_ACK, "ACK");
        text.append(" seq=").append(sequenceNumber);
        if (has(FLAG_ACK)) {
            text.append(" ack=").append(acknowledgementNumber);
        }
        return text.append(" win=").append(window).append(" len=").append(length).toString();
    }

    private void appendFlag(StringBuilder text, int flag, String name) {
        if (has(flag)) {
            text.append(text.length() == 0 ? "" : "|").append(name);
        }
    }
}
