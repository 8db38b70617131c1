package org.icesim.signaling;

import org.icesim.net.Payload;

/**
 * One signaling message on the wire: a WebSocket frame (RFC 6455 §5.2) whose text is a small JSON
 * envelope around the application's message. The body travels as an object; its JSON size is
 * given by the sender, so bytes on the wire are as a browser's signaling would make them.
 *
 * @param kind      register (first frame of a connection, naming the client), forward or ping
 * @param from      the sending peer's id
 * @param to        the addressed peer's id (empty for register)
 * @param body      the application's message (opaque here)
 * @param bodyBytes the JSON size of {@code body}
 * @param masked    client-to-server frames are masked (4-byte key, RFC 6455 §5.3)
 */
public record SignalingFrame(Kind kind, String from, String to, Object body, int bodyBytes, boolean masked)
        implements Payload {

    /** {"type":"","from":"","to":"","body":} around the names and the body. */
    static final int ENVELOPE_JSON_BYTES = 36;

    /** The first frame names the client; forwards carry messages; pings keep the connection checked. */
    public enum Kind { REGISTER, FORWARD, PING }

    public SignalingFrame {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("signaling body bytes must be >= 0, was " + bodyBytes);
        }
    }

    /** The same message as the server relays it: unmasked, server to client. */
    SignalingFrame relayed() {
        return new SignalingFrame(kind, from, to, body, bodyBytes, false);
    }

    @Override
    public int size() {
        int text = ENVELOPE_JSON_BYTES + from.length() + to.length() + bodyBytes;
        // RFC 6455 §5.2: 2-byte header; 16-bit extended length above 125, 64-bit above 65535.
        int header = 2 + (text > 65_535 ? 8 : text > 125 ? 2 : 0);
        return header + (masked ? 4 : 0) + text;
    }
}
