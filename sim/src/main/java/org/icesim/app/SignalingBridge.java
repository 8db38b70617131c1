package org.icesim.app;

import java.util.function.Consumer;
import org.icesim.kernel.Clock;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventSink;
import org.icesim.signaling.SignalingClient;
import org.icesim.webrtc.SdpType;
import org.icesim.webrtc.SignalingChannel;
import org.icesim.webrtc.SignalingMessage;

/**
 * The application's signaling channel to the remote peer, carried by the peer's
 * {@link SignalingClient} through the simulated signaling server. It sizes each message as the
 * JSON a browser application would send, and records when offers leave.
 */
public final class SignalingBridge implements SignalingChannel {

    /**
     * JSON size of an offer or answer without candidates: a browser's SDP for one audio and one
     * video section with BUNDLE, codecs, extensions and DTLS fingerprint is about 3 KB.
     */
    static final int DESCRIPTION_BYTES = 3000;
    /** One {@code a=candidate} line inside a description. */
    static final int CANDIDATE_LINE_BYTES = 110;
    /** A trickled candidate message ({candidate, sdpMid, sdpMLineIndex, usernameFragment}). */
    static final int CANDIDATE_MESSAGE_BYTES = 190;

    private final Clock clock;
    private final String self;
    private final String remote;
    private final SignalingClient client;
    private final EventSink events;
    private final Runnable onReconnected;
    private boolean wasConnected;

    /**
     * @param onReconnected run when the signaling connection comes back after it was lost (not
     *                      on the first connection)
     */
    public SignalingBridge(Clock clock, String self, String remote, SignalingClient client, EventSink events,
            Runnable onReconnected) {
        this.clock = clock;
        this.self = self;
        this.remote = remote;
        this.client = client;
        this.events = events;
        this.onReconnected = onReconnected;
    }

    @Override
    public void send(SignalingMessage message) {
        int bytes = CANDIDATE_MESSAGE_BYTES;
        if (message instanceof SignalingMessage.DescriptionMessage d) {
            bytes = DESCRIPTION_BYTES + CANDIDATE_LINE_BYTES * d.description().candidates().size();
            if (d.description().type() == SdpType.OFFER) {
                events.record(clock.now(), self, new EventDetail.OfferSent(d.description().credentials().ufrag()));
            }
        }
        client.send(remote, message, bytes);
    }

    @Override
    public void onReceive(Consumer<SignalingMessage> receiver) {
        client.setListener(new SignalingClient.Listener() {
            @Override
            public void onMessage(String from, Object body) {
                if (from.equals(remote) && body instanceof SignalingMessage message) {
                    receiver.accept(message);
                }
            }

            @Override
            public void onConnectionChange(boolean connected) {
                if (connected && wasConnected) {
                    onReconnected.run();
                }
                wasConnected |= connected;
            }
        });
    }
}
