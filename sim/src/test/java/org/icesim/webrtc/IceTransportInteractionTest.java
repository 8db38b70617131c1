package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.DTLS;
import static org.icesim.webrtc.TestPeer.await;
import static org.icesim.webrtc.TestPeer.negotiatedPair;
import static org.icesim.webrtc.TestPeer.offerAnswer;

import java.util.List;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.Simulator;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;
import org.icesim.webrtc.PeerConnectionEvent.ConnectionStateChange;
import org.icesim.webrtc.PeerConnectionEvent.DtlsTransportStateChange;
import org.icesim.webrtc.PeerConnectionEvent.IceCandidateEvent;
import org.icesim.webrtc.PeerConnectionEvent.IceConnectionStateChange;
import org.icesim.webrtc.PeerConnectionEvent.IceTransportStateChange;
import org.icesim.webrtc.PeerConnectionEvent.SelectedCandidatePairChange;
import org.junit.jupiter.api.Test;

/** What the peer connection tells its ICE agent, and how it handles what the agent reports. */
class IceTransportInteractionTest {

    private final Simulator sim = SuiteChecks.simulator();

    private static IceCandidate remoteHost(String ufrag, int port) {
        return new IceCandidate("7", 1, Protocol.UDP, 2130706431L, TransportAddress.of("203.0.113.7", port),
                CandidateType.HOST, null, ufrag, "0", 0);
    }

    private static SessionDescription remoteOffer(IceCredentials credentials, List<IceCandidate> candidates,
            boolean trickle, boolean lite) {
        return new SessionDescription(SdpType.OFFER, credentials, List.of("0"), candidates, trickle, false,
                DtlsSetup.ACTPASS, lite);
    }

