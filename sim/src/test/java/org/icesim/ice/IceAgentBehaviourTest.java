package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.List;
import org.icesim.ice.IceEvent.CheckSent;
import org.icesim.ice.IceEvent.PairStateChanged;
import org.icesim.kernel.RandomStreams;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunClass;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.TransactionId;
import org.junit.jupiter.api.Test;

/** Agent behaviour beyond the checklist: TURN permissions, trickle, profile failure rules, errors, sizes. */
class IceAgentBehaviourTest {

    private static final long D = millis(10);
    private static final TransportAddress ALICE = Peer.parse("10.0.0.1:5000");
    private static final TransportAddress BOB = Peer.parse("10.0.0.2:6000");

    @Test
    void relayedChecksWaitForTheTurnPermission_8445_7_2_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        List<String> prepared = new ArrayList<>();
        IceIo withTurn = new IceIo() {
            @Override
            public void send(TransportAddress base, TransportAddress remote, StunMessage message) {
                h.wire.io().send(base, remote, message);
            }

            @Override
            public void prepareRelay(TransportAddress relayedBase, Ipv4Address peer, Runnable ready) {
                prepared.add(h.simulator.now() + " " + relayedBase + " " + peer);
                h.simulator.schedule(millis(30), ready);
            }
        };
        IceAgent alice = new IceAgent(h.simulator, new RandomStreams(1).stream("a"), IceProfile.RFC, IceRole.CONTROLLING,
                false, new IceCredentials("AAAA", "aaaaaaaaaaaaaaaaaaaaaa"), withTurn, IceEventListener.NONE);
        TransportAddress relayed = Peer.parse("192.0.2.50:50000");
        alice.addLocalCandidate(Candidates.relayed(relayed, ALICE.ip(), relayed.ip(), Protocol.UDP, 65535,
                TypePreferences.RFC_8445));
        h.wire.attach(relayed, alice);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        alice.setRemoteCredentials(h.bob.agent.localCredentials());
        alice.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.runFor(seconds(1));
        assertThat(prepared).containsExactly("0 192.0.2.50:50000 10.0.0.2");
        assertThat(h.wire.sent()).filteredOn(s -> s.from().equals(relayed) && s.message().stunClass() == StunClass.REQUEST)
                .extracting(Wire.Sent::at).first().isEqualTo(millis(30));
        assertThat(alice.selectedPair()).isNotNull();
    }

    @Test
    void lateTrickledRemoteCandidateIsPairedAndChecked_8838() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach();
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.bob.agent.setRemoteCredentials(h.alice.agent.localCredentials());
        h.runFor(seconds(1));
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.NEW);
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.runFor(seconds(1));
        assertThat(h.alice.events(CheckSent.class).get(0).at()).isEqualTo(seconds(1));
        assertThat(h.alice.firstTimeIn(IceTransportState.CHECKING)).isEqualTo(seconds(1));
        assertThat(h.alice.agent.selectedPair()).isNotNull();
        assertThat(h.bob.agent.selectedPair()).isNotNull();
        // Bob learnt alice only as a peer-reflexive candidate, from her checks.
        assertThat(h.bob.agent.selectedPair().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    }

    @Test
    void signalledCandidateReplacesTheLearntPeerReflexiveOne_8838_11() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach();
        h.bob.agent.setRemoteCredentials(h.alice.agent.localCredentials());
        h.alice.learn(h.bob);
        h.runFor(millis(30));
        CandidatePair pair = h.bob.agent.checkList().get(0);
        assertThat(pair.remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        Candidate signalled = Candidate.remote(CandidateType.HOST, ALICE, 2130706431L, "alicehost");
        assertThat(h.bob.agent.addRemoteCandidate(signalled)).isTrue();
        assertThat(h.bob.agent.checkList()).containsExactly(pair);
        assertThat(pair.remote()).isEqualTo(signalled);
        assertThat(pair.priority()).isEqualTo(Priorities.pairPriority(2130706431L, pair.local().priority()));
        assertThat(h.bob.agent.remoteCandidates()).containsExactly(signalled);
    }

    @Test
    void firefoxWaitsTheTrickleGracePeriodBeforeFailed_nICEr() {
        IceHarness h = new IceHarness(IceProfile.FIREFOX, D).withOneHostEach();
        h.wire.nat(BOB, Peer.parse("10.0.0.99:6000"));
        h.alice.learn(h.bob);
        h.runFor(seconds(10));
        assertThat(h.alice.events(PairStateChanged.class)).anyMatch(e -> e.to() == PairState.FAILED && e.at() == 2 * D);
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(2 * D + seconds(5));
    }

    /**
     * nICEr checks a pair with one nr_stun_client_ctx at RTO MAX(100 ms, Ta x waiting pairs)
     * (ice_candidate_pair.c nr_ice_candidate_pair_create): nr_stun_client_send_request doubles the
     * wait after each send and extends the last one by 16 x RTO (stun_client_ctx.c), so an
     * unanswered pair is sent to at 0, 1, 3, 7, 15, 31 and 63 x RTO and fails at 63 + 32 + 16 =
     * 111 x RTO; the RFC (8489 §6.2.1) fails it at 63 + 16 = 79 x RTO.
     */
    @Test
    void firefoxRetransmitsAChecksOnNicersScheduleAndFailsThePairAt111Rto_nICEr_stun_client_ctx() {
        for (IceProfile profile : List.of(IceProfile.FIREFOX, IceProfile.RFC)) {
            IceHarness h = new IceHarness(profile, D);
            h.alice.host(h.wire, "10.0.0.1:5000", 0);
            h.wire.blackHole(BOB);
            h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
            h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
            h.runFor(seconds(60));
            // One pair, so its RTO is the floor: 100 ms for firefox, 500 ms for the RFC (§14.3).
            long rto = profile == IceProfile.FIREFOX ? millis(100) : millis(500);
            long firstCheck = h.alice.events(CheckSent.class).get(0).at();
            assertThat(h.alice.events(CheckSent.class)).as(profile.name()).extracting(c -> (c.at() - firstCheck) / rto)
                    .containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L);
            long failsAfter = profile == IceProfile.FIREFOX ? 111 : 79;
            assertThat(h.alice.events(PairStateChanged.class)).as(profile.name())
                    .filteredOn(e -> e.to() == PairState.FAILED).extracting(PairStateChanged::at)
                    .containsExactly(firstCheck + failsAfter * rto);
        }
    }

    @Test
    void libwebrtcFailsWithoutEndOfCandidatesOncePairsAreInactive_lwrtc() {
        IceHarness h = new IceHarness(IceProfile.LIBWEBRTC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.wire.blackHole(ALICE);
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.runFor(seconds(20));
        // One pair pinged at every run of the check loop, 48 ms apart, 62.5 ms on Chromium's 64 Hz
        // grid (4 ticks of 15.625 ms); the run 15 s (240 runs) after the first unanswered ping fails it.
        long run = 4 * 15_625_000L;
        List<CheckSent> pings = h.alice.events(CheckSent.class);
        assertThat(pings.get(0).at()).isZero();
        assertThat(pings.get(1).at() - pings.get(0).at()).isEqualTo(run);
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(240 * run);
    }

    @Test
    void pionPairFailsAfterEightUnansweredPingsAndTheAgent30sAfterCheckingBegan_pion_pingAllCandidates_connectivityChecks() {
        IceHarness h = new IceHarness(IceProfile.PION, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.host(h.wire, "10.0.0.3:5000", 1);
        h.wire.blackHole(BOB);
        h.alice.agent.localGatheringComplete();
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.alice.agent.remoteEndOfCandidates();
        h.runFor(seconds(40));
        // Every pair is pinged at every 200 ms tick while its count is at most 7 (the count is
        // compared before the ping): 0, 200 ... 1400 ms; the 1600 ms tick fails them.
        assertThat(h.alice.events(CheckSent.class)).hasSize(16)
                .extracting(CheckSent::at).containsOnly(0L, millis(200), millis(400), millis(600), millis(800),
                        millis(1000), millis(1200), millis(1400));
        assertThat(h.alice.agent.checkList()).allMatch(p -> p.state() == PairState.FAILED);
        assertThat(h.alice.events(PairStateChanged.class).stream().filter(c -> c.to() == PairState.FAILED))
                .extracting(PairStateChanged::at).containsOnly(millis(1600));
        // Failed pairs and end-of-candidates do not fail the agent: 30 s after checking began does.
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(seconds(30));
    }

    @Test
    void removingAnInterfaceFailsItsPairs_8445_5_1_1_4() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        TransportAddress second = h.alice.host(h.wire, "10.0.0.3:5000", 1).address();
        h.wire.blackHole(BOB);
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.runFor(millis(60));
        CandidatePair onSecond = h.alice.agent.checkList().get(1);
        assertThat(onSecond.local().address()).isEqualTo(second);
        h.alice.agent.removeLocalCandidates(List.of(second));
        assertThat(onSecond.state()).isEqualTo(PairState.FAILED);
        assertThat(h.alice.agent.checkList()).hasSize(1).noneMatch(p -> p.local().address().equals(second));
        assertThat(h.alice.agent.localCandidates()).extracting(Candidate::address).containsExactly(ALICE);
        h.runFor(seconds(2));
        assertThat(h.wire.sent()).noneMatch(s -> s.from().equals(second) && s.at() > millis(60));
    }

    @Test
    void requestsWithoutValidCredentialsGet400Or401_8489_9_1_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach();
        IceAgent alice = h.alice.agent;
        IceCredentials bob = h.bob.agent.localCredentials();
        StunMessage anonymous = StunMessage.request(StunMethod.BINDING, new TransactionId(1, 1),
                List.of(StunAttribute.Fingerprint.INSTANCE));
        alice.handleStun(ALICE, BOB, anonymous);
        StunMessage good = Requests.check(alice, bob, 1862270975L, IceRole.CONTROLLED, 1, false);
        StunMessage wrongUfrag = StunMessage.request(StunMethod.BINDING, new TransactionId(1, 2), List.of(
                new StunAttribute.Username("nope:" + bob.ufrag()), good.attribute(StunAttribute.MessageIntegrity.class)
                        .orElseThrow(), StunAttribute.Fingerprint.INSTANCE));
        alice.handleStun(ALICE, BOB, wrongUfrag);
        StunMessage wrongKey = StunMessage.request(StunMethod.BINDING, new TransactionId(1, 3), List.of(
                good.attribute(StunAttribute.Username.class).orElseThrow(),
                new StunAttribute.MessageIntegrity(StunKey.shortTerm("not-the-password-at-all")),
                StunAttribute.Fingerprint.INSTANCE));
        alice.handleStun(ALICE, BOB, wrongKey);
        assertThat(h.wire.sent()).extracting(s -> s.message().attribute(StunAttribute.ErrorCode.class).orElseThrow().code())
                .containsExactly(400, 401, 401);
    }

    @Test
    void twoAgentsOfOneHostTogetherSendNoMoreThanOneCheckPer5ms_8445_14_2() {
        IceProfile fast = IceProfile.RFC.with("checkInterval", "5ms");
        IceHarness h = new IceHarness(fast, D);
        HostPacing oneHost = new HostPacing();
        RandomStreams streams = new RandomStreams(7);
        for (int i = 0; i < 2; i++) {
            TransportAddress base = Peer.parse("10.0.0.1:" + (5000 + i));
            IceAgent agent = new IceAgent(h.simulator, streams.stream("ice/" + i), fast, IceRole.CONTROLLING, false,
                    IceCredentials.random(streams.stream("credentials/" + i)), h.wire.io(), IceEventListener.NONE,
                    oneHost);
            agent.addLocalCandidate(Candidates.host(base, 65535, TypePreferences.RFC_8445));
            h.wire.attach(base, agent);
            agent.setRemoteCredentials(new IceCredentials("BBBB", "bbbbbbbbbbbbbbbbbbbbbb"));
            for (int r = 0; r < 4; r++) {
                agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, Peer.parse("10.0.2." + (r + 1) + ":6000"),
                        Priorities.candidatePriority(126, Priorities.localPreference(r, 0), 1), "f" + r));
            }
        }
        h.runFor(millis(100));

        // Each agent's Ta alone would let both send at 0, 5, 10 and 15 ms; together they take turns.
        assertThat(h.wire.sent()).filteredOn(s -> s.message().stunClass() == StunClass.REQUEST)
                .extracting(Wire.Sent::at).containsExactly(0L, millis(5), millis(10), millis(15), millis(20), millis(25),
                        millis(30), millis(35));
        assertThat(h.wire.sent()).extracting(Wire.Sent::from).containsOnly(Peer.parse("10.0.0.1:5000"),
                Peer.parse("10.0.0.1:5001"));
    }

    @Test
    void aCheckWithoutPriorityIsAnswered400AndChangesNothing_8445_7_1_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        IceAgent alice = h.alice.agent;
        StunMessage good = Requests.check(alice, h.bob.agent.localCredentials(), 1862270975L, IceRole.CONTROLLING,
                Long.MAX_VALUE, true);
        StunMessage noPriority = StunMessage.request(StunMethod.BINDING, new TransactionId(2, 1),
                good.attributes().stream().filter(a -> !(a instanceof StunAttribute.Priority)).toList());
        TransportAddress stranger = Peer.parse("10.9.9.9:9999");
        alice.handleStun(ALICE, stranger, noPriority);

        // RFC 8489 §6.3.1.1 / libwebrtc OnUnknownAddress: 400, authenticated like any answer to a valid USERNAME.
        StunMessage answer = h.wire.sent().get(h.wire.sent().size() - 1).message();
        assertThat(answer.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(answer.attribute(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(400);
        assertThat(answer.hasAttribute(StunAttribute.MessageIntegrity.class)).isTrue();
        // Not a check: no peer-reflexive candidate, no triggered check, and its ICE-CONTROLLING with the
        // largest tie-breaker does not make alice controlled.
        assertThat(alice.remoteCandidates()).extracting(Candidate::address).doesNotContain(stranger);
        assertThat(alice.checkList()).noneMatch(p -> p.remote().address().equals(stranger));
        assertThat(alice.role()).isEqualTo(IceRole.CONTROLLING);
    }

    @Test
    void checksAndResponsesHaveTheWireSizesOfTheReference_8489_14() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(1));
        StunMessage aliceCheck = h.alice.events(CheckSent.class).get(0).message();
        StunMessage nomination = h.alice.events(CheckSent.class).stream()
                .map(CheckSent::message).filter(m -> m.hasAttribute(StunAttribute.UseCandidate.class)).findFirst().orElseThrow();
        StunMessage bobCheck = h.bob.events(CheckSent.class).get(0).message();
        StunMessage response = h.wire.sent().stream().map(Wire.Sent::message)
                .filter(m -> m.stunClass() == StunClass.SUCCESS_RESPONSE).findFirst().orElseThrow();
        assertThat(aliceCheck.size()).isEqualTo(88);
        assertThat(nomination.size()).isEqualTo(92);
        assertThat(bobCheck.size()).isEqualTo(88);
        assertThat(response.size()).isEqualTo(64);
        StunMessage conflict = aliceCheck.respondError(List.of(StunAttribute.ErrorCode.ROLE_CONFLICT,
                new StunAttribute.MessageIntegrity(StunKey.shortTerm("x")), StunAttribute.Fingerprint.INSTANCE));
        assertThat(conflict.size()).isEqualTo(76);
        assertThat(h.alice.agent.checksSent()).isEqualTo(h.alice.events(CheckSent.class).size());
    }

    @Test
    void settingTheRoleRecomputesPairPriorities_8445_6_1_2_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        Candidate local = h.alice.host(h.wire, "10.0.0.1:5000", 0);
        Candidate remote = Candidate.remote(CandidateType.HOST, BOB, Priorities.candidatePriority(126, 65279, 1), "b");
        h.alice.agent.addRemoteCandidate(remote);
        assertThat(h.alice.agent.checkList().get(0).priority())
                .isEqualTo(Priorities.pairPriority(local.priority(), remote.priority()));
        h.alice.agent.setRole(IceRole.CONTROLLED);
        assertThat(h.alice.agent.role()).isEqualTo(IceRole.CONTROLLED);
        assertThat(h.alice.agent.checkList().get(0).priority())
                .isEqualTo(Priorities.pairPriority(remote.priority(), local.priority()));
        assertThat(h.alice.events(IceEvent.RoleChanged.class)).hasSize(1);
    }

    @Test
    void closeStopsEverything() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(2));
        h.alice.agent.close();
        int sentAtClose = h.wire.sent().size();
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.CLOSED);
        assertThat(h.alice.agent.selectedPair()).isNull();
        h.alice.agent.handleStun(ALICE, BOB, Requests.check(h.alice.agent, h.bob.agent.localCredentials(), 1, IceRole.CONTROLLED,
                1, false));
        h.runFor(seconds(30));
        assertThat(h.wire.sent().subList(sentAtClose, h.wire.sent().size())).noneMatch(s -> s.from().equals(ALICE));
        assertThatThrownBy(() -> h.alice.agent.addLocalCandidate(Candidates.host(Peer.parse("10.0.0.9:1"), 65535,
                TypePreferences.RFC_8445))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void sameSeedSameRun() {
        List<String> first = run(42);
        assertThat(run(42)).isEqualTo(first);
        assertThat(run(43)).isNotEqualTo(first);
    }

    private static List<String> run(long seed) {
        IceHarness h = new IceHarness(IceProfile.RFC, IceProfile.RFC, D, seed).withOneHostEach().exchange();
        h.runFor(seconds(60));
        return h.alice.events.stream().map(Object::toString).toList();
    }
}
