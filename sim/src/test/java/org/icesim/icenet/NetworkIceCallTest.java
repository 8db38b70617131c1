package org.icesim.icenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.ice.CandidatePair;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceProfile;
import org.icesim.ice.IceTransportState;
import org.icesim.media.MediaKind;
import org.icesim.media.RtpPacket;
import org.icesim.metrics.EventKind;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.StarNetwork;
import org.icesim.turn.TurnTransport;
import org.icesim.webrtc.IceCandidate;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.OfferOptions;
import org.icesim.webrtc.PeerConnectionEvent;
import org.icesim.webrtc.SessionDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two peer connections on two hosts behind NATs, each with a {@link NetworkIceTransport},
 * negotiating over a 50 ms signaling channel (see {@link CallWorld}): connection, media, ICE
 * restart, network changes, rollback and close.
 */
class NetworkIceCallTest {

    private final CallWorld world = new CallWorld();

    private CallWorld.Peer peer(String name, int index, NatBehavior nat, IceProfile profile, IceServers servers) {
        return world.behindNat(name, index, nat, profile, servers, IceTransportPolicy.ALL);
    }

    /** A peer behind a home router (port-restricted cone) with the world's STUN and TURN/UDP servers. */
    private CallWorld.Peer homePeer(String name, int index, IceProfile profile) {
        return peer(name, index, NatBehavior.PORT_RESTRICTED_CONE, profile, world.servers(TurnTransport.UDP));
    }

    /** Alice and Bob, both behind home routers, in a call with media flowing from Alice. */
    private record HomeCall(CallWorld.Peer alice, CallWorld.Peer bob) {
    }

    /** Two home peers of one profile called at 0 s, Alice's media on, run to 5 s (the call is up by then). */
    private HomeCall homeCallWithMedia(IceProfile profile) {
        CallWorld.Peer alice = homePeer("alice", 1, profile);
        CallWorld.Peer bob = homePeer("bob", 2, profile);
        world.call(alice, bob);
        alice.startMedia(bob);
        world.sim.runUntil(seconds(5));
        return new HomeCall(alice, bob);
    }

