package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.webrtc.TestPeer.await;

import org.icesim.kernel.Simulator;

/** Builds a peer connection in a given signaling state. */
final class SignalingStates {

    private SignalingStates() {
    }

    static TestPeer peerIn(Simulator sim, SignalingState state) {
        TestPeer peer = build(sim, state);
        assertThat(peer.pc.signalingState()).isEqualTo(state);
        peer.events.clear();
        return peer;
    }

    private static TestPeer build(Simulator sim, SignalingState state) {
        TestPeer offerer = TestPeer.withMedia(sim, "offerer", 1);
        TestPeer answerer = TestPeer.create(sim, "answerer", 2);
        switch (state) {
            case STABLE:
                TestPeer.offerAnswer(offerer, answerer);
                return offerer;
            case HAVE_LOCAL_OFFER:
                await(sim, offerer.pc.setLocalDescription());
                return offerer;
            case HAVE_REMOTE_OFFER:
                await(sim, offerer.pc.setLocalDescription());
                await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
                return answerer;
            case HAVE_LOCAL_PRANSWER: {
                await(sim, offerer.pc.setLocalDescription());
                await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
                SessionDescription answer = await(sim, answerer.pc.createAnswer());
                await(sim, answerer.pc.setLocalDescription(answer.withType(SdpType.PRANSWER)));
                return answerer;
            }
            case HAVE_REMOTE_PRANSWER: {
                await(sim, offerer.pc.setLocalDescription());
                await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
                SessionDescription answer = await(sim, answerer.pc.createAnswer());
                await(sim, offerer.pc.setRemoteDescription(answer.withType(SdpType.PRANSWER)));
                return offerer;
            }
            case CLOSED:
                offerer.pc.close();
                return offerer;
            default:
                throw new IllegalArgumentException("no recipe for " + state);
        }
    }
}
