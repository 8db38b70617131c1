package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.webrtc.SignalingState.CLOSED;
import static org.icesim.webrtc.SignalingState.HAVE_LOCAL_OFFER;
import static org.icesim.webrtc.SignalingState.HAVE_LOCAL_PRANSWER;
import static org.icesim.webrtc.SignalingState.HAVE_REMOTE_OFFER;
import static org.icesim.webrtc.SignalingState.HAVE_REMOTE_PRANSWER;
import static org.icesim.webrtc.SignalingState.STABLE;
import static org.icesim.webrtc.TestPeer.await;

import java.util.EnumSet;
import java.util.Set;
import org.icesim.kernel.InvariantViolation;
import org.icesim.kernel.Invariants;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** The W3C state-transition invariants: RTCSignalingState and RTCIceConnectionState. */
class StateTransitionInvariantTest {

    private static Set<SignalingState> successors(SignalingState from) {
        Set<SignalingState> next = EnumSet.noneOf(SignalingState.class);
        for (SignalingState to : SignalingState.values()) {
            if (from.canMoveTo(to)) {
                next.add(to);
            }
        }
        return next;
    }

    @Test
    void signalingStatesMoveOnlyAsOfferAnswerAndRollbackAllow_w3c_setTheSessionDescription() {
        assertThat(successors(STABLE)).containsExactlyInAnyOrder(HAVE_LOCAL_OFFER, HAVE_REMOTE_OFFER, CLOSED);
        assertThat(successors(HAVE_LOCAL_OFFER)).containsExactlyInAnyOrder(HAVE_REMOTE_PRANSWER, STABLE, CLOSED);
        assertThat(successors(HAVE_REMOTE_OFFER)).containsExactlyInAnyOrder(HAVE_LOCAL_PRANSWER, STABLE, CLOSED);
        assertThat(successors(HAVE_LOCAL_PRANSWER)).containsExactlyInAnyOrder(STABLE, CLOSED);
        assertThat(successors(HAVE_REMOTE_PRANSWER)).containsExactlyInAnyOrder(STABLE, CLOSED);
        assertThat(successors(CLOSED)).isEmpty();
    }

    @Test
    void iceConnectionStateNeverLeavesClosedNorReturnsToNew_w3c_RTCIceConnectionState() {
        for (IceConnectionState state : IceConnectionState.values()) {
            assertThat(IceConnectionState.CLOSED.canMoveTo(state)).isFalse();
            assertThat(state.canMoveTo(IceConnectionState.NEW)).isFalse();
        }
        assertThat(IceConnectionState.NEW.canMoveTo(IceConnectionState.CHECKING)).isTrue();
        assertThat(IceConnectionState.FAILED.canMoveTo(IceConnectionState.CHECKING)).isTrue();
        // libwebrtc revives a timed-out pair and goes from failed straight to connected.
        assertThat(IceConnectionState.FAILED.canMoveTo(IceConnectionState.CONNECTED)).isTrue();
    }

    @Test
    void leavingClosedIsAViolationNamingTheConnectionAndBothStates() {
        Invariants invariants = Invariants.on(() -> 3_000_000_000L);
        assertThatThrownBy(() -> invariants.requireTransition(SignalingState.TRANSITION_INVARIANT, "peer connection (local "
                + "ufrag abcd)", CLOSED, STABLE, CLOSED.canMoveTo(STABLE)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("signaling state transition violated on peer connection (local ufrag abcd) at 3 s: "
                        + "CLOSED \u2192 STABLE is not a permitted transition");
    }

    @Test
    void aPeerConnectionChecksEachOfItsSignalingAndIceConnectionStateChanges() {
        Simulator sim = SuiteChecks.simulator();
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);
        await(sim, a.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));
        a.pc.close();
        // a: stable → have-local-offer → stable → closed; b: stable → have-remote-offer → stable.
        assertThat(sim.invariants().count(SignalingState.TRANSITION_INVARIANT)).isEqualTo(5);
        // Each ICE connection state event was one checked change, and close() one more, without event.
        long iceChanges = a.events(PeerConnectionEvent.IceConnectionStateChange.class).size()
                + b.events(PeerConnectionEvent.IceConnectionStateChange.class).size();
        assertThat(iceChanges).isPositive();
        assertThat(sim.invariants().count(IceConnectionState.TRANSITION_INVARIANT)).isEqualTo(iceChanges + 1);
    }
}