    @Test
    void offererAndAnswererAnnounceGenerationsAndPairThemWhenTheAnswerIsApplied() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);

        offerAnswer(a, b);

        String ua = a.localCredentials().ufrag();
        String ub = b.localCredentials().ufrag();
        assertThat(a.ice.calls).containsExactly("setRole(controlling)@" + 2 * D, "setLocalCredentials(" + ua + ")@" + 2 * D,
                "setRemoteCredentials(" + ub + ")@" + 6 * D, "startChecks(" + ua + ", " + ub + ")@" + 6 * D);
        assertThat(b.ice.calls).containsExactly("setRole(controlled)@" + 3 * D, "setRemoteCredentials(" + ua + ")@" + 3 * D,
                "setLocalCredentials(" + ub + ")@" + 5 * D, "startChecks(" + ub + ", " + ua + ")@" + 5 * D);
        assertThat(a.pc.iceRole()).contains(IceRole.CONTROLLING);
        assertThat(b.pc.iceRole()).contains(IceRole.CONTROLLED);
    }

    @Test
    void aRestartChangesBothSidesCredentialsOnceAndKeepsTheRoles() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];

        a.pc.restartIce();
        offerAnswer(a, b);

        assertThat(a.ice.localGenerations).hasSize(2);
        assertThat(b.ice.localGenerations).as("RFC 8445 §9: the answerer changes its credentials too").hasSize(2);
        assertThat(a.ice.restarts).isEqualTo(1);
        assertThat(b.ice.restarts).isEqualTo(1);
        assertThat(a.ice.calls).filteredOn(call -> call.startsWith("setRole")).hasSize(1);
        assertThat(b.ice.calls).filteredOn(call -> call.startsWith("setRole")).hasSize(1);
        assertThat(a.pc.currentRemoteDescription().credentials()).isEqualTo(b.pc.currentLocalDescription().credentials());
    }

    @Test
    void aRemoteLiteOfferMakesTheAnswererControlling() {
        TestPeer b = TestPeer.create(sim, "b", 2);
        IceCredentials lite = new IceCredentials("lite", "abcdefghijklmnopqrstuvwx");

        await(sim, b.pc.setRemoteDescription(remoteOffer(lite, List.of(), true, true)));

        assertThat(b.pc.iceRole()).contains(IceRole.CONTROLLING);
        assertThat(b.ice.calls).containsExactly("setRole(controlling)@" + D, "setRemoteCredentials(lite, lite)@" + D);
    }

    @Test
    void remoteDescriptionCandidatesReachIceOnceAndANonTrickleDescriptionEndsItsGeneration() {
        TestPeer b = TestPeer.create(sim, "b", 2);
        IceCredentials remote = new IceCredentials("rem1", "abcdefghijklmnopqrstuvwx");
        IceCandidate c1 = remoteHost("rem1", 40001);
        IceCandidate c2 = remoteHost("rem1", 40002);
        IceCandidate c3 = remoteHost("rem1", 40003);
        assertThat(b.pc.canTrickleIceCandidates()).isNull();

        await(sim, b.pc.setRemoteDescription(remoteOffer(remote, List.of(c1, c2), false, false)));
        await(sim, b.pc.setLocalDescription());
        await(sim, b.pc.setRemoteDescription(remoteOffer(remote, List.of(c1, c2, c3), false, false)));

        assertThat(b.pc.canTrickleIceCandidates()).isFalse();
        assertThat(b.ice.remoteCandidates).containsExactly(c1, c2, c3);
        assertThat(b.ice.remoteEndOfCandidates).containsExactly("rem1");
    }

    @Test
    void gatheredCandidatesJoinTheirDescriptionUnderTheBundleTag() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        a.pc.addTransceiver();
        await(sim, a.pc.setLocalDescription());
        String ufrag = a.localCredentials().ufrag();
        a.events.clear();

        a.ice.finishGathering(ufrag);
        sim.run();

        IceCandidate surfaced = a.ice.hostCandidate(ufrag).withMediaSection("0", 0);
        assertThat(a.events(IceCandidateEvent.class)).extracting(IceCandidateEvent::candidate).containsExactly(surfaced,
                IceCandidate.endOfCandidates(ufrag).withMediaSection("0", 0), null);
        assertThat(a.pc.pendingLocalDescription().candidates()).containsExactly(surfaced);
        assertThat(a.pc.pendingLocalDescription().endOfCandidates()).isTrue();
        assertThat(a.pc.iceGatheringState()).isEqualTo(IceGatheringState.COMPLETE);
    }

    @Test
    void reportsForARolledBackGenerationAreDropped() {
        TestPeer a = negotiatedPair(sim)[0];
        SessionDescription restart = await(sim, a.pc.createOffer(OfferOptions.ICE_RESTART));
        await(sim, a.pc.setLocalDescription(restart));
        await(sim, a.pc.setLocalDescription(SessionDescription.rollback()));
        a.events.clear();

        a.ice.observer().onLocalCandidate(a.ice.hostCandidate(restart.ufrag()));
        a.ice.observer().onEndOfLocalCandidates(restart.ufrag());
        sim.run();

        assertThat(a.events(IceCandidateEvent.class)).isEmpty();
        assertThat(a.pc.localDescription().ufrag()).isNotEqualTo(restart.ufrag());
    }

    @Test
    void descriptionsWithReusedCredentialsCarryTheGatheredCandidatesAndSetup() {
        TestPeer[] pair = negotiatedPair(sim);
        TestPeer a = pair[0];
        TestPeer b = pair[1];
        a.ice.finishGathering(a.localCredentials().ufrag());
        b.ice.finishGathering(b.localCredentials().ufrag());
        sim.run();

        SessionDescription offer = await(sim, a.pc.createOffer());
        await(sim, a.pc.setLocalDescription(offer));
        await(sim, b.pc.setRemoteDescription(offer));
        SessionDescription answer = await(sim, b.pc.createAnswer());

        assertThat(offer.candidates()).containsExactlyElementsOf(a.pc.currentLocalDescription().candidates()).hasSize(1);
        assertThat(offer.endOfCandidates()).isTrue();
        assertThat(offer.setup()).isEqualTo(DtlsSetup.ACTPASS);
        assertThat(answer.credentials()).isEqualTo(b.pc.currentLocalDescription().credentials());
        assertThat(answer.candidates()).hasSize(1);
        assertThat(answer.endOfCandidates()).isTrue();
        assertThat(answer.setup()).isEqualTo(DtlsSetup.ACTIVE);
        assertThat(b.ice.remoteCandidates).as("never trickled: the re-offer brings it")
                .containsExactly(offer.candidates().get(0));
    }

    @Test
    void aReOfferDuringAPendingRestartKeepsThePendingCredentials() {
        TestPeer a = negotiatedPair(sim)[0];
        a.pc.restartIce();
        await(sim, a.pc.setLocalDescription());
        IceCredentials pending = a.pc.pendingLocalDescription().credentials();

        assertThat(await(sim, a.pc.createOffer()).credentials()).isEqualTo(pending);
        assertThat(await(sim, a.pc.createOffer(OfferOptions.ICE_RESTART)).credentials()).isNotEqualTo(pending);
    }

    @Test
    void aTransportStateReportUpdatesTransportIceAndConnectionStateInOneTaskThenDtlsFollows() {
        TestPeer a = negotiatedPair(sim)[0];
        long t = sim.now();

        a.ice.connect();
        sim.runUntil(t);

        assertThat(a.events).extracting(PeerConnectionEvent::w3cType).containsExactly("icetransport.statechange",
                "iceconnectionstatechange", "icetransport.selectedcandidatepairchange", "dtlstransport.statechange");
        assertThat(a.events(IceTransportStateChange.class).get(0).state()).isEqualTo(IceTransportState.CONNECTED);
        assertThat(a.events(IceConnectionStateChange.class).get(0).state()).isEqualTo(IceConnectionState.CONNECTED);
        assertThat(a.events(DtlsTransportStateChange.class).get(0).state()).isEqualTo(DtlsTransportState.CONNECTING);
        assertThat(a.events(ConnectionStateChange.class)).as("connecting since checks began").isEmpty();
        SelectedCandidatePairChange selected = a.events(SelectedCandidatePairChange.class).get(0);
        assertThat(a.pc.selectedCandidatePair()).isEqualTo(selected.pair());
        assertThat(selected.pair().local().usernameFragment()).isEqualTo(a.localCredentials().ufrag());
        assertThat(a.events).allSatisfy(event -> assertThat(event.at()).isEqualTo(t));
    }

    @Test
    void aFailedTransportIsFailedInEveryStateWhereThePageSeesFailed_w3c_RTCIceConnectionState() {
        TestPeer a = negotiatedPair(sim)[0];
        a.ice.connect();
        sim.run();
        a.ice.report(IceTransportState.DISCONNECTED);
        a.ice.report(IceTransportState.FAILED);
        sim.run();

        assertThat(a.events(IceTransportStateChange.class)).extracting(IceTransportStateChange::state)
                .containsExactly(IceTransportState.CONNECTED, IceTransportState.DISCONNECTED, IceTransportState.FAILED);
        assertThat(a.events(IceConnectionStateChange.class)).extracting(IceConnectionStateChange::state)
                .containsExactly(IceConnectionState.CONNECTED, IceConnectionState.DISCONNECTED, IceConnectionState.FAILED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.FAILED);
    }

    @Test
    void whereThePageNeverSeesFailedAFailedTransportShowsDisconnectedButTheConnectionFails_blink_RTCIceTransport_OnStateChanged() {
        TestPeer a = negotiatedPair(sim, new PeerConnectionConfig(TestPeer.D, TestPeer.DTLS).withPageSeesIceFailed(false))[0];
        a.ice.connect();
        sim.run();
        long failedAt = sim.now();
        a.ice.report(IceTransportState.DISCONNECTED);
        sim.run();
        a.ice.report(IceTransportState.FAILED);
        sim.run();

        // Blink shows the transport's failed as disconnected and derives iceConnectionState from
        // that; connectionState comes from libwebrtc's own aggregate, which says failed.
        assertThat(a.events(IceTransportStateChange.class)).extracting(IceTransportStateChange::state)
                .containsExactly(IceTransportState.CONNECTED, IceTransportState.DISCONNECTED);
        assertThat(a.events(IceConnectionStateChange.class)).extracting(IceConnectionStateChange::state)
                .containsExactly(IceConnectionState.CONNECTED, IceConnectionState.DISCONNECTED);
        assertThat(a.events(ConnectionStateChange.class)).extracting(ConnectionStateChange::at, ConnectionStateChange::state)
                .endsWith(tuple(failedAt, PeerConnectionState.DISCONNECTED), tuple(failedAt, PeerConnectionState.FAILED));
        assertThat(a.pc.iceTransportState()).isEqualTo(IceTransportState.DISCONNECTED);
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.DISCONNECTED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.FAILED);

        // A pair that answers again brings both back (a restart's checks do the same).
        a.ice.report(IceTransportState.CONNECTED);
        sim.run();
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CONNECTED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
    }

    /**
     * pion's connectionState (webrtc peerconnection.go updateConnectionState): connecting only for
     * ICE checking with DTLS connecting, which never happens (DTLS starts once ICE is connected), so
     * "new" while the first checks run and the DTLS handshake goes on, and "new" again while a
     * restart checks with DTLS connected. Real pion showed new at every restart and never connecting.
     */
    @Test
    void pionShowsNewWhileItsChecksRunAndNeverConnecting_pion_peerconnection_updateConnectionState() {
        TestPeer a = negotiatedPair(sim, new PeerConnectionConfig(D, DTLS).withW3cConnectionState(false))[0];
        long t = sim.now();
        assertThat(a.pc.iceConnectionState()).isEqualTo(IceConnectionState.CHECKING);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.NEW);
        a.ice.report(IceTransportState.CONNECTED);
        sim.runUntil(t + DTLS - 1);
        assertThat(a.pc.connectionState()).as("ICE connected, DTLS handshaking").isEqualTo(PeerConnectionState.NEW);
        sim.runUntil(t + DTLS);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        long restartAt = t + DTLS + D;
        sim.runUntil(restartAt);
        a.ice.report(IceTransportState.CHECKING);
        sim.run();
        assertThat(a.pc.connectionState()).as("restart checks, DTLS connected").isEqualTo(PeerConnectionState.NEW);
        a.ice.report(IceTransportState.CONNECTED);
        sim.run();
        assertThat(a.events(ConnectionStateChange.class)).extracting(ConnectionStateChange::at, ConnectionStateChange::state)
                .containsExactly(tuple(t + DTLS, PeerConnectionState.CONNECTED), tuple(restartAt, PeerConnectionState.NEW),
                        tuple(restartAt, PeerConnectionState.CONNECTED));
    }

    /** pion's cases in order (peerconnection.go updateConnectionState); the W3C table differs in every "new" below. */
    @Test
    void pionsConnectionStateRule_pion_peerconnection_updateConnectionState() {
        Object[][] rows = {
            {IceConnectionState.CLOSED, DtlsTransportState.CONNECTED, PeerConnectionState.CLOSED},
            {IceConnectionState.CONNECTED, DtlsTransportState.FAILED, PeerConnectionState.FAILED},
            {IceConnectionState.FAILED, DtlsTransportState.CONNECTED, PeerConnectionState.FAILED},
            {IceConnectionState.DISCONNECTED, DtlsTransportState.CONNECTED, PeerConnectionState.DISCONNECTED},
            {IceConnectionState.CONNECTED, DtlsTransportState.CONNECTED, PeerConnectionState.CONNECTED},
            {IceConnectionState.CHECKING, DtlsTransportState.CONNECTING, PeerConnectionState.CONNECTING},
            {IceConnectionState.CHECKING, DtlsTransportState.NEW, PeerConnectionState.NEW},
            {IceConnectionState.CHECKING, DtlsTransportState.CONNECTED, PeerConnectionState.NEW},
            {IceConnectionState.CONNECTED, DtlsTransportState.CONNECTING, PeerConnectionState.NEW},
            {IceConnectionState.NEW, DtlsTransportState.NEW, PeerConnectionState.NEW},
        };
        for (Object[] row : rows) {
            assertThat(PeerConnectionState.aggregatePion((IceConnectionState) row[0], (DtlsTransportState) row[1]))
                    .as(row[0] + " " + row[1]).isEqualTo(row[2]);
        }
    }

    @Test
    void aCandidateNamingItsMediaSectionByIndexIsAccepted() {
        TestPeer a = negotiatedPair(sim)[0];
        IceCandidate byIndex = remoteHost(null, 40009).withMediaSection(null, 0);

        await(sim, a.pc.addIceCandidate(byIndex));

        assertThat(a.ice.remoteCandidates).containsExactly(byIndex.withUsernameFragment(a.pc.remoteDescription().ufrag()));
    }

    @Test
    void aDtlsFailureDuringTheHandshakeIsFinal() {
        TestPeer a = negotiatedPair(sim)[0];
        long t = sim.now();
        a.ice.connect();
        sim.runUntil(t + DTLS / 2);

        a.pc.dtlsTransport().fail();
        a.pc.dtlsTransport().fail();
        sim.run();

        assertThat(a.events(DtlsTransportStateChange.class)).extracting(DtlsTransportStateChange::state, DtlsTransportStateChange::at)
                .containsExactly(tuple(DtlsTransportState.CONNECTING, t), tuple(DtlsTransportState.FAILED, t + DTLS / 2));
        assertThat(a.pc.dtlsTransport().state()).isEqualTo(DtlsTransportState.FAILED);
        assertThat(a.pc.connectionState()).isEqualTo(PeerConnectionState.FAILED);
    }
}
