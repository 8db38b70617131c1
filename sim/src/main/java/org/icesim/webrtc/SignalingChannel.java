package org.icesim.webrtc;

import java.util.function.Consumer;

/**
 * The application's signaling channel to the remote peer (W3C: "provided by unspecified means").
 * Delivery may be delayed or lost; the channel decides.
 */
public interface SignalingChannel {

    /** Sends {@code message} to the remote peer. */
    void send(SignalingMessage message);

    /** Sets who receives the messages the remote peer sends. */
    void onReceive(Consumer<SignalingMessage> receiver);
}