    @Test
    void endpointIndependentNatsConnectDirectlyOnServerReflexiveCandidatesWithMediaBothWays_4787_4_1() {
        HomeCall call = homeCallWithMedia(IceProfile.RFC);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        alice.stopMedia(bob);

        // The answer reaches alice at 100 ms and checks start; the rfc profile nominates 2 s after the
        // first valid pair; the nominating check takes one 40 ms round trip.
        assertThat(alice.recorded(EventKind.SELECTED_PAIR)).containsExactly("2230ms 0 srflx/srflx");
        assertThat(bob.recorded(EventKind.SELECTED_PAIR)).containsExactly("2210ms 0 srflx/srflx");
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(alice.pc.selectedCandidatePair().local().type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        assertThat(alice.pc.selectedCandidatePair().remote().usernameFragment())
                .isEqualTo(bob.pc.localDescription().ufrag());
        // Media: whatever left once a pair was selected arrived; nothing went through TURN.
        assertThat(alice.source.packetsSent()).isGreaterThan(100);
        assertThat(bob.sink.packetsReceived()).isEqualTo(alice.source.packetsSent());
        assertThat(alice.sink.packetsReceived()).isEqualTo(bob.source.packetsSent());
        assertThat(alice.ice.sendsChannelData()).isFalse();
        assertThat(world.turn.counters().relayedBytes()).isLessThan(alice.source.bytesSent());
        assertThat(alice.ice.checksSent()).isPositive();
        assertThat(alice.ice.datagramsDropped()).isZero();
    }

    @Test
    void symmetricNatsConnectOnlyThroughTurnAndMediaUsesChannelData_4787_8656_12() {
        CallWorld.Peer alice = peer("alice", 1, NatBehavior.SYMMETRIC, IceProfile.RFC, world.servers(TurnTransport.UDP));
        CallWorld.Peer bob = peer("bob", 2, NatBehavior.SYMMETRIC, IceProfile.RFC, world.servers(TurnTransport.UDP));
        world.call(alice, bob);
        alice.startMedia(bob);
        world.sim.runUntil(seconds(7));
        alice.stopMedia(bob);

        assertThat(alice.selectedPairs()).containsExactly("0 prflx/relay");
        assertThat(bob.selectedPairs()).containsExactly("0 relay/prflx");
        // RFC 8445 §12.1: bob's relayed pair sends through a bound channel (4 bytes of overhead).
        assertThat(bob.ice.sendsChannelData()).isTrue();
        assertThat(bob.sink.packetsReceived()).isEqualTo(alice.source.packetsSent());
        assertThat(alice.sink.packetsReceived()).isEqualTo(bob.source.packetsSent());
        // Every media packet crossed the TURN server.
        assertThat(world.turn.counters().relayedPackets())
                .isGreaterThanOrEqualTo(bob.sink.packetsReceived() + alice.sink.packetsReceived());
    }

    @Test
    void anIceRestartOnAHealthyPathLosesNoMediaAndEndsOnTheNewGeneration_8445_9_12_1() {
        CallWorld.Peer alice = homePeer("alice", 1, IceProfile.RFC);
        CallWorld.Peer bob = homePeer("bob", 2, IceProfile.RFC);
        world.call(alice, bob);
        world.sim.runUntil(seconds(5));
        alice.startMedia(bob);
        world.sim.runUntil(seconds(6));
        List<TransportAddress> oldBases = alice.ice.localBases();
        alice.events.clear();
        alice.pc.restartIce();
        world.sim.runUntil(seconds(9));
        // The new generation selected its pair at 8.23 s; the old one is freed 3 s later (RFC 8445 §8.3.1).
        assertThat(alice.ice.localBases()).containsAll(oldBases);
        world.sim.runUntil(seconds(12));
        alice.stopMedia(bob);

        assertThat(alice.recorded(EventKind.SELECTED_PAIR)).containsExactly("2230ms 0 srflx/srflx", "8230ms 1 srflx/srflx");
        assertThat(bob.recorded(EventKind.SELECTED_PAIR)).containsExactly("2210ms 0 srflx/srflx", "8210ms 1 srflx/srflx");
        assertThat(alice.recorded(EventKind.GATHERING_COMPLETE)).containsExactly("100ms 0", "6100ms 1");
        // W3C RTCIceTransportState: a restart takes "completed" to "connected".
        assertThat(alice.transportStates()).containsExactly("6000ms connected", "8230ms completed");
        assertThat(alice.ice.localGeneration()).isEqualTo(1);
        assertThat(alice.pc.selectedCandidatePair().local().usernameFragment()).isEqualTo(alice.pc.localDescription().ufrag());
        assertThat(bob.sink.packetsReceived()).isEqualTo(alice.source.packetsSent());
        assertThat(alice.sink.packetsReceived()).isEqualTo(bob.source.packetsSent());
        assertThat(alice.source.packetsUnsent()).isZero();
        // The old sockets are closed and the old allocations deleted with a Refresh of LIFETIME 0.
        assertThat(alice.ice.localBases()).hasSize(2).doesNotContainAnyElementsOf(oldBases);
        assertThat(world.turn.counters().allocationsDeleted()).isEqualTo(2);
        assertThat(world.turn.counters().liveAllocations()).isEqualTo(2);
        assertThat(alice.ice.turnAllocations()).isEqualTo(2);
    }

    /**
     * Alice loses the interface of the selected pair at 5 s, and her stack is told (network monitor
     * announced: the rfc profile, or libwebrtc with an operating-system monitor as on mobile). Bob
     * notices by his profile's liveness rule: RFC 7675 consent (checks every 4-6 s, lost 30 s after
     * the last answer), libwebrtc's unanswered pings and "failed" 15 s after the first unanswered ping
     * (bob's check loop puts that ping at 6.269 s; disconnected and failed come at its runs 5 and 15 s later). The consent intervals are drawn from the peer's
     * stream, which the srflx keepalives' transaction IDs draw from too.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rfc,       11886ms disconnected; 32210ms failed",
        "libwebrtc, 11284ms disconnected; 21284ms failed"})
    void losingTheSelectedPairsInterfaceFailsTheTransportAndThePeerNoticesByItsProfile_8445_5_1_1_4(String profileName,
            String bobStates) {
        IceProfile profile = IceProfile.named(profileName).with("networkMonitor", "announced");
        CallWorld.Peer alice = homePeer("alice", 1, profile);
        CallWorld.Peer bob = homePeer("bob", 2, profile);
        world.call(alice, bob);
        alice.startMedia(bob);
        world.sim.runUntil(seconds(5));
        alice.events.clear();
        bob.events.clear();
        long unsentBefore = alice.source.packetsUnsent();
        alice.host.removeInterface(StarNetwork.INTERFACE);
        world.sim.runUntil(seconds(6));

        // Gathering and the peer's end-of-candidates are complete and every candidate is gone:
        // nothing is left to check, so the transport fails as soon as the change is reported.
        assertThat(alice.transportStates()).containsExactly("5000ms failed");
        assertThat(alice.ice.selectedPair()).isNull();
        assertThat(alice.ice.localBases()).isEmpty();
        assertThat(alice.source.packetsUnsent() - unsentBefore).isEqualTo(50);
        world.sim.runUntil(seconds(50));
        assertThat(bob.transportStates()).containsExactly(bobStates.split("; "));
    }

    /**
     * pion does not watch interfaces (gather.go localInterfaces runs once per gathering): alice
     * keeps the candidates of the vanished interface, and both sides notice at the 2 s ticks of
     * their liveness loop more than 5 s and 30 s after the last packet (agent.go
     * validateSelectedPair). Real pion: alice disconnected 5.19-5.26 s after the removal
     * (docs/testbed-pion.md).
     */
    @Test
    void pionDoesNotNoticeAVanishedInterfaceItsLivenessTicksDo_pion_gather_localInterfaces() {
        HomeCall call = homeCallWithMedia(IceProfile.PION);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        long aliceTick = alice.firstRecordedAt(EventKind.SELECTED_PAIR) % seconds(2);
        long bobTick = bob.firstRecordedAt(EventKind.SELECTED_PAIR) % seconds(2);
        removeAlicesInterfaceUnnoticed(call);
        world.sim.runUntil(seconds(50));
        // Each side ticks every 2 s from its selection (alice at 0.74 s + 2k s, bob at 0.72 s + 2k s);
        // the last packets arrived just before the removal at 5 s, so the first ticks more than 5 s
        // and 30 s later are the ones after 10 s and 35 s.
        assertThat(aliceTick).isEqualTo(millis(740));
        assertThat(bobTick).isEqualTo(millis(720));
        assertThat(alice.transportStates()).containsExactly("10740ms disconnected", "36740ms failed");
        assertThat(bob.transportStates()).containsExactly("10720ms disconnected", "36720ms failed");
    }

    /**
     * pion's agent restarts inside CreateOffer (webrtc peerconnection.go CreateOffer ->
     * icetransport.go restart), and Restart unsets the selected pair and closes every local
     * candidate with its socket (ice agent.go Restart: setSelectedPair(nil), deleteAllCandidates).
     * An offer that never reaches bob therefore leaves him with a pair nobody answers on: his
     * keepalives go unanswered, no media arrives, and he reports disconnected at his first 2 s tick
     * more than 5 s after alice's last packet, as after a cut (bob ticks at 0.72 s + 2k s, see
     * pionDoesNotNoticeAVanishedInterface…). Real pion with the signaling server down: media stopped
     * both ways at restartIce() and bob was disconnected 5.0 s later (results/baselines/real/pion-3.1.56,
     * fidelity-restart-signaling-outage).
     */
    @Test
    void pionClosesThePreviousGenerationWhenItRestartsSoAnUnsentOfferCutsTheCall_pion_agent_Restart() {
        HomeCall call = homeCallWithMedia(IceProfile.PION);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        List<TransportAddress> paired = alice.ice.localBases();
        long sentBeforeRestart = alice.source.packetsSent();
        bob.events.clear();
        // The restart offer is created and applied, never sent.
        alice.pc.createOffer(OfferOptions.ICE_RESTART).onSuccess(offer -> alice.pc.setLocalDescription(offer));
        world.sim.runUntil(seconds(5) + millis(10));
        assertThat(alice.ice.selectedPair()).isNull();
        assertThat(alice.ice.localBases()).doesNotContainAnyElementsOf(paired);
        world.sim.runUntil(seconds(20));

        // Nothing leaves alice after the restart (no pair of the new generation): bob gets what was
        // sent before it, the last packet still in flight at 5 s included.
        assertThat(alice.source.packetsSent()).isEqualTo(sentBeforeRestart);
        assertThat(bob.sink.packetsReceived()).isEqualTo(sentBeforeRestart);
        assertThat(bob.transportStates()).containsExactly("10720ms disconnected");
    }

    /**
     * Desktop Chromium's libwebrtc is not told that an interface vanished: the port allocator only
     * prunes its ports and the channel keeps their connections (basic_port_allocator.cc
     * OnNetworksChanged, p2p_transport_channel.cc OnPortsPruned). Alice's selected pair stays, its
     * pings cannot leave, and she notices as she would a black hole: unwritable ("disconnected") at
     * her 5th unanswered ping once the first is 5 s old, timed out and "failed" 15 s after the first
     * (connection.cc UpdateState; Chromium 156 measured disconnected 5.5-6.3 s after the removal).
     */
    @Test
    void libwebrtcIsNotToldOfAVanishedInterfaceItsPingsNotice_lwrtc_OnPortsPruned() {
        HomeCall call = homeCallWithMedia(IceProfile.LIBWEBRTC);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        removeAlicesInterfaceUnnoticed(call);
        world.sim.runUntil(seconds(30));
        // Her check loop puts the first ping after the removal at 5.256 s; bob's, as when alice's
        // stack is told (losingTheSelectedPairsInterface…), at 6.269 s. Each is disconnected at its
        // loop's first run 5 s after that ping and failed at the run 15 s after it.
        assertThat(alice.transportStates()).containsExactly("10271ms disconnected", "20271ms failed");
        assertThat(bob.transportStates()).containsExactly("11284ms disconnected", "21284ms failed");
    }

    /**
     * Removes alice's only interface at 5 s of a {@link #homeCallWithMedia} call whose stack is not
     * told, runs to 6 s and checks that nothing was noticed: the selected pair stays, media just
     * cannot leave. Both peers' recorded events start at the removal.
     */
    private void removeAlicesInterfaceUnnoticed(HomeCall call) {
        CandidatePair selected = call.alice().ice.selectedPair();
        assertThat(selected).isNotNull();
        call.alice().events.clear();
        call.bob().events.clear();
        call.alice().host.removeInterface(StarNetwork.INTERFACE);
        world.sim.runUntil(seconds(6));
        assertThat(call.alice().transportStates()).isEmpty();
        assertThat(call.alice().ice.selectedPair()).isSameAs(selected);
    }

    @Test
    void libwebrtcDestroysEveryPairOnceAllTimedOutAndSendsNothingUntilARestart_lwrtc_HandleAllTimedOut() {
        HomeCall call = homeCallWithMedia(IceProfile.LIBWEBRTC);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        // Alice's NAT loses its uplink: every pair, the relayed ones included, goes silent.
        world.net.link("nat-alice").setUp(false);
        world.sim.runUntil(seconds(30));
        // Every pair timed out (15 s without an answer), so every one was destroyed
        // (p2p_transport_channel.cc HandleAllTimedOut): "failed", no selected pair, no media sent.
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.FAILED);
        assertThat(alice.ice.selectedPair()).isNull();
        long unsent = alice.source.packetsUnsent();
        world.sim.runUntil(seconds(31));
        assertThat(alice.source.packetsUnsent() - unsent).isEqualTo(50);

        world.net.link("nat-alice").setUp(true);
        long receivedByBob = bob.sink.packetsReceived();
        world.sim.runUntil(seconds(40));
        // Nothing is left to ping: the path is back, but without a restart no media flows.
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.FAILED);
        assertThat(bob.pc.iceConnectionState()).isEqualTo(IceConnectionState.FAILED);
        assertThat(bob.sink.packetsReceived()).isEqualTo(receivedByBob);
        alice.stopMedia(bob);
    }

    @Test
    void aRestartAfterANewInterfaceAppearedReconnectsOverIt() {
        HomeCall call = homeCallWithMedia(IceProfile.RFC);
        CallWorld.Peer alice = call.alice();
        CallWorld.Peer bob = call.bob();
        alice.host.removeInterface(StarNetwork.INTERFACE);
        world.sim.runUntil(seconds(10));
        world.net.addInterface(alice.host, "wifi", "198.51.100.77", millis(5), world.net.internet());
        world.sim.runUntil(seconds(11));
        long receivedBeforeRestart = bob.sink.packetsReceived();
        alice.pc.restartIce();
        world.sim.runUntil(seconds(15));

        assertThat(alice.selectedPairs()).containsExactly("0 srflx/srflx", "1 host/prflx");
        assertThat(alice.ice.selectedPair().local().base().ip()).isEqualTo(Ipv4Address.parse("198.51.100.77"));
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(bob.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(bob.sink.packetsReceived()).isGreaterThan(receivedBeforeRestart + 50);
    }

    @Test
    void rollingBackAnUnansweredRestartClosesWhatItGatheredAndKeepsTheCall_Jsep250() {
        CallWorld.Peer alice = homePeer("alice", 1, IceProfile.RFC);
        CallWorld.Peer bob = homePeer("bob", 2, IceProfile.RFC);
        world.call(alice, bob);
        world.sim.runUntil(seconds(5));
        alice.startMedia(bob);
        List<TransportAddress> paired = alice.ice.localBases();
        // An offer with new credentials, applied but never sent.
        alice.pc.createOffer(OfferOptions.ICE_RESTART).onSuccess(offer -> alice.pc.setLocalDescription(offer));
        world.sim.runUntil(seconds(6));
        assertThat(alice.ice.localGeneration()).isEqualTo(1);
        assertThat(alice.ice.localBases()).hasSize(4).containsAll(paired);
        alice.pc.setLocalDescription(SessionDescription.rollback());
        world.sim.runUntil(seconds(8));
        alice.stopMedia(bob);

        assertThat(alice.ice.localGeneration()).isZero();
        assertThat(alice.ice.localBases()).isEqualTo(paired);
        assertThat(world.turn.counters().allocationsDeleted()).isEqualTo(1);
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(alice.selectedPairs()).containsExactly("0 srflx/srflx");
        assertThat(bob.sink.packetsReceived()).isEqualTo(alice.source.packetsSent());
    }

    @Test
    void restartGlareRollsBackThePoliteOfferAndEndsOnANewGenerationWithoutLosingMedia_W3cPerfectNegotiation() {
        CallWorld.Peer alice = homePeer("alice", 1, IceProfile.RFC);
        CallWorld.Peer bob = homePeer("bob", 2, IceProfile.RFC);
        world.call(alice, bob);
        world.sim.runUntil(seconds(5));
        alice.startMedia(bob);
        alice.pc.restartIce();
        bob.pc.restartIce();
        world.sim.runUntil(seconds(15));
        alice.stopMedia(bob);

        // Bob (impolite) ignores alice's offer; alice rolls hers back when bob's arrives at 5.05 s
        // (back to generation 0: completed) and answers with new credentials (generation 1 again).
        assertThat(alice.transportStates()).containsExactly("100ms checking", "2230ms completed", "5000ms connected",
                "5050ms completed", "5050ms connected", "7280ms completed");
        assertThat(alice.recorded(EventKind.SELECTED_PAIR)).containsExactly("2230ms 0 srflx/srflx", "7280ms 1 srflx/srflx");
        assertThat(bob.recorded(EventKind.SELECTED_PAIR)).containsExactly("2210ms 0 srflx/srflx", "7260ms 1 srflx/srflx");
        assertThat(alice.ice.localGeneration()).isEqualTo(1);
        assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(bob.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(alice.pc.selectedCandidatePair().local().usernameFragment()).isEqualTo(alice.pc.localDescription().ufrag());
        assertThat(bob.sink.packetsReceived()).isEqualTo(alice.source.packetsSent());
        assertThat(alice.sink.packetsReceived()).isEqualTo(bob.source.packetsSent());
        assertThat(alice.ice.localBases()).hasSize(2);
    }

    @Test
    void relayPolicyOnBothSidesConnectsRelayToRelay() {
        CallWorld.Peer alice = world.behindNat("alice", 1, NatBehavior.FULL_CONE, IceProfile.RFC,
                world.servers(TurnTransport.UDP), IceTransportPolicy.RELAY);
        CallWorld.Peer bob = world.behindNat("bob", 2, NatBehavior.FULL_CONE, IceProfile.RFC,
                world.servers(TurnTransport.UDP), IceTransportPolicy.RELAY);
        world.call(alice, bob);
        world.sim.runUntil(seconds(5));

        assertThat(alice.selectedPairs()).containsExactly("0 relay/relay");
        assertThat(bob.selectedPairs()).containsExactly("0 relay/relay");
        assertThat(alice.candidates()).extracting(IceCandidate::type).containsOnly(CandidateType.RELAYED);
    }

    @Test
    void closeEndsIceAndDeletesTheAllocations_W3cClose() {
        CallWorld.Peer alice = homePeer("alice", 1, IceProfile.RFC);
        CallWorld.Peer bob = homePeer("bob", 2, IceProfile.RFC);
        world.call(alice, bob);
        world.sim.runUntil(seconds(5));
        alice.events.clear();
        alice.pc.close();
        world.sim.runUntil(seconds(6));

        assertThat(alice.ice.localBases()).isEmpty();
        assertThat(alice.ice.sendData(new RtpPacket(MediaKind.AUDIO, 1, 0, 0, false, 160))).isFalse();
        assertThat(world.turn.counters().allocationsDeleted()).isEqualTo(1);
        assertThat(alice.events).noneMatch(e -> e instanceof PeerConnectionEvent.IceTransportStateChange change
                && change.state() != IceTransportState.CLOSED);
    }
}
