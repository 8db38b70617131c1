package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.DTLS;
import static org.icesim.webrtc.TestPeer.await;
import static org.icesim.webrtc.TestPeer.awaitError;
import static org.icesim.webrtc.TestPeer.negotiatedPair;
import static org.icesim.webrtc.TestPeer.offerAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.Durations;
import org.icesim.kernel.Simulator;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;
import org.icesim.webrtc.PeerConnectionEvent.ConnectionStateChange;
import org.icesim.webrtc.PeerConnectionEvent.DtlsTransportStateChange;
import org.icesim.webrtc.PeerConnectionEvent.IceCandidateEvent;
import org.icesim.webrtc.PeerConnectionEvent.IceConnectionStateChange;
import org.icesim.webrtc.PeerConnectionEvent.IceGatheringStateChange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The W3C checklist items 47-66 of the ICE reference sheet, one test each, named after the rule. */
class W3cConformanceTest {

    private final Simulator sim = SuiteChecks.simulator();

    private static IceCandidate remoteHost(String ufrag, String mid, int port) {
        return new IceCandidate("9", 1, Protocol.UDP, 2130706431L, TransportAddress.of("203.0.113.9", port),
                CandidateType.HOST, null, ufrag, mid, null);
    }

    @Test
    @DisplayName("W3C #47: restartIce() in stable fires negotiationneeded in a queued task; the next offer has new ufrag and pwd")
    void restartIceInStableFiresNegotiationNeededInAQueuedTaskAndTheNextOfferHasNewCredentials() {
        TestPeer a = negotiatedPair(sim)[0];
        IceCredentials before = a.pc.currentLocalDescription().credentials();

        a.pc.restartIce();
        assertThat(a.negotiationNeededTimes()).as("nothing fires inside restartIce() itself").isEmpty();
        sim.run();
        assertThat(a.negotiationNeededTimes()).containsExactly(6 * D);

        SessionDescription offer = await(sim, a.pc.createOffer());
        assertThat(offer.credentials().ufrag()).isNotEqualTo(before.ufrag());
        assertThat(offer.credentials().pwd()).isNotEqualTo(before.pwd());
        assertThat(offer.candidates()).as("a restart offer starts a generation without candidates").isEmpty();
    }

    @Test
    @DisplayName("W3C #48: restartIce() twice before the offer is created fires negotiationneeded once")
    void restartIceTwiceBeforeTheOfferFiresNegotiationNeededOnce() {
        TestPeer a = negotiatedPair(sim)[0];

        a.pc.restartIce();
        a.pc.restartIce();
        sim.runUntil(sim.now() + Durations.millis(5));
        a.pc.restartIce();
        sim.run();

        assertThat(a.negotiationNeededTimes()).containsExactly(6 * D);
    }

    @Test
    @DisplayName("W3C #49: restartIce() while the operations chain is busy fires negotiationneeded only once the chain is empty")
    void restartIceWhileTheChainIsBusyFiresNegotiationNeededWhenTheChainEmpties() {
        TestPeer a = negotiatedPair(sim)[0];
        Completion<Void> busy = a.pc.addIceCandidate(remoteHost(null, "0", 40001));

        a.pc.restartIce();
        sim.runUntil(7 * D - 1);
        assertThat(a.negotiationNeededTimes()).isEmpty();
        sim.run();

        assertThat(busy.isFulfilled()).isTrue();
        assertThat(a.negotiationNeededTimes()).containsExactly(7 * D);
    }

