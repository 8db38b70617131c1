package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.await;
import static org.icesim.webrtc.TestPeer.awaitError;

import java.util.List;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.kernel.Simulator;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;
import org.icesim.webrtc.PeerConnectionEvent.SignalingStateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** W3C RTCSignalingState transitions ("set the session description") and the errors of invalid ones. */
class SignalingStateMachineTest {

    private final Simulator sim = SuiteChecks.simulator();

    private static List<SignalingState> states(TestPeer peer) {
        return peer.events(SignalingStateChange.class).stream().map(SignalingStateChange::state).toList();
    }

    @Test
    void offererGoesThroughHaveLocalOfferAndHaveRemotePranswerToStable() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);
        await(sim, a.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        SessionDescription answer = await(sim, b.pc.createAnswer());

        await(sim, a.pc.setRemoteDescription(answer.withType(SdpType.PRANSWER)));
        await(sim, a.pc.setRemoteDescription(answer));

        assertThat(a.events(SignalingStateChange.class)).extracting(SignalingStateChange::at, SignalingStateChange::state)
                .containsExactly(tuple(2 * D, SignalingState.HAVE_LOCAL_OFFER),
                        tuple(5 * D, SignalingState.HAVE_REMOTE_PRANSWER), tuple(6 * D, SignalingState.STABLE));
        assertThat(a.pc.currentRemoteDescription()).isEqualTo(answer);
        assertThat(a.pc.pendingRemoteDescription()).isNull();
        assertThat(a.pc.pendingLocalDescription()).isNull();
        assertThat(a.ice.calls).contains("startChecks(" + a.localCredentials().ufrag() + ", " + answer.ufrag() + ")@" + 5 * D);
    }

    @Test
    void answererGoesThroughHaveRemoteOfferAndHaveLocalPranswerToStable() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);
        await(sim, a.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        SessionDescription answer = await(sim, b.pc.createAnswer());
        await(sim, b.pc.setLocalDescription(answer.withType(SdpType.PRANSWER)));

        SessionDescription finalAnswer = await(sim, b.pc.createAnswer());
        await(sim, b.pc.setLocalDescription(finalAnswer));

        assertThat(finalAnswer.credentials()).as("the final answer keeps the pranswer's generation").isEqualTo(answer.credentials());
        assertThat(states(b)).containsExactly(SignalingState.HAVE_REMOTE_OFFER, SignalingState.HAVE_LOCAL_PRANSWER,
                SignalingState.STABLE);
        assertThat(b.pc.currentLocalDescription()).isEqualTo(finalAnswer);
        assertThat(b.ice.localGenerations).hasSize(1);
    }

    @Test
    void reOfferingInHaveLocalOfferKeepsTheStateWithoutAnEvent() {
        TestPeer a = SignalingStates.peerIn(sim, SignalingState.HAVE_LOCAL_OFFER);
        IceCredentials pending = a.localCredentials();

        await(sim, a.pc.setLocalDescription());

        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
        assertThat(a.events(SignalingStateChange.class)).isEmpty();
        assertThat(a.localCredentials()).isEqualTo(pending);
    }

    @Test
    void aSecondRemoteOfferReplacesThePendingOne() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);
        await(sim, a.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        SessionDescription second = await(sim, a.pc.createOffer(OfferOptions.ICE_RESTART));

        await(sim, b.pc.setRemoteDescription(second));

        assertThat(b.pc.pendingRemoteDescription()).isEqualTo(second);
        assertThat(states(b)).containsExactly(SignalingState.HAVE_REMOTE_OFFER);
    }

    @ParameterizedTest
    @EnumSource(value = SignalingState.class, names = {"HAVE_LOCAL_OFFER", "HAVE_REMOTE_OFFER"})
    void rollbackFromEitherSideReturnsToTheLastStableState(SignalingState state) {
        for (boolean remote : new boolean[] {false, true}) {
            Simulator own = SuiteChecks.simulator();
            TestPeer peer = SignalingStates.peerIn(own, state);

            await(own, remote ? peer.pc.setRemoteDescription(SessionDescription.rollback())
                    : peer.pc.setLocalDescription(SessionDescription.rollback()));

            assertThat(peer.pc.signalingState()).isEqualTo(SignalingState.STABLE);
            assertThat(peer.pc.pendingLocalDescription()).isNull();
            assertThat(peer.pc.pendingRemoteDescription()).isNull();
            assertThat(peer.pc.currentLocalDescription()).as("nothing was ever negotiated").isNull();
            assertThat(peer.pc.iceRole()).isEmpty();
            assertThat(peer.ice.calls).anyMatch(call -> call.startsWith("rollback()"));
            assertThat(states(peer)).containsExactly(SignalingState.STABLE);
        }
    }

    @Test
    void aRemoteOfferInHaveLocalOfferRollsBackImplicitly() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.withMedia(sim, "b", 2);
        a.pc.setLocalDescription();
        b.pc.setLocalDescription();
        sim.run();

        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));

        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_REMOTE_OFFER);
        assertThat(a.events(SignalingStateChange.class)).extracting(SignalingStateChange::at, SignalingStateChange::state)
                .containsExactly(tuple(2 * D, SignalingState.HAVE_LOCAL_OFFER), tuple(3 * D, SignalingState.STABLE),
                        tuple(4 * D, SignalingState.HAVE_REMOTE_OFFER));
    }

    @ParameterizedTest
    @EnumSource(value = SignalingState.class, names = {"HAVE_LOCAL_PRANSWER", "HAVE_REMOTE_PRANSWER"})
    void aRemoteOfferInAPranswerStateIsRejectedBecauseItsImplicitRollbackIs(SignalingState state) {
        TestPeer peer = SignalingStates.peerIn(sim, state);
        TestPeer other = TestPeer.withMedia(sim, "other", 3);
        await(sim, other.pc.setLocalDescription());
        long now = sim.now();

        Completion<Void> result = peer.pc.setRemoteDescription(other.pc.localDescription());

        assertThat(result.isRejected()).as("rejected at %d without delay", now).isTrue();
        assertThat(result.error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
        sim.run();
        assertThat(peer.pc.signalingState()).isEqualTo(state);
    }

    @Test
    void createAnswerInStableRejectsInvalidStateError() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);

        Completion<SessionDescription> answer = a.pc.createAnswer();

        assertThat(answer.error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
    }

    @Test
    void answersInStableAreRejectedAfterTheProcessingDelay() {
        TestPeer[] pair = TestPeer.negotiatedPair(sim);
        TestPeer a = pair[0];
        SessionDescription remoteAnswer = pair[1].pc.currentLocalDescription();
        long start = sim.now();
        long[] rejectedAt = new long[2];

        a.pc.setRemoteDescription(remoteAnswer).onFailure(e -> rejectedAt[0] = sim.now());
        a.pc.setRemoteDescription(remoteAnswer.withType(SdpType.PRANSWER)).onFailure(e -> rejectedAt[1] = sim.now());
        sim.run();

        assertThat(rejectedAt).containsExactly(start + D, start + 2 * D);
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.STABLE);
    }

    @Test
    void aLocalOfferInHaveRemoteOfferRejectsInvalidStateError() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.withMedia(sim, "b", 2);
        SessionDescription ownOffer = await(sim, b.pc.createOffer());
        await(sim, a.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));

        DomException error = awaitError(sim, b.pc.setLocalDescription(ownOffer));

        assertThat(error.name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
        assertThat(error.getMessage()).contains("local offer in signaling state have-remote-offer");
    }

    @Test
    void parameterlessSetLocalDescriptionInHaveRemotePranswerRejectsInvalidStateError() {
        TestPeer a = SignalingStates.peerIn(sim, SignalingState.HAVE_REMOTE_PRANSWER);

        DomException error = awaitError(sim, a.pc.setLocalDescription());

        assertThat(error.name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
        assertThat(error.getMessage()).contains("createOffer in signaling state have-remote-pranswer");
    }

    @Test
    void aModifiedOfferRejectsInvalidModificationError() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        SessionDescription offer = await(sim, a.pc.createOffer());
        SessionDescription modified = new SessionDescription(SdpType.OFFER, new IceCredentials("wxyz", "abcdefghijklmnopqrstuvwx"),
                offer.mids(), offer.candidates(), offer.trickle(), offer.endOfCandidates(), offer.setup(), offer.iceLite());

        Completion<Void> result = a.pc.setLocalDescription(modified);

        assertThat(result.error().name()).isEqualTo(DomExceptionName.INVALID_MODIFICATION_ERROR);
        assertThat(a.pc.setLocalDescription(offer.withType(SdpType.ANSWER)).error().name())
                .as("no answer was ever created").isEqualTo(DomExceptionName.INVALID_MODIFICATION_ERROR);
        await(sim, a.pc.setLocalDescription(offer));
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
    }

    @Test
    void anAnswerWithOtherMediaSectionsRejectsInvalidAccessError() {
        TestPeer a = SignalingStates.peerIn(sim, SignalingState.HAVE_LOCAL_OFFER);
        SessionDescription offer = a.pc.localDescription();
        SessionDescription wrong = new SessionDescription(SdpType.ANSWER, new IceCredentials("abcd", "abcdefghijklmnopqrstuvwx"),
                List.of("0", "1"), List.of(), true, false, DtlsSetup.ACTIVE, false);

        DomException error = awaitError(sim, a.pc.setRemoteDescription(wrong));

        assertThat(error.name()).isEqualTo(DomExceptionName.INVALID_ACCESS_ERROR);
        assertThat(error.getMessage()).contains("[0, 1]").contains(offer.mids().toString());
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
    }

    @Test
    void aRemoteOfferDroppingANegotiatedMediaSectionRejectsInvalidAccessError() {
        TestPeer a = TestPeer.negotiatedPair(sim)[0];
        SessionDescription dropping = new SessionDescription(SdpType.OFFER, new IceCredentials("abcd", "abcdefghijklmnopqrstuvwx"),
                List.of("5"), List.of(), true, false, DtlsSetup.ACTPASS, false);

        DomException error = awaitError(sim, a.pc.setRemoteDescription(dropping));

        assertThat(error.name()).isEqualTo(DomExceptionName.INVALID_ACCESS_ERROR);
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.STABLE);
    }

    @Test
    void createOfferWithNothingToNegotiateRejectsOperationErrorAfterTheDelay() {
        TestPeer a = TestPeer.create(sim, "a", 1);
        long[] at = new long[1];

        Completion<SessionDescription> offer = a.pc.createOffer().onFailure(e -> at[0] = sim.now());
        sim.run();

        assertThat(offer.error().name()).isEqualTo(DomExceptionName.OPERATION_ERROR);
        assertThat(at[0]).isEqualTo(D);
    }

    @Test
    void addIceCandidateChecksItsArgumentAndTheRemoteDescription() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        IceCandidate noSection = new IceCandidate("1", 1, Protocol.UDP, 100, TransportAddress.of("192.0.2.9", 9),
                CandidateType.HOST, null, null, null, null);

        assertThat(a.pc.addIceCandidate(noSection).error().name()).isEqualTo(DomExceptionName.TYPE_ERROR);
        assertThat(a.pc.addIceCandidate(noSection.withMediaSection("0", null)).error().name())
                .as("no remote description yet").isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
    }

    @Test
    void everyMethodOfAClosedConnectionRejectsOrThrowsInvalidStateError() {
        TestPeer a = SignalingStates.peerIn(sim, SignalingState.CLOSED);
        SessionDescription someOffer = new SessionDescription(SdpType.OFFER, new IceCredentials("abcd", "abcdefghijklmnopqrstuvwx"),
                List.of("0"), List.of(), true, false, DtlsSetup.ACTPASS, false);

        List<Completion<?>> results = List.of(a.pc.createOffer(), a.pc.createAnswer(), a.pc.setLocalDescription(),
                a.pc.setLocalDescription(SessionDescription.rollback()), a.pc.setRemoteDescription(someOffer),
                a.pc.addIceCandidate(IceCandidate.endOfCandidates(null)));

        assertThat(results).allSatisfy(result ->
                assertThat(result.error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR));
        assertThatThrownBy(a.pc::addTransceiver).isInstanceOf(DomException.class).hasMessageContaining("closed");
        a.pc.close();
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.CLOSED);
    }
}
