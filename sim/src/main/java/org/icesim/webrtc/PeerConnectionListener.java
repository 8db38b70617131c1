package org.icesim.webrtc;

/** Receives the events a {@link PeerConnection} fires, in firing order. */
@FunctionalInterface
public interface PeerConnectionListener {
    void onEvent(PeerConnectionEvent event);
}