    @Test
    @DisplayName("W3C #50: restartIce() in have-local-offer waits for stable; SRD(answer) then fires it and the next offer restarts")
    void restartIceInHaveLocalOfferFiresOnceTheAnswerReturnsToStable() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];
        IceCredentials old = a.pc.currentLocalDescription().credentials();
        await(sim, a.pc.setLocalDescription());
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
        assertThat(a.pc.pendingLocalDescription().credentials()).as("a plain re-offer keeps its credentials").isEqualTo(old);

        a.pc.restartIce();
        sim.run();
        assertThat(a.negotiationNeededTimes()).as("not stable: nothing yet").isEmpty();

        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));
        assertThat(sim.now()).isEqualTo(12 * D);
        assertThat(a.negotiationNeededTimes()).as("the committed offer still holds remembered credentials")
                .containsExactly(12 * D);

        SessionDescription next = await(sim, a.pc.createOffer());
        assertThat(next.credentials().ufrag()).isNotEqualTo(old.ufrag());
        assertThat(next.credentials().pwd()).isNotEqualTo(old.pwd());
    }

    @Test
    @DisplayName("W3C #51: restartIce() in have-local-offer, then SLD(rollback): negotiationneeded fires again and the next offer restarts")
    void restartIceThenRollbackFiresNegotiationNeededAndTheNextOfferRestarts() {
        TestPeer a = negotiatedPair(sim)[0];
        await(sim, a.pc.setLocalDescription());
        a.pc.restartIce();
        sim.run();
        assertThat(a.negotiationNeededTimes()).isEmpty();

        await(sim, a.pc.setLocalDescription(SessionDescription.rollback()));
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(a.negotiationNeededTimes()).containsExactly(9 * D);

        SessionDescription next = await(sim, a.pc.createOffer());
        IceCredentials current = a.pc.currentLocalDescription().credentials();
        assertThat(next.credentials().ufrag()).isNotEqualTo(current.ufrag());
        assertThat(next.credentials().pwd()).isNotEqualTo(current.pwd());
    }

    @Test
    @DisplayName("W3C #52: polite peer in glare rolls its restart offer back, answers with the old credentials, then restarts")
    void politePeerRollsBackItsRestartOfferAnswersWithOldCredentialsThenRestarts() {
        PerfectNegotiationPair pn = PerfectNegotiationPair.connected(sim);
        TestPeer polite = pn.polite;
        IceCredentials oldPolite = polite.pc.currentLocalDescription().credentials();
        IceCredentials oldImpolite = pn.impolite.pc.currentLocalDescription().credentials();
        long t = sim.now();

        polite.pc.restartIce();
        pn.impolite.pc.addTransceiver();
        sim.run();

        long s = PerfectNegotiationPair.SIGNALING_DELAY;
        List<SessionDescription> politeSent = pn.politeChannel.sentDescriptions();
        SessionDescription rolledBackOffer = politeSent.get(politeSent.size() - 3);
        SessionDescription answer = politeSent.get(politeSent.size() - 2);
        SessionDescription restartOffer = politeSent.get(politeSent.size() - 1);
        assertThat(rolledBackOffer.type()).isEqualTo(SdpType.OFFER);
        assertThat(rolledBackOffer.credentials()).isNotEqualTo(oldPolite);
        assertThat(answer.type()).isEqualTo(SdpType.ANSWER);
        assertThat(answer.credentials()).as("the answer to a non-restart offer reuses the old credentials")
                .isEqualTo(oldPolite);
        assertThat(polite.negotiationNeededTimes()).as("fired again once back in stable")
                .containsExactly(t, t + 2 * D + s + 4 * D);
        assertThat(restartOffer.type()).isEqualTo(SdpType.OFFER);
        assertThat(restartOffer.credentials().ufrag()).isNotIn(oldPolite.ufrag(), rolledBackOffer.credentials().ufrag());

        assertThat(polite.pc.currentLocalDescription().credentials()).isEqualTo(restartOffer.credentials());
        assertThat(pn.impolite.pc.currentLocalDescription().credentials().ufrag()).isNotEqualTo(oldImpolite.ufrag());
        assertThat(polite.ice.restarts).isEqualTo(1);
        assertThat(pn.impolite.ice.restarts).isEqualTo(1);
        assertThat(pn.impolite.ice.calls).noneMatch(call -> call.startsWith(
                "setRemoteCredentials(" + rolledBackOffer.credentials().ufrag()));
        pn.assertNoErrorsAndStable();
    }

    @Test
    @DisplayName("W3C #53: in glare with a remote restart offer, the answer has new credentials and clears the slot; no extra negotiationneeded")
    void answeringARemoteRestartOfferClearsTheSlotWithoutAnotherNegotiationNeeded() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];
        IceCredentials a1 = a.localCredentials();
        a.pc.restartIce();
        b.pc.restartIce();
        sim.run();
        a.pc.setLocalDescription();
        b.pc.setLocalDescription();
        sim.run();
        IceCredentials a2 = a.localCredentials();
        assertThat(a2).isNotEqualTo(a1);

        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.HAVE_REMOTE_OFFER);
        await(sim, a.pc.setLocalDescription());
        IceCredentials a3 = a.pc.currentLocalDescription().credentials();
        assertThat(a3).isNotIn(a1, a2);
        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));

        assertThat(a.negotiationNeededTimes()).as("only the restartIce() one").containsExactly(6 * D);
        assertThat(b.negotiationNeededTimes()).containsExactly(6 * D);
        assertThat(await(sim, a.pc.createOffer()).credentials()).as("slot empty: the answer's credentials are reused")
                .isEqualTo(a3);
        assertThat(a.ice.calls).contains("rollback()@" + 9 * D);
        assertThat(a.ice.restarts).isEqualTo(1);
    }

    @Test
    @DisplayName("W3C #54: SRD(answer) to the restart offer empties the slot; a later createOffer() reuses the new credentials")
    void answerToTheRestartOfferEmptiesTheSlotAndLaterOffersReuseTheNewCredentials() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        a.pc.restartIce();
        sim.run();

        offerAnswer(a, pair[1]);
        IceCredentials restarted = a.pc.currentLocalDescription().credentials();
        sim.run();

        assertThat(a.negotiationNeededTimes()).as("nothing after the restart completed").containsExactly(6 * D);
        assertThat(await(sim, a.pc.createOffer(OfferOptions.DEFAULT)).credentials()).isEqualTo(restarted);
        assertThat(a.ice.restarts).isEqualTo(1);
    }

    @Test
    @DisplayName("W3C #55: createOffer({iceRestart:true}) gives new credentials without touching the slot or firing negotiationneeded")
    void iceRestartOptionGivesNewCredentialsWithoutTouchingTheSlot() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];
        IceCredentials old = a.localCredentials();

        SessionDescription offer = await(sim, a.pc.createOffer(OfferOptions.ICE_RESTART));
        assertThat(offer.credentials().ufrag()).isNotEqualTo(old.ufrag());
        assertThat(offer.credentials().pwd()).isNotEqualTo(old.pwd());
        await(sim, a.pc.setLocalDescription(offer));
        await(sim, b.pc.setRemoteDescription(offer));
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));

        assertThat(a.negotiationNeededTimes()).as("the slot stayed empty all along").isEmpty();
        assertThat(await(sim, a.pc.createOffer()).credentials()).isEqualTo(offer.credentials());
    }

    @Test
    @DisplayName("W3C #56: createOffer() without iceRestart and with an empty slot reuses currentLocalDescription's ufrag and pwd")
    void plainCreateOfferReusesTheCurrentCredentials() {
        TestPeer a = negotiatedPair(sim)[0];

        SessionDescription offer = await(sim, a.pc.createOffer());

        assertThat(offer.credentials()).isEqualTo(a.pc.currentLocalDescription().credentials());
        assertThat(a.negotiationNeededTimes()).isEmpty();
    }

    static Stream<Arguments> rollbackRejectingStates() {
        List<Arguments> cases = new ArrayList<>();
        for (SignalingState state : new SignalingState[] {SignalingState.STABLE, SignalingState.HAVE_LOCAL_PRANSWER,
                SignalingState.HAVE_REMOTE_PRANSWER}) {
            cases.add(Arguments.of(state, false));
            cases.add(Arguments.of(state, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, remote={1}")
    @MethodSource("rollbackRejectingStates")
    @DisplayName("W3C #57: SLD(rollback) or SRD(rollback) in stable, have-local-pranswer or have-remote-pranswer rejects InvalidStateError")
    void rollbackInStableOrPranswerStatesRejectsInvalidStateError(SignalingState state, boolean remote) {
        TestPeer peer = SignalingStates.peerIn(sim, state);
        long now = sim.now();

        Completion<Void> rollback = remote ? peer.pc.setRemoteDescription(SessionDescription.rollback())
                : peer.pc.setLocalDescription(SessionDescription.rollback());

        assertThat(rollback.isRejected()).as("rejected before any processing delay, at %d ns", now).isTrue();
        assertThat(rollback.error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
        sim.run();
        assertThat(peer.pc.signalingState()).isEqualTo(state);
    }

    @Test
    @DisplayName("W3C #58: createOffer in have-remote-offer rejects InvalidStateError")
    void createOfferInHaveRemoteOfferRejectsInvalidStateError() {
        TestPeer peer = SignalingStates.peerIn(sim, SignalingState.HAVE_REMOTE_OFFER);

        Completion<SessionDescription> offer = peer.pc.createOffer();

        assertThat(offer.isRejected()).isTrue();
        assertThat(offer.error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
        assertThat(offer.error().getMessage()).contains("have-remote-offer");
    }

    static Stream<Arguments> iceConnectionStateRules() {
        return Stream.of(
                Arguments.of(false, List.of(), IceConnectionState.NEW),
                Arguments.of(false, List.of(IceTransportState.NEW, IceTransportState.CLOSED), IceConnectionState.NEW),
                Arguments.of(false, List.of(IceTransportState.NEW, IceTransportState.CONNECTED), IceConnectionState.CHECKING),
                Arguments.of(false, List.of(IceTransportState.CHECKING, IceTransportState.COMPLETED), IceConnectionState.CHECKING),
                Arguments.of(false, List.of(IceTransportState.COMPLETED, IceTransportState.CLOSED), IceConnectionState.COMPLETED),
                Arguments.of(false, List.of(IceTransportState.CONNECTED, IceTransportState.COMPLETED), IceConnectionState.CONNECTED),
                Arguments.of(false, List.of(IceTransportState.CONNECTED, IceTransportState.CLOSED), IceConnectionState.CONNECTED),
                Arguments.of(false, List.of(IceTransportState.CHECKING, IceTransportState.DISCONNECTED), IceConnectionState.DISCONNECTED),
                Arguments.of(false, List.of(IceTransportState.DISCONNECTED, IceTransportState.FAILED), IceConnectionState.FAILED),
                Arguments.of(false, List.of(IceTransportState.FAILED, IceTransportState.COMPLETED), IceConnectionState.FAILED),
                Arguments.of(true, List.of(IceTransportState.FAILED), IceConnectionState.CLOSED));
    }

    @ParameterizedTest(name = "closed={0} {1} -> {2}")
    @MethodSource("iceConnectionStateRules")
    @DisplayName("W3C #59: iceConnectionState is failed if any failed, else disconnected if any disconnected, else new/checking/completed/connected")
    void iceConnectionStateFollowsTheAggregationRules(boolean closed, List<IceTransportState> transports,
            IceConnectionState expected) {
        assertThat(IceConnectionState.aggregate(closed, transports)).isEqualTo(expected);
    }

    @Test
    @DisplayName("W3C #59: the connection's iceConnectionState follows what its ICE transport reports, firing on each change")
    void iceConnectionStateFollowsTheReportedTransportState() {
        TestPeer a = negotiatedPair(sim)[0];
        assertThat(a.pc.iceTransportState()).as("the first pairing started checks").isEqualTo(IceTransportState.CHECKING);
        IceTransportState[] reports = {IceTransportState.CONNECTED, IceTransportState.COMPLETED,
                IceTransportState.DISCONNECTED, IceTransportState.CHECKING, IceTransportState.FAILED};
        for (IceTransportState report : reports) {
            a.ice.report(report);
            sim.run();
            assertThat(a.pc.iceTransportState()).isEqualTo(report);
            assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.aggregate(false, List.of(report)));
        }
        assertThat(a.events(IceConnectionStateChange.class)).extracting(IceConnectionStateChange::state)
                .containsExactly(IceConnectionState.CONNECTED, IceConnectionState.COMPLETED,
                        IceConnectionState.DISCONNECTED, IceConnectionState.CHECKING, IceConnectionState.FAILED);
    }

    static Stream<Arguments> connectionStateRules() {
        return Stream.of(
                Arguments.of(IceConnectionState.CLOSED, List.of(DtlsTransportState.CONNECTED), PeerConnectionState.CLOSED),
                Arguments.of(IceConnectionState.FAILED, List.of(DtlsTransportState.CONNECTED), PeerConnectionState.FAILED),
                Arguments.of(IceConnectionState.CONNECTED, List.of(DtlsTransportState.FAILED), PeerConnectionState.FAILED),
                Arguments.of(IceConnectionState.DISCONNECTED, List.of(DtlsTransportState.CONNECTED), PeerConnectionState.DISCONNECTED),
                Arguments.of(IceConnectionState.NEW, List.of(), PeerConnectionState.NEW),
                Arguments.of(IceConnectionState.NEW, List.of(DtlsTransportState.NEW, DtlsTransportState.CLOSED), PeerConnectionState.NEW),
                Arguments.of(IceConnectionState.NEW, List.of(DtlsTransportState.CONNECTING), PeerConnectionState.CONNECTING),
                Arguments.of(IceConnectionState.CHECKING, List.of(DtlsTransportState.NEW), PeerConnectionState.CONNECTING),
                Arguments.of(IceConnectionState.CONNECTED, List.of(DtlsTransportState.NEW), PeerConnectionState.CONNECTING),
                Arguments.of(IceConnectionState.CONNECTED, List.of(DtlsTransportState.CONNECTING), PeerConnectionState.CONNECTING),
                Arguments.of(IceConnectionState.CONNECTED, List.of(DtlsTransportState.CONNECTED, DtlsTransportState.CLOSED), PeerConnectionState.CONNECTED),
                Arguments.of(IceConnectionState.COMPLETED, List.of(DtlsTransportState.CONNECTED), PeerConnectionState.CONNECTED));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("connectionStateRules")
    @DisplayName("W3C #60: connectionState is failed if ICE failed or any DTLS failed; connected needs ICE connected and all DTLS connected/closed")
    void connectionStateFollowsTheAggregationRules(IceConnectionState ice, List<DtlsTransportState> dtls,
            PeerConnectionState expected) {
        assertThat(PeerConnectionState.aggregate(ice, dtls)).isEqualTo(expected);
    }

    @Test
    @DisplayName("W3C #60: connectionState waits for DTLS before connected and fails when DTLS fails")
    void connectionStateWaitsForDtlsAndFailsWithIt() {
        TestPeer a = negotiatedPair(sim)[0];
        long t = sim.now();
        assertThat(a.pc.connectionState()).as("checks started when the answer was applied").isEqualTo(PeerConnectionState.CONNECTING);
        a.ice.report(IceTransportState.CONNECTED);
        sim.runUntil(t + DTLS - 1);
        assertThat(a.pc.connectionState()).as("ICE connected, DTLS still handshaking").isEqualTo(PeerConnectionState.CONNECTING);
        sim.runUntil(t + DTLS);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);

        a.pc.dtlsTransport().fail();
        sim.run();

        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CONNECTED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.FAILED);
        assertThat(a.events(ConnectionStateChange.class)).extracting(ConnectionStateChange::state, ConnectionStateChange::at)
                .containsExactly(tuple(PeerConnectionState.CONNECTED, t + DTLS), tuple(PeerConnectionState.FAILED, t + DTLS));
    }

    @ParameterizedTest
    @EnumSource(IceTransportState.class)
    @DisplayName("W3C #61: an ICE restart takes completed to connected and disconnected or failed to checking")
    void restartMovesCompletedToConnectedAndDisconnectedOrFailedToChecking(IceTransportState state) {
        IceTransportState expected;
        switch (state) {
            case COMPLETED:
                expected = IceTransportState.CONNECTED;
                break;
            case DISCONNECTED:
            case FAILED:
                expected = IceTransportState.CHECKING;
                break;
            default:
                expected = state;
        }
        assertThat(state.afterRestart()).isEqualTo(expected);
    }

    @Test
    @DisplayName("W3C #61: restarting from completed shows connected, from failed shows checking")
    void restartShowsConnectedFromCompletedAndCheckingFromFailed() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        a.ice.report(IceTransportState.COMPLETED);
        sim.run();
        a.pc.restartIce();
        offerAnswer(a, pair[1]);
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CONNECTED);

        a.ice.report(IceTransportState.FAILED);
        sim.run();
        a.pc.restartIce();
        offerAnswer(a, pair[1]);
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CHECKING);
        assertThat(a.events(IceConnectionStateChange.class)).extracting(IceConnectionStateChange::state)
                .containsExactly(IceConnectionState.COMPLETED, IceConnectionState.CONNECTED, IceConnectionState.FAILED,
                        IceConnectionState.CHECKING);
    }

    @Test
    @DisplayName("W3C #62: ICE failed does not close DTLS; a restart recovers the connection on the same DTLS transport")
    void iceFailureLeavesDtlsUpAndARestartRecoversIt() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        a.ice.connect();
        sim.run();
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);

        a.ice.report(IceTransportState.FAILED);
        sim.run();
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.FAILED);
        assertThat(a.pc.dtlsTransportState()).isEqualTo(DtlsTransportState.CONNECTED);

        a.pc.restartIce();
        offerAnswer(a, pair[1]);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTING);
        a.ice.connect();
        sim.run();

        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(a.events(DtlsTransportStateChange.class)).extracting(DtlsTransportStateChange::state)
                .as("one handshake, never closed or redone").containsExactly(DtlsTransportState.CONNECTING, DtlsTransportState.CONNECTED);
    }

    @Test
    @DisplayName("W3C #63: after a restart iceGatheringState goes gathering then complete and end-of-candidates fires for the new generation")
    void restartGathersAgainAndEndsTheNewGeneration() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        a.ice.finishGathering(a.localCredentials().ufrag());
        sim.run();
        assertThat(a.pc.iceGatheringState()).isEqualTo(IceGatheringState.COMPLETE);
        a.events.clear();
        a.ice.gatherDelay = Durations.millis(2);

        a.pc.restartIce();
        offerAnswer(a, pair[1]);

        String ufrag = a.pc.currentLocalDescription().credentials().ufrag();
        long applied = 8 * D;
        long gathered = applied + Durations.millis(2);
        List<PeerConnectionEvent> gathering = new ArrayList<>();
        for (PeerConnectionEvent event : a.events) {
            if (event instanceof IceGatheringStateChange || event instanceof IceCandidateEvent) {
                gathering.add(event);
            }
        }
        assertThat(gathering).containsExactly(
                new IceGatheringStateChange(applied, IceGatheringState.GATHERING),
                new IceCandidateEvent(gathered, a.ice.hostCandidate(ufrag).withMediaSection("0", 0)),
                new IceCandidateEvent(gathered, IceCandidate.endOfCandidates(ufrag).withMediaSection("0", 0)),
                new IceGatheringStateChange(gathered, IceGatheringState.COMPLETE),
                new IceCandidateEvent(gathered, null));
        assertThat(a.pc.currentLocalDescription().endOfCandidates()).isTrue();
        assertThat(a.pc.currentLocalDescription().candidates()).hasSize(1);
    }

    @Test
    @DisplayName("W3C #64: addIceCandidate with an unknown usernameFragment rejects OperationError; the old generation's ufrag reaches the old generation")
    void addIceCandidateRoutesByUsernameFragment() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];
        String oldUfrag = b.localCredentials().ufrag();
        b.pc.restartIce();
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));
        String newUfrag = a.pc.pendingRemoteDescription().ufrag();
        assertThat(newUfrag).isNotEqualTo(oldUfrag);

        Completion<Void> unknown = a.pc.addIceCandidate(remoteHost("zzzz", "0", 40001));
        assertThat(unknown.isRejected()).isTrue();
        assertThat(unknown.error().name()).isEqualTo(DomExceptionName.OPERATION_ERROR);

        IceCandidate late = remoteHost(oldUfrag, "0", 40002);
        await(sim, a.pc.addIceCandidate(late));
        IceCandidate current = remoteHost(null, "0", 40003);
        await(sim, a.pc.addIceCandidate(current));

        assertThat(a.ice.remoteCandidates).containsExactly(late, current.withUsernameFragment(newUfrag));
        assertThat(a.pc.currentRemoteDescription().candidates()).containsExactly(late);
        assertThat(a.pc.pendingRemoteDescription().candidates()).containsExactly(current.withUsernameFragment(newUfrag));
    }

    @Test
    @DisplayName("W3C #65: an empty candidate ends that m-section's generation; without sdpMid/sdpMLineIndex it covers all m-sections")
    void endOfCandidatesAppliesToItsGenerationAndWithoutMidToAllSections() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        a.pc.addTransceiver();
        TestPeer b = TestPeer.create(sim, "b", 2);
        offerAnswer(a, b);
        String oldUfrag = b.localCredentials().ufrag();
        assertThat(a.pc.remoteDescription().mids()).containsExactly("0", "1");
        b.pc.restartIce();
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));
        String newUfrag = a.pc.pendingRemoteDescription().ufrag();

        Completion<Void> unknownMid = a.pc.addIceCandidate(IceCandidate.endOfCandidates(oldUfrag).withMediaSection("7", null));
        Completion<Void> badIndex = a.pc.addIceCandidate(IceCandidate.endOfCandidates(oldUfrag).withMediaSection(null, 2));
        assertThat(unknownMid.error().name()).isEqualTo(DomExceptionName.OPERATION_ERROR);
        assertThat(badIndex.error().name()).isEqualTo(DomExceptionName.OPERATION_ERROR);

        await(sim, a.pc.addIceCandidate(IceCandidate.endOfCandidates(oldUfrag).withMediaSection("1", null)));
        assertThat(a.ice.remoteEndOfCandidates).containsExactly(oldUfrag);
        assertThat(a.pc.currentRemoteDescription().endOfCandidates()).isTrue();
        assertThat(a.pc.pendingRemoteDescription().endOfCandidates()).as("the other generation goes on").isFalse();

        await(sim, a.pc.addIceCandidate(IceCandidate.endOfCandidates(null)));
        assertThat(a.ice.remoteEndOfCandidates).containsExactly(oldUfrag, newUfrag);
        assertThat(a.pc.pendingRemoteDescription().endOfCandidates()).isTrue();
    }

    @Test
    @DisplayName("W3C #66: after close() no negotiationneeded or state-change events fire and iceConnectionState is closed")
    void closeSilencesEventsAndShowsClosed() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        Completion<SessionDescription> pending = a.pc.createOffer();
        a.pc.restartIce();
        a.ice.report(IceTransportState.CONNECTED);
        a.ice.finishGathering(a.localCredentials().ufrag());

        a.pc.close();
        a.pc.restartIce();
        a.ice.report(IceTransportState.FAILED);
        sim.run();

        assertThat(a.events).isEmpty();
        assertThat(pending.isDone()).as("abandoned operations never settle").isFalse();
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CLOSED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CLOSED);
        assertThat(a.pc.signalingState()).isEqualTo(SignalingState.CLOSED);
        assertThat(a.pc.iceTransportState()).isEqualTo(IceTransportState.CLOSED);
        assertThat(a.pc.dtlsTransportState()).isEqualTo(DtlsTransportState.CLOSED);
        assertThat(a.ice.closed).isTrue();
        assertThat(a.pc.createOffer().error().name()).isEqualTo(DomExceptionName.INVALID_STATE_ERROR);
    }
}
