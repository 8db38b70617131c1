package org.icesim.signaling;

/**
 * A peer application's client of its signaling server, over the transport the scenario chose
 * ({@link SignalingTransport}): it delivers the application's messages to the other peer and
 * hands it the messages the other peer sent.
 */
public sealed interface SignalingClient permits StreamSignalingClient, LongPollSignalingClient {

    /** What the application hears from its signaling client. */
    interface Listener {
        void onMessage(String from, Object body);

        /**
         * The client's connection came up or went down. Only a client that may lose messages
         * written to a broken connection calls it, so the application can send again what matters.
         */
        default void onConnectionChange(boolean connected) {
        }
    }

    void setListener(Listener listener);

    String peerId();

    /** Whether the client believes it can reach the server now. */
    boolean isConnected();

    void start();

    /** Sends {@code body} (of {@code bodyBytes} JSON bytes) to peer {@code to}. */
    void send(String to, Object body, int bodyBytes);
}
