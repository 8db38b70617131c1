package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.webrtc.PerfectNegotiationPair.CONNECT_DELAY;
import static org.icesim.webrtc.PerfectNegotiationPair.SIGNALING_DELAY;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.DTLS;

import java.util.List;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.kernel.Durations;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.icesim.webrtc.PeerConnectionEvent.SignalingStateChange;
import org.junit.jupiter.api.Test;

/** The W3C perfect-negotiation pattern between two peers over a delayed in-memory channel. */
class PerfectNegotiationTest {

    private static final long S = SIGNALING_DELAY;

    private final Simulator sim = SuiteChecks.simulator();

    @Test
    void politeOffererConnectsTheCallOnItsFirstNegotiationNeeded() {
        PerfectNegotiationPair pn = PerfectNegotiationPair.create(sim, false);

        sim.run();

        pn.assertNoErrorsAndStable();
        // offer applied at 2D, arrives at 2D+S, applied remotely at 3D+S, answer applied at 5D+S,
        // arrives at 5D+2S and is applied at 6D+2S.
        assertThat(pn.polite.events(SignalingStateChange.class)).extracting(SignalingStateChange::at, SignalingStateChange::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2 * D, SignalingState.HAVE_LOCAL_OFFER),
                        org.assertj.core.groups.Tuple.tuple(6 * D + 2 * S, SignalingState.STABLE));
        assertThat(pn.impolite.events(SignalingStateChange.class)).extracting(SignalingStateChange::at)
                .containsExactly(3 * D + S, 5 * D + S);
        assertThat(pn.polite.pc.iceRole()).contains(IceRole.CONTROLLING);
        assertThat(pn.impolite.pc.iceRole()).contains(IceRole.CONTROLLED);
        assertThat(pn.impolite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(pn.polite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(sim.now()).as("the offerer's ICE connects CONNECT_DELAY after the answer, DTLS after that")
                .isEqualTo(6 * D + 2 * S + CONNECT_DELAY + DTLS);
    }

    @Test
    void initialOfferCollisionIsWonByTheImpoliteOfferAndNeedsNoSecondRound() {
        PerfectNegotiationPair pn = PerfectNegotiationPair.create(sim, true);

        sim.run();

        pn.assertNoErrorsAndStable();
        assertThat(pn.polite.negotiationNeededTimes()).containsExactly(0L);
        assertThat(pn.impolite.negotiationNeededTimes()).containsExactly(0L);
        assertThat(pn.impoliteChannel.sentDescriptions()).extracting(SessionDescription::type).containsExactly(SdpType.OFFER);
        assertThat(pn.politeChannel.sentDescriptions()).extracting(SessionDescription::type)
                .containsExactly(SdpType.OFFER, SdpType.ANSWER);
        assertThat(pn.polite.pc.currentLocalDescription().mids()).as("the polite media section joined the impolite offer's")
                .containsExactly("0");
        assertThat(pn.impolite.pc.iceRole()).contains(IceRole.CONTROLLING);
        assertThat(pn.polite.pc.iceRole()).as("its rolled-back first offer no longer decides the role")
                .contains(IceRole.CONTROLLED);
        assertThat(pn.polite.ice.calls).contains("setRole(controlling)@" + 2 * D, "rollback()@" + (3 * D + S),
                "setRole(controlled)@" + (4 * D + S));
    }

    @Test
    void simultaneousRestartsLetOneOfferWinAndRestartBothSidesOnce() {
        PerfectNegotiationPair pn = PerfectNegotiationPair.connected(sim);
        long t = Durations.seconds(1);
        sim.runUntil(t);
        IceCredentials polite1 = pn.polite.pc.currentLocalDescription().credentials();
        IceCredentials impolite1 = pn.impolite.pc.currentLocalDescription().credentials();

        pn.polite.pc.restartIce();
        pn.impolite.pc.restartIce();
        sim.run();

        pn.assertNoErrorsAndStable();
        assertThat(pn.polite.negotiationNeededTimes()).containsExactly(t);
        assertThat(pn.impolite.negotiationNeededTimes()).containsExactly(t);
        List<SessionDescription> politeSent = pn.politeChannel.sentDescriptions();
        List<SessionDescription> impoliteSent = pn.impoliteChannel.sentDescriptions();
        SessionDescription losingOffer = politeSent.get(politeSent.size() - 2);
        SessionDescription answer = politeSent.get(politeSent.size() - 1);
        SessionDescription winningOffer = impoliteSent.get(impoliteSent.size() - 1);
        assertThat(losingOffer.type()).isEqualTo(SdpType.OFFER);
        assertThat(winningOffer.type()).isEqualTo(SdpType.OFFER);
        assertThat(answer.type()).isEqualTo(SdpType.ANSWER);

        // The winning offer restarts ICE, so the polite answer carries new credentials of its own,
        // which empties the polite slot: its restart is satisfied without a second offer.
        assertThat(answer.credentials()).isNotIn(polite1, losingOffer.credentials());
        assertThat(winningOffer.credentials()).isNotEqualTo(impolite1);
        assertThat(pn.polite.pc.currentLocalDescription().credentials()).isEqualTo(answer.credentials());
        assertThat(pn.impolite.pc.currentLocalDescription().credentials()).isEqualTo(winningOffer.credentials());
        assertThat(pn.polite.ice.restarts).isEqualTo(1);
        assertThat(pn.impolite.ice.restarts).isEqualTo(1);
        assertThat(pn.impolite.ice.calls).noneMatch(call -> call.startsWith("setRemoteCredentials(" + losingOffer.ufrag()));
        assertThat(pn.polite.ice.localGenerations).containsExactly(polite1, losingOffer.credentials(), answer.credentials());

        // Both offers applied at t+2D and cross; the polite side rolls back at t+2D+S+D, applies the
        // remote offer at +2D, answers at +4D; the impolite side applies the answer S+D later.
        assertThat(pn.polite.events(SignalingStateChange.class)).extracting(SignalingStateChange::at, SignalingStateChange::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t + 2 * D, SignalingState.HAVE_LOCAL_OFFER),
                        org.assertj.core.groups.Tuple.tuple(t + 3 * D + S, SignalingState.STABLE),
                        org.assertj.core.groups.Tuple.tuple(t + 4 * D + S, SignalingState.HAVE_REMOTE_OFFER),
                        org.assertj.core.groups.Tuple.tuple(t + 6 * D + S, SignalingState.STABLE));
        assertThat(pn.impolite.events(SignalingStateChange.class)).extracting(SignalingStateChange::at)
                .containsExactly(t + 2 * D, t + 7 * D + 2 * S);
        assertThat(pn.polite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(pn.impolite.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
    }

    @Test
    void candidatesOfAnIgnoredOfferAreSuppressedAndTheRestReachTheRemoteAgent() {
        PerfectNegotiationPair pn = PerfectNegotiationPair.connected(sim);
        pn.polite.ice.gatherDelay = Durations.millis(1);
        pn.impolite.ice.gatherDelay = Durations.millis(1);
        long t = Durations.seconds(1);
        sim.runUntil(t);

        pn.polite.pc.restartIce();
        pn.impolite.pc.restartIce();
        sim.run();

        pn.assertNoErrorsAndStable();
        String losing = pn.polite.ice.localGenerations.get(1).ufrag();
        assertThat(pn.politeChannel.sent).as("the ignored offer's candidates were sent")
                .anyMatch(message -> message instanceof SignalingMessage.CandidateMessage
                        && ((SignalingMessage.CandidateMessage) message).candidate() != null
                        && losing.equals(((SignalingMessage.CandidateMessage) message).candidate().usernameFragment()));
        assertThat(pn.impolite.ice.remoteCandidates).as("but never reached the impolite agent")
                .noneMatch(candidate -> losing.equals(candidate.usernameFragment()));
        String politeFinal = pn.polite.pc.currentLocalDescription().ufrag();
        String impoliteFinal = pn.impolite.pc.currentLocalDescription().ufrag();
        assertThat(pn.impolite.ice.remoteCandidates).extracting(IceCandidate::usernameFragment).contains(politeFinal);
        assertThat(pn.impolite.ice.remoteEndOfCandidates).contains(politeFinal);
        assertThat(pn.polite.ice.remoteCandidates).extracting(IceCandidate::usernameFragment).contains(impoliteFinal);
        assertThat(pn.polite.ice.remoteEndOfCandidates).contains(impoliteFinal);
    }

    @Test
    void anOfferArrivingWhileTheAnswerIsBeingAppliedIsNotACollision() {
        TestPeer impolite = TestPeer.withMedia(sim, "impolite", 2);
        ManualChannel channel = new ManualChannel();
        PerfectNegotiation driver = PerfectNegotiation.attach(impolite.pc, channel, PerfectNegotiation.Role.IMPOLITE);
        TestPeer remote = TestPeer.create(sim, "remote", 1);
        sim.run();
        SessionDescription offer = ((SignalingMessage.DescriptionMessage) channel.sent.get(0)).description();
        TestPeer.await(sim, remote.pc.setRemoteDescription(offer));
        TestPeer.await(sim, remote.pc.setLocalDescription());
        SessionDescription answer = remote.pc.localDescription();
        remote.pc.restartIce();
        TestPeer.await(sim, remote.pc.setLocalDescription());
        SessionDescription nextOffer = remote.pc.localDescription();
        long t = sim.now();

        // Both arrive at once: the offer meets have-local-offer, but SRD(answer) is already
        // chained, so by the time the offer is applied the state is stable.
        channel.receiver.accept(new SignalingMessage.DescriptionMessage(answer));
        channel.receiver.accept(new SignalingMessage.DescriptionMessage(nextOffer));
        sim.run();

        assertThat(driver.errors()).isEmpty();
        assertThat(impolite.pc.signalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(impolite.pc.currentRemoteDescription().credentials()).isEqualTo(nextOffer.credentials());
        assertThat(impolite.events(SignalingStateChange.class)).extracting(SignalingStateChange::at)
                .endsWith(t + D, t + 2 * D, t + 4 * D);
        assertThat(channel.sent).hasSize(2);
    }

    @Test
    void anIgnoredOfferLeavesTheImpoliteSideWaitingForItsAnswer() {
        TestPeer impolite = TestPeer.withMedia(sim, "impolite", 2);
        ManualChannel channel = new ManualChannel();
        PerfectNegotiation driver = PerfectNegotiation.attach(impolite.pc, channel, PerfectNegotiation.Role.IMPOLITE);
        TestPeer remote = TestPeer.withMedia(sim, "remote", 1);
        TestPeer.await(sim, remote.pc.setLocalDescription());

        channel.receiver.accept(new SignalingMessage.DescriptionMessage(remote.pc.localDescription()));
        channel.receiver.accept(new SignalingMessage.CandidateMessage(
                remote.ice.hostCandidate(remote.localCredentials().ufrag()).withMediaSection("0", 0)));
        sim.run();

        assertThat(impolite.pc.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
        assertThat(impolite.ice.calls).noneMatch(call -> call.startsWith("setRemoteCredentials"));
        assertThat(driver.errors()).as("the ignored offer's candidate error is suppressed").isEmpty();
        assertThat(driver.isMakingOffer()).isFalse();
    }

    /** A channel the test delivers into by hand. */
    private static final class ManualChannel implements SignalingChannel {
        private final List<SignalingMessage> sent = new java.util.ArrayList<>();
        private java.util.function.Consumer<SignalingMessage> receiver;

        @Override
        public void send(SignalingMessage message) {
            sent.add(message);
        }

        @Override
        public void onReceive(java.util.function.Consumer<SignalingMessage> newReceiver) {
            receiver = newReceiver;
        }
    }
}
