package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.icesim.kernel.Durations;
import org.icesim.kernel.Simulator;

/**
 * Two peer connections on fake ICE transports, each driven by {@link PerfectNegotiation} over an
 * in-memory signaling channel with a fixed delay. The polite peer has a media section from the
 * start, so its negotiationneeded opens the call.
 */
final class PerfectNegotiationPair {

    static final long SIGNALING_DELAY = Durations.millis(25);
    static final long CONNECT_DELAY = Durations.millis(5);

    final TestPeer polite;
    final TestPeer impolite;
    final InMemorySignalingChannel politeChannel;
    final InMemorySignalingChannel impoliteChannel;
    final PerfectNegotiation politeDriver;
    final PerfectNegotiation impoliteDriver;

    private PerfectNegotiationPair(Simulator sim, boolean impoliteHasMedia) {
        polite = TestPeer.withMedia(sim, "polite", 1);
        impolite = impoliteHasMedia ? TestPeer.withMedia(sim, "impolite", 2) : TestPeer.create(sim, "impolite", 2);
        polite.ice.connectDelay = CONNECT_DELAY;
        impolite.ice.connectDelay = CONNECT_DELAY;
        InMemorySignalingChannel[] channel = InMemorySignalingChannel.pair(sim, SIGNALING_DELAY);
        politeChannel = channel[0];
        impoliteChannel = channel[1];
        politeDriver = PerfectNegotiation.attach(polite.pc, politeChannel, PerfectNegotiation.Role.POLITE);
        impoliteDriver = PerfectNegotiation.attach(impolite.pc, impoliteChannel, PerfectNegotiation.Role.IMPOLITE);
    }

    /** Wired but not yet run: the polite peer's negotiationneeded is queued at the current time. */
    static PerfectNegotiationPair create(Simulator sim, boolean impoliteHasMedia) {
        return new PerfectNegotiationPair(sim, impoliteHasMedia);
    }

    /** Negotiated and connected (ICE and DTLS), events cleared. */
    static PerfectNegotiationPair connected(Simulator sim) {
        PerfectNegotiationPair pair = new PerfectNegotiationPair(sim, false);
        sim.run();
        pair.assertNoErrorsAndStable();
        assertThat(pair.polite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(pair.impolite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        pair.polite.events.clear();
        pair.impolite.events.clear();
        return pair;
    }

    void assertNoErrorsAndStable() {
        assertThat(politeDriver.errors()).isEmpty();
        assertThat(impoliteDriver.errors()).isEmpty();
        assertThat(polite.pc.signalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(impolite.pc.signalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(polite.pc.currentLocalDescription().credentials())
                .isEqualTo(impolite.pc.currentRemoteDescription().credentials());
        assertThat(impolite.pc.currentLocalDescription().credentials())
                .isEqualTo(polite.pc.currentRemoteDescription().credentials());
    }
}
