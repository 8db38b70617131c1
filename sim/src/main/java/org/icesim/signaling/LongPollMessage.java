package org.icesim.signaling;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.icesim.net.Payload;

/**
 * One HTTP/1.1 request or response of the long-poll protocol (docs/testbed.md, "Signaling
 * server"). Sizes are those of the text the protocol needs: the request line or status line, the
 * headers HTTP/1.1 requires for it (RFC 9112 §3.2 Host, §6.2 Content-Length) and the JSON body.
 */
public sealed interface LongPollMessage extends Payload {

    /** {@code POST /send?from=F&to=T&id=K}: message {@code id} of peer {@code from}, for {@code to}. */
    record Post(String from, String to, long id, Object body, int bodyBytes) implements LongPollMessage {
        @Override
        public int size() {
            String head = "POST /send?from=" + from + "&to=" + to + "&id=" + id + " HTTP/1.1\r\n" + HOST_HEADER
                    + "Content-Type: text/plain\r\nContent-Length: " + bodyBytes + "\r\n\r\n";
            return utf8(head) + bodyBytes;
        }
    }

    /** {@code GET /recv?peer=P&after=N}: the messages for {@code peer} after its {@code after}-th. */
    record Poll(String peer, long after) implements LongPollMessage {
        @Override
        public int size() {
            return utf8("GET /recv?peer=" + peer + "&after=" + after + " HTTP/1.1\r\n" + HOST_HEADER + "\r\n");
        }
    }

    /** A response of the server: its status line and headers, then its JSON body. */
    sealed interface Response extends LongPollMessage {
        int bodyBytes();

        @Override
        default int size() {
            return headBytes(bodyBytes()) + bodyBytes();
        }
    }

    /** {@code 200 {"ok":true}}: the server has the posted message. */
    record Posted() implements Response {
        @Override
        public int bodyBytes() {
            return utf8("{\"ok\":true}");
        }
    }

    /** {@code 200 {"messages":[...]}}: a poll's answer, empty when the hold ran out. */
    record Delivery(List<Delivered> messages) implements Response {
        public Delivery {
            messages = List.copyOf(messages);
        }

        @Override
        public int bodyBytes() {
            int json = utf8("{\"messages\":[]}") + Math.max(0, messages.size() - 1);
            for (Delivered message : messages) {
                json += message.jsonBytes();
            }
            return json;
        }
    }

    /**
     * The status line and headers of {@code response}, written on their own: the testbed's server
     * writes them and then the body (SignalingTransport.LongPoll#headThenBody).
     */
    record Head(Response response) implements LongPollMessage {
        @Override
        public int size() {
            return headBytes(response.bodyBytes());
        }
    }

    /** The body of {@code response}, written after its {@link Head}; the client has the response with it. */
    record Body(Response response) implements LongPollMessage {
        @Override
        public int size() {
            return response.bodyBytes();
        }
    }

    /** One message of a {@link Delivery}: its number among the peer's messages, sender and body. */
    record Delivered(long seq, String from, Object body, int bodyBytes) {
        int jsonBytes() {
            return utf8("{\"seq\":" + seq + ",\"from\":\"" + from + "\",\"body\":}") + bodyBytes;
        }
    }

    /** The Host header of a request to the server (RFC 9112 §3.2), its address as the testbed's. */
    String HOST_HEADER = "Host: 203.0.113.10:8080\r\n";

    private static int headBytes(int bodyBytes) {
        return utf8("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes + "\r\n\r\n");
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
