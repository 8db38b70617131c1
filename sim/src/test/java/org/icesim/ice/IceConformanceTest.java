package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.ice.IceEvent.CheckKind;
import org.icesim.ice.IceEvent.CheckSent;
import org.icesim.ice.IceEvent.PairStateChanged;
import org.icesim.ice.IceEvent.SelectedPairChanged;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunClass;
import org.icesim.stun.StunMessage;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** The ICE core, trickle and consent items (1-31) of the conformance checklist, one test each. */
class IceConformanceTest {

    private static final long D = millis(10);
    private static final TransportAddress ALICE = Peer.parse("10.0.0.1:5000");
    private static final TransportAddress BOB = Peer.parse("10.0.0.2:6000");

    // ---------------------------------------------------------------------------------------- 1-6

    @Test
    void item01_hostPrflxSrflxRelayPrioritiesForComponent1_8445_5_1_2() {
        TypePreferences rfc = IceProfile.RFC.typePreferences();
        Ipv4Address server = Ipv4Address.parse("192.0.2.10");
        TransportAddress mapped = Peer.parse("203.0.113.1:40000");
        assertThat(Candidates.host(ALICE, 65535, rfc).priority()).isEqualTo(2130706431L);
        assertThat(Candidates.localPeerReflexive(mapped, ALICE,
                Candidates.checkPriority(Candidates.host(ALICE, 65535, rfc), rfc)).priority()).isEqualTo(1862270975L);
        assertThat(Candidates.serverReflexive(mapped, ALICE, server, 65535, rfc).priority()).isEqualTo(1694498815L);
        assertThat(Candidates.relayed(Peer.parse("192.0.2.10:50000"), ALICE.ip(), server, Protocol.UDP, 65535, rfc)
                .priority()).isEqualTo(16777215L);
    }

    @Test
    void item02_everyCheckCarriesTheLocalPriorityWithPrflxTypePreference_8445_7_1_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        Candidate host = h.alice.host(h.wire, "10.0.0.1:5000", 0);
        Candidate relay = Candidates.relayed(Peer.parse("192.0.2.50:50000"), host.address().ip(),
                Ipv4Address.parse("192.0.2.50"), Protocol.UDP, Priorities.localPreference(0, 1),
                TypePreferences.RFC_8445);
        h.alice.agent.addLocalCandidate(relay);
        h.wire.attach(relay.base(), h.alice.agent);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        // Nothing answers the host pair, so the relayed pair gets checked too.
        h.wire.blackHole(host.address());
        h.exchange();
        h.runFor(seconds(1));
        List<CheckSent> checks = h.alice.events(CheckSent.class);
        assertThat(checks).extracting(c -> c.pair().local().type()).contains(CandidateType.HOST, CandidateType.RELAYED);
        for (CheckSent check : checks) {
            long sent = check.message().attribute(StunAttribute.Priority.class).orElseThrow().priority();
            long local = check.pair().local().priority();
            assertThat(sent).isEqualTo((110L << 24) + (local & 0xFFFFFF));
        }
        assertThat(checks.get(0).message().attribute(StunAttribute.Priority.class).orElseThrow().priority())
                .isEqualTo(1862270975L);
    }

    @Test
    void item03_pairPriorityTakesGFromControllingAndIsRecomputedAfterRoleSwitch_8445_6_1_2_3() {
        // Both start controlling; the one with the smaller tie-breaker switches on the 487.
        Simulator simulator = SuiteChecks.simulator();
        Wire wire = new Wire(simulator, D);
        RandomStreams streams = new RandomStreams(3);
        Peer a = new Peer("a", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, false);
        Peer b = new Peer("b", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, false);
        a.host(wire, "10.0.0.1:5000", 0);
        b.host(wire, "10.0.0.2:6000", 1);
        boolean aWins = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) >= 0;
        Peer loser = aWins ? b : a;
        Peer winner = aWins ? a : b;
        loser.learn(winner);
        CandidatePair before = loser.agent.checkList().get(0);
        long mine = before.local().priority();
        long theirs = before.remote().priority();
        assertThat(before.priority()).isEqualTo(Priorities.pairPriority(mine, theirs));
        simulator.runUntil(millis(25));
        assertThat(loser.agent.role()).isEqualTo(IceRole.CONTROLLED);
        assertThat(loser.agent.checkList().get(0).priority()).isEqualTo(Priorities.pairPriority(theirs, mine))
                .isNotEqualTo(Priorities.pairPriority(mine, theirs));
    }

    @Test
    void item04_pairsWithSameBaseAndRemoteKeepOnlyTheHigherPriority_8445_6_1_2_4() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        Candidate host = h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.agent.addLocalCandidate(Candidates.serverReflexive(Peer.parse("203.0.113.1:40000"), host.address(),
                Ipv4Address.parse("192.0.2.10"), 65535, TypePreferences.RFC_8445));
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.alice.learn(h.bob);
        assertThat(h.alice.agent.localCandidates()).hasSize(2);
        assertThat(h.alice.agent.checkList()).hasSize(1);
        assertThat(h.alice.agent.checkList().get(0).local()).isEqualTo(host);
    }

    @Test
    void item05_moreThan100PairsAreTrimmedToTheHighestPriority100_8445_6_1_2_5() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        for (int i = 0; i < 11; i++) {
            h.alice.host(h.wire, "10.0.1." + (i + 1) + ":5000", i);
        }
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TransportAddress remote = Peer.parse("10.0.2." + (i + 1) + ":6000");
            Candidate candidate = Candidate.remote(CandidateType.HOST, remote,
                    Priorities.candidatePriority(126, Priorities.localPreference(i, 0), 1), "f" + i);
            h.alice.agent.addRemoteCandidate(candidate);
            for (Candidate local : h.alice.agent.localCandidates()) {
                all.add(Priorities.pairPriority(local.priority(), candidate.priority()));
            }
        }
        all.sort(Comparator.reverseOrder());
        assertThat(all).hasSize(110);
        assertThat(h.alice.agent.checkList()).hasSize(100)
                .extracting(CandidatePair::priority).containsExactlyElementsOf(all.subList(0, 100));
    }

    @Test
    void item06_initiallyOneWaitingPairPerFoundationTheHighestPriority_8445_6_1_2_6() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.host(h.wire, "10.0.0.3:5000", 1);
        // Two remote candidates on one IP share a foundation: 2 foundations x 2 pairs.
        String foundation = Candidates.foundation(CandidateType.HOST, BOB.ip(), null, Protocol.UDP);
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB,
                Priorities.candidatePriority(126, 65535, 1), foundation));
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, Peer.parse("10.0.0.2:6001"),
                Priorities.candidatePriority(126, 65279, 1), foundation));
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        List<CandidatePair> pairs = h.alice.agent.checkList();
        assertThat(pairs).hasSize(4);
        Set<String> waitingFoundations = new HashSet<>();
        for (CandidatePair pair : pairs) {
            if (pair.state() == PairState.WAITING) {
                assertThat(waitingFoundations.add(pair.foundation())).as("one Waiting pair per foundation").isTrue();
                // The Waiting one is the highest-priority pair of its foundation.
                for (CandidatePair other : pairs) {
                    if (other.foundation().equals(pair.foundation())) {
                        assertThat(other.priority()).isLessThanOrEqualTo(pair.priority());
                    }
                }
            } else {
                assertThat(pair.state()).isEqualTo(PairState.FROZEN);
            }
        }
        assertThat(waitingFoundations).hasSize(2);
    }

    // ---------------------------------------------------------------------------------------- 7-11

    @Test
    void item07_ordinaryChecksLeaveOnePerTa_8445_14_2() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        for (int i = 0; i < 8; i++) {
            TransportAddress remote = Peer.parse("10.0.2." + (i + 1) + ":6000");
            h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, remote,
                    Priorities.candidatePriority(126, Priorities.localPreference(i, 0), 1), "f" + i));
        }
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.runFor(millis(400));
        List<Long> firstSends = h.alice.events(CheckSent.class).stream()
                .filter(c -> !c.retransmission()).map(CheckSent::at).toList();
        assertThat(firstSends).containsExactly(0L, millis(50), millis(100), millis(150), millis(200), millis(250),
                millis(300), millis(350));
        assertThatThrownBy(() -> IceProfile.RFC.with("checkInterval", "4ms")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void item08_checkRtoIsNeverBelow500msAndGrowsWithActivePairs_8445_14_3() {
        IceHarness one = new IceHarness(IceProfile.RFC, D);
        one.alice.host(one.wire, "10.0.0.1:5000", 0);
        one.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        one.alice.agent.setRemoteCredentials(one.bob.agent.localCredentials());
        one.runFor(seconds(2));
        assertThat(one.alice.events(CheckSent.class)).extracting(CheckSent::at)
                .containsExactly(0L, millis(500), millis(1500));

        // 20 pairs: N = 20 checks to perform and the first check sees 20 Waiting + In-Progress, so
        // RTO = 50 ms x 20 x 20 = 20 s: every pair is sent once long before any retransmission (§14.1).
        assertThat(firstRetransmissionOfTheFirstCheckWithTwentyPairs(IceProfile.RFC)).isEqualTo(seconds(20));
        // nICEr leaves N out (ice_candidate_pair.c nr_ice_candidate_pair_create): 20 ms x 20 = 400 ms.
        assertThat(firstRetransmissionOfTheFirstCheckWithTwentyPairs(IceProfile.FIREFOX)).isEqualTo(millis(400));
    }

    private static long firstRetransmissionOfTheFirstCheckWithTwentyPairs(IceProfile profile) {
        IceHarness many = new IceHarness(profile, D);
        many.alice.host(many.wire, "10.0.0.1:5000", 0);
        for (int i = 0; i < 20; i++) {
            many.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, Peer.parse("10.0.2." + (i + 1)
                    + ":6000"), Priorities.candidatePriority(126, Priorities.localPreference(i, 0), 1), "f" + i));
        }
        many.alice.agent.setRemoteCredentials(many.bob.agent.localCredentials());
        many.runFor(seconds(25));
        CheckSent first = many.alice.events(CheckSent.class).get(0);
        return many.alice.events(CheckSent.class).stream().filter(c -> c.retransmission() && c.pair() == first.pair())
                .map(CheckSent::at).findFirst().orElseThrow();
    }

    @Test
    void item09_triggeredCheckGoesBeforeWaitingPairsAtTheNextTick_8445_6_1_4_2() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        for (int i = 0; i < 5; i++) {
            h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, Peer.parse("10.0.2." + (i + 1)
                    + ":6000"), Priorities.candidatePriority(126, Priorities.localPreference(i, 0), 1), "f" + i));
        }
        IceCredentials bob = h.bob.agent.localCredentials();
        h.alice.agent.setRemoteCredentials(bob);
        h.runFor(millis(70));
        TransportAddress stranger = Peer.parse("10.0.9.9:7000");
        h.alice.agent.handleStun(ALICE, stranger,
                Requests.check(h.alice.agent, bob, 1862270975L, IceRole.CONTROLLED, 1, false));
        h.runFor(millis(100));
        List<CheckSent> checks = h.alice.events(CheckSent.class);
        CheckSent next = checks.stream().filter(c -> c.at() > millis(50)).findFirst().orElseThrow();
        assertThat(next.at()).isEqualTo(millis(100));
        assertThat(next.kind()).isEqualTo(CheckKind.TRIGGERED);
        assertThat(next.pair().remote().address()).isEqualTo(stranger);
        assertThat(next.pair().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    }

    @Test
    void item10_responseFromAnotherSourceFailsThePair_8445_7_2_5_2_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.wire.nat(BOB, Peer.parse("10.0.0.99:6000"));
        h.alice.learn(h.bob);
        h.runFor(millis(100));
        PairStateChanged failed = h.alice.events(PairStateChanged.class).stream()
                .filter(e -> e.to() == PairState.FAILED).findFirst().orElseThrow();
        assertThat(failed.at()).isEqualTo(2 * D);
        assertThat(failed.pair().remote().address()).isEqualTo(BOB);
        assertThat(h.alice.agent.validList()).isEmpty();
    }

    @Test
    void item11_checkWithoutAnswerFailsAfterTheFullStunSchedule_8445_7_2_5_2_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.runFor(seconds(45));
        assertThat(h.alice.events(CheckSent.class)).extracting(CheckSent::at).containsExactly(0L, millis(500),
                millis(1500), millis(3500), millis(7500), millis(15_500), millis(31_500));
        PairStateChanged failed = h.alice.events(PairStateChanged.class).stream()
                .filter(e -> e.to() == PairState.FAILED).findFirst().orElseThrow();
        assertThat(failed.at()).isEqualTo(millis(39_500));
    }

    // ---------------------------------------------------------------------------------------- 12-16

    @Test
    void item12_successUnfreezesFrozenPairsOfTheSameFoundation_8445_7_2_5_3_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.bob.host(h.wire, "10.0.0.2:6001", 1);
        h.alice.learn(h.bob);
        CandidatePair frozen = h.alice.agent.checkList().get(1);
        assertThat(frozen.state()).isEqualTo(PairState.FROZEN);
        assertThat(frozen.foundation()).isEqualTo(h.alice.agent.checkList().get(0).foundation());
        h.runFor(millis(30));
        PairStateChanged woke = h.alice.events(PairStateChanged.class).stream()
                .filter(e -> e.pair() == frozen && e.from() == PairState.FROZEN).findFirst().orElseThrow();
        assertThat(woke.to()).isEqualTo(PairState.WAITING);
        assertThat(woke.at()).isEqualTo(2 * D);
    }

    @Test
    void item13_unknownMappedAddressBecomesLocalPrflxWithTheSentPriority_8445_7_2_5_3_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        TransportAddress outside = Peer.parse("198.51.100.1:40000");
        h.wire.nat(ALICE, outside);
        h.alice.learn(h.bob);
        h.runFor(millis(30));
        Candidate prflx = h.alice.agent.localCandidates().stream()
                .filter(c -> c.type() == CandidateType.PEER_REFLEXIVE).findFirst().orElseThrow();
        assertThat(prflx.address()).isEqualTo(outside);
        assertThat(prflx.base()).isEqualTo(ALICE);
        assertThat(prflx.priority()).isEqualTo(1862270975L);
        // It is not paired; the valid pair has it as local candidate.
        assertThat(h.alice.agent.checkList()).allMatch(p -> p.local().type() == CandidateType.HOST);
        assertThat(h.alice.agent.validList()).singleElement().extracting(CandidatePair::local).isEqualTo(prflx);
    }

    @Test
    void item14_requestFromUnknownSourceMakesRemotePrflxAndTriggeredCheck_8445_7_3_1_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        TransportAddress outside = Peer.parse("198.51.100.1:40000");
        h.wire.nat(ALICE, outside);
        h.exchange();
        h.runFor(millis(60));
        Candidate prflx = h.bob.agent.remoteCandidates().stream()
                .filter(c -> c.type() == CandidateType.PEER_REFLEXIVE).findFirst().orElseThrow();
        assertThat(prflx.address()).isEqualTo(outside);
        assertThat(prflx.priority()).isEqualTo(1862270975L);
        CheckSent triggered = h.bob.events(CheckSent.class).stream()
                .filter(c -> c.kind() == CheckKind.TRIGGERED).findFirst().orElseThrow();
        assertThat(triggered.pair().remote()).isEqualTo(prflx);
        assertThat(triggered.pair().local().address()).isEqualTo(BOB);
        assertThat(triggered.at()).isEqualTo(millis(50));
    }

    @Test
    void item15_requestOnInProgressPairCancelsRetransmitsAndLateAnswerCounts_8445_7_3_1_4() {
        long delay = millis(300);
        IceHarness h = new IceHarness(IceProfile.RFC, delay).withOneHostEach().exchange();
        h.runFor(millis(650));
        List<PairStateChanged> changes = h.alice.events(PairStateChanged.class);
        assertThat(changes).extracting(PairStateChanged::at, PairStateChanged::to).containsSubsequence(
                tuple(0L, PairState.IN_PROGRESS),
                tuple(delay, PairState.WAITING),
                tuple(delay, PairState.IN_PROGRESS),
                tuple(2 * delay, PairState.SUCCEEDED));
        // The first transaction was not retransmitted at 500 ms; the triggered one (sent at 300 ms) would be at 800 ms.
        assertThat(h.alice.events(CheckSent.class)).noneMatch(CheckSent::retransmission);
    }

    @Test
    void item16_earlyRequestIsAnsweredAndTriggersACheckOnceCredentialsArrive_8445_7_3() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.bob.learn(h.alice);
        h.runFor(seconds(1));
        assertThat(h.wire.sent()).anyMatch(s -> s.from().equals(ALICE) && s.at() == D
                && s.message().stunClass() == StunClass.SUCCESS_RESPONSE);
        assertThat(h.alice.events(CheckSent.class)).isEmpty();
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.runFor(millis(1));
        CheckSent first = h.alice.events(CheckSent.class).get(0);
        assertThat(first.at()).isEqualTo(seconds(1));
        assertThat(first.kind()).isEqualTo(CheckKind.TRIGGERED);
        assertThat(first.pair().remote().address()).isEqualTo(BOB);
    }

    // ---------------------------------------------------------------------------------------- 17-22

    @Test
    void item17_controllingConflictLargerTieBreakerAnswers487OtherSwitchesAndRetries_8445_7_3_1_1() {
        Simulator simulator = SuiteChecks.simulator();
        Wire wire = new Wire(simulator, D);
        RandomStreams streams = new RandomStreams(5);
        Peer a = new Peer("a", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, false);
        Peer b = new Peer("b", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, false);
        a.host(wire, "10.0.0.1:5000", 0);
        b.host(wire, "10.0.0.2:6000", 0);
        boolean aWins = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) >= 0;
        Peer winner = aWins ? a : b;
        Peer loser = aWins ? b : a;
        long oldTieBreaker = loser.agent.tieBreaker();
        loser.learn(winner);
        simulator.runUntil(millis(100));
        assertThat(wire.sent()).anyMatch(s -> s.message().stunClass() == StunClass.ERROR_RESPONSE
                && s.message().attribute(StunAttribute.ErrorCode.class).orElseThrow().code() == 487);
        assertThat(winner.agent.role()).isEqualTo(IceRole.CONTROLLING);
        assertThat(loser.agent.role()).isEqualTo(IceRole.CONTROLLED);
        assertThat(loser.agent.tieBreaker()).isNotEqualTo(oldTieBreaker);
        List<CheckSent> checks = loser.events(CheckSent.class);
        assertThat(checks).hasSize(2);
        assertThat(checks.get(1).kind()).isEqualTo(CheckKind.TRIGGERED);
        assertThat(checks.get(1).at()).isEqualTo(millis(50));
        assertThat(checks.get(1).message().hasAttribute(StunAttribute.IceControlled.class)).isTrue();
    }

    @Test
    void item18_controlledConflictLargerTieBreakerTakesControlSmallerAnswers487_8445_7_3_1_1() {
        for (boolean largerChecks : new boolean[] {true, false}) {
            Simulator simulator = SuiteChecks.simulator();
            Wire wire = new Wire(simulator, D);
            RandomStreams streams = new RandomStreams(7);
            Peer a = new Peer("a", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLED, false);
            Peer b = new Peer("b", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLED, false);
            a.host(wire, "10.0.0.1:5000", 0);
            b.host(wire, "10.0.0.2:6000", 0);
            boolean aLarger = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) >= 0;
            Peer larger = aLarger ? a : b;
            Peer smaller = aLarger ? b : a;
            Peer checker = largerChecks ? smaller : larger;
            Peer receiver = largerChecks ? larger : smaller;
            checker.learn(receiver);
            simulator.runUntil(millis(15));
            boolean answered487 = wire.sent().stream().anyMatch(s -> s.message().stunClass() == StunClass.ERROR_RESPONSE);
            if (largerChecks) {
                // The larger tie-breaker receives ICE-CONTROLLED from the smaller: it becomes controlling, no error.
                assertThat(larger.agent.role()).isEqualTo(IceRole.CONTROLLING);
                assertThat(answered487).isFalse();
            } else {
                // The smaller receives ICE-CONTROLLED from the larger: it answers 487 and stays controlled.
                assertThat(smaller.agent.role()).isEqualTo(IceRole.CONTROLLED);
                assertThat(answered487).isTrue();
            }
        }
    }

    @Test
    void item19_controlledAgentNeverSendsUseCandidate_8445_7_1_2() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(60));
        List<CheckSent> bobChecks = h.bob.events(CheckSent.class);
        assertThat(bobChecks).hasSizeGreaterThan(5);
        assertThat(bobChecks).noneMatch(c -> c.message().hasAttribute(StunAttribute.UseCandidate.class));
        assertThat(h.alice.events(CheckSent.class)).anyMatch(c -> c.message().hasAttribute(StunAttribute.UseCandidate.class));
    }

    @Test
    void item20_oneNominationPerSessionUntilRestart_8445_8_1_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.host(h.wire, "10.0.0.3:5000", 1);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.bob.host(h.wire, "10.0.0.4:6000", 1);
        h.exchange();
        h.runFor(seconds(60));
        assertThat(nominatingTransactions(h.alice)).hasSize(1);
        IceCredentials aliceNew = new IceCredentials("AAAA", "aaaaaaaaaaaaaaaaaaaaaa");
        IceCredentials bobNew = new IceCredentials("BBBB", "bbbbbbbbbbbbbbbbbbbbbb");
        h.alice.agent.restart(aliceNew);
        h.bob.agent.restart(bobNew);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.exchange();
        h.runFor(seconds(10));
        assertThat(nominatingTransactions(h.alice)).hasSize(2);
    }

    private static Set<Object> nominatingTransactions(Peer peer) {
        Set<Object> ids = new HashSet<>();
        for (CheckSent check : peer.events(CheckSent.class)) {
            if (check.message().hasAttribute(StunAttribute.UseCandidate.class)) {
                ids.add(check.message().transactionId());
            }
        }
        return ids;
    }

    @Test
    void item21_nominationRemovesOtherPairsCancelsInProgressAndCompletes_8445_8_1_2() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        // The best pair (10.0.0.5) and the last one (10.0.0.6) never answer; 10.0.0.2 does.
        h.bob.host(h.wire, "10.0.0.5:6000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 1);
        h.bob.host(h.wire, "10.0.0.6:6000", 2);
        h.wire.blackHole(Peer.parse("10.0.0.5:6000"));
        h.wire.blackHole(Peer.parse("10.0.0.6:6000"));
        h.alice.learn(h.bob);
        h.runFor(millis(1000));
        assertThat(h.alice.agent.checkList()).extracting(CandidatePair::state)
                .containsExactly(PairState.IN_PROGRESS, PairState.SUCCEEDED, PairState.IN_PROGRESS);
        h.runFor(millis(1100));
        // A better pair is still pending, so the settle time runs: valid at 70 ms, nominated at 2.07 s.
        long selectedAt = h.alice.firstSelectionTime();
        assertThat(selectedAt).isEqualTo(millis(2090));
        assertThat(h.alice.agent.checkListState()).isEqualTo(CheckListState.COMPLETED);
        assertThat(h.alice.agent.checkList()).singleElement().extracting(CandidatePair::state)
                .isEqualTo(PairState.SUCCEEDED);
        h.runFor(seconds(5));
        // The In-Progress pairs would have retransmitted at 3.5 s and 3.6 s; they were cancelled.
        assertThat(h.alice.events(CheckSent.class)).noneMatch(c -> c.at() > selectedAt && c.kind() != CheckKind.LIVENESS);
    }

    @Test
    void item22_failedNominationLeavesTheValidListAndFailsTheCheckList_8445_7_2_5_3_4() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach();
        h.alice.learn(h.bob);
        h.runFor(millis(30));
        assertThat(h.alice.agent.validList()).hasSize(1);
        h.wire.cut(true);
        h.runFor(seconds(45));
        CheckSent nomination = h.alice.events(CheckSent.class).stream()
                .filter(c -> c.message().hasAttribute(StunAttribute.UseCandidate.class)).findFirst().orElseThrow();
        assertThat(nomination.at()).isEqualTo(millis(50));
        assertThat(h.alice.agent.validList()).isEmpty();
        assertThat(h.alice.agent.checkListState()).isEqualTo(CheckListState.FAILED);
        assertThat(h.alice.agent.checkList().get(0).state()).isEqualTo(PairState.FAILED);
        assertThat(h.alice.agent.selectedPair()).isNull();
    }

    // ---------------------------------------------------------------------------------------- 23-27

    @Test
    void item23_keepaliveIndicationAfter15sWithoutData_8445_11() {
        IceProfile noConsent = IceProfile.RFC.with("consentInterval", "0s");
        IceHarness h = new IceHarness(noConsent, D).withOneHostEach().exchange();
        h.runFor(seconds(10));
        h.alice.agent.dataSent();
        h.runFor(seconds(30));
        List<CheckSent> keepalives = h.alice.events(CheckSent.class).stream()
                .filter(c -> c.kind() == CheckKind.KEEPALIVE).toList();
        // Last check at 50 ms (nomination); data at 10 s; then nothing: 25 s, 40 s.
        assertThat(keepalives).extracting(CheckSent::at).containsExactly(seconds(25), seconds(40));
        StunMessage indication = keepalives.get(0).message();
        assertThat(indication.stunClass()).isEqualTo(StunClass.INDICATION);
        assertThat(indication.attributes()).containsExactly(StunAttribute.Fingerprint.INSTANCE);
        assertThat(indication.size()).isEqualTo(28);
    }

    @Test
    void item24_nonSelectedCandidatesAnswerFor3sAfterCompletion_8445_8_3_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        TransportAddress second = h.alice.host(h.wire, "10.0.0.3:5000", 1).address();
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.alice.agent.localGatheringComplete();
        h.exchange();
        h.runFor(millis(200));
        long completed = h.alice.firstSelectionTime();
        assertThat(h.alice.agent.selectedPair().local().address()).isEqualTo(ALICE);
        IceCredentials bob = h.bob.agent.localCredentials();
        h.simulator.runUntil(completed + millis(2990));
        h.alice.agent.handleStun(second, BOB, Requests.check(h.alice.agent, bob, 1862270975L, IceRole.CONTROLLED, 1, false));
        assertThat(answersFrom(h, second)).isEqualTo(1);
        h.simulator.runUntil(completed + millis(3000));
        h.alice.agent.handleStun(second, BOB, Requests.check(h.alice.agent, bob, 1862270975L, IceRole.CONTROLLED, 1, false));
        assertThat(answersFrom(h, second)).isEqualTo(1);
    }

    @Test
    void aCompletedCheckListStillTriggersChecksOnPairsNotSucceeded_8445_8_1_2_and_7_3_1_4() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        TransportAddress second = h.alice.host(h.wire, "10.0.0.3:5000", 1).address();
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.exchange();
        h.runFor(millis(200));
        long completed = h.alice.firstSelectionTime();
        assertThat(h.alice.agent.checkListState()).isEqualTo(CheckListState.COMPLETED);
        IceCredentials bob = h.bob.agent.localCredentials();
        // Within the 3 s before candidates are freed (§8.3.1), bob's check reaches alice's second,
        // non-selected candidate: a pair removed from the check list at completion (§8.1.2).
        long at = completed + millis(1000);
        h.simulator.runUntil(at);
        h.alice.agent.handleStun(second, BOB, Requests.check(h.alice.agent, bob, 1862270975L, IceRole.CONTROLLED, 1, false));
        h.runFor(millis(100));
        CheckSent triggered = h.alice.events(CheckSent.class).stream()
                .filter(c -> c.at() >= at && c.kind() == CheckKind.TRIGGERED).findFirst().orElseThrow();
        assertThat(triggered.pair().local().address()).isEqualTo(second);
        assertThat(triggered.pair().remote().address()).isEqualTo(BOB);
        assertThat(triggered.at()).isEqualTo(at);
        // The pair succeeds but nominates nothing: one nomination per session (§8.1.1).
        assertThat(h.alice.agent.validList()).anyMatch(p -> p.local().address().equals(second));
        assertThat(h.alice.agent.selectedPair().local().address()).isEqualTo(ALICE);
        assertThat(h.alice.events(CheckSent.class)).filteredOn(c -> c.at() >= at)
                .noneMatch(c -> c.message().hasAttribute(StunAttribute.UseCandidate.class));
        // A request on the selected, Succeeded pair triggers nothing (§7.3.1.4).
        int checksBefore = h.alice.events(CheckSent.class).size();
        h.alice.agent.handleStun(ALICE, BOB, Requests.check(h.alice.agent, bob, 1862270975L, IceRole.CONTROLLED, 1, false));
        h.runFor(millis(100));
        assertThat(h.alice.events(CheckSent.class)).hasSize(checksBefore);
    }

    private static long answersFrom(IceHarness h, TransportAddress base) {
        return h.wire.sent().stream().filter(s -> s.from().equals(base) && s.message().stunClass().isResponse()
                && s.at() > millis(500)).count();
    }

    @Test
    void item25_restartChangesUfragAndPwdAndKeepsRoles_8445_9() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(1));
        IceCredentials old = h.alice.agent.localCredentials();
        assertThatThrownBy(() -> h.alice.agent.restart(new IceCredentials(old.ufrag(), "zzzzzzzzzzzzzzzzzzzzzz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both ufrag and pwd");
        assertThatThrownBy(() -> h.alice.agent.restart(new IceCredentials("ZZZZ", old.pwd())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pwd unchanged");
        IceCredentials fresh = IceCredentials.random(new RandomStreams(9).stream("x"));
        h.alice.agent.restart(fresh);
        h.bob.agent.restart(IceCredentials.random(new RandomStreams(10).stream("y")));
        assertThat(h.alice.agent.localCredentials()).isEqualTo(fresh);
        assertThat(h.alice.agent.role()).isEqualTo(IceRole.CONTROLLING);
        assertThat(h.bob.agent.role()).isEqualTo(IceRole.CONTROLLED);
    }

    @Test
    void item26_previousPairCarriesDataUntilTheRestartSelects_8445_12_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(3));
        CandidatePair before = h.alice.agent.selectedPair();
        h.alice.agent.restart(new IceCredentials("AAAA", "aaaaaaaaaaaaaaaaaaaaaa"));
        h.bob.agent.restart(new IceCredentials("BBBB", "bbbbbbbbbbbbbbbbbbbbbb"));
        assertThat(h.alice.agent.selectedPair()).isSameAs(before);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.alice.agent.localGatheringComplete();
        h.bob.agent.localGatheringComplete();
        h.exchange();
        h.runFor(seconds(3));
        assertThat(h.alice.agent.selectedPair()).isNotNull().isNotSameAs(before);
        assertThat(h.alice.agent.restarting()).isFalse();
        for (Peer peer : List.of(h.alice, h.bob)) {
            assertThat(peer.events(SelectedPairChanged.class)).hasSize(2).allMatch(e -> e.current() != null);
        }
    }

    @Test
    void item27_liteAgentNeverChecksAndIsControlled_8445_6_2() {
        Simulator simulator = SuiteChecks.simulator();
        Wire wire = new Wire(simulator, D);
        RandomStreams streams = new RandomStreams(11);
        Peer lite = new Peer("lite", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, true);
        lite.host(wire, "10.0.0.2:6000", 0);
        lite.agent.localGatheringComplete();
        assertThat(lite.agent.role()).isEqualTo(IceRole.CONTROLLED);
        // Against a lite peer the full agent is controlling (RFC 8445 §6.1.1): the layer above sets its role.
        Peer controller = new Peer("full", simulator, wire, streams, IceProfile.RFC, IceRole.CONTROLLING, false);
        controller.host(wire, "10.0.0.3:5000", 0);
        controller.learn(lite);
        lite.learn(controller);
        simulator.runUntil(seconds(20));
        assertThat(wire.sent()).filteredOn(s -> s.from().equals(Peer.parse("10.0.0.2:6000")))
                .isNotEmpty().allMatch(s -> s.message().stunClass().isResponse());
        assertThat(lite.agent.selectedPair()).isNotNull();
        assertThat(controller.agent.selectedPair()).isNotNull();
        assertThat(lite.agent.state()).isEqualTo(IceTransportState.COMPLETED);
        assertThatThrownBy(() -> lite.agent.addLocalCandidate(Candidates.serverReflexive(Peer.parse("203.0.113.1:1"),
                Peer.parse("10.0.0.2:6000"), Ipv4Address.parse("192.0.2.1"), 65535, TypePreferences.RFC_8445)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lite agent has host candidates only");
    }

    // ---------------------------------------------------------------------------------------- 28-31

    @Test
    void item28_allPairsFailedIsNotFailedBeforeEndOfCandidates_8838() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.alice.agent.localGatheringComplete();
        h.alice.agent.setRemoteCredentials(h.bob.agent.localCredentials());
        h.alice.agent.addRemoteCandidate(Candidate.remote(CandidateType.HOST, BOB, 2130706431L, "b"));
        h.runFor(seconds(100));
        assertThat(h.alice.agent.checkList()).allMatch(p -> p.state() == PairState.FAILED);
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.CHECKING);
        assertThat(h.alice.agent.checkListState()).isEqualTo(CheckListState.RUNNING);
        h.alice.agent.remoteEndOfCandidates();
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.FAILED);
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(seconds(100));
    }

    @Test
    void item29_failedWaitsForThePacTimer_8863() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.wire.nat(BOB, Peer.parse("10.0.0.99:6000"));
        h.alice.agent.localGatheringComplete();
        h.alice.learn(h.bob);
        h.runFor(seconds(60));
        assertThat(h.alice.events(PairStateChanged.class)).anyMatch(e -> e.to() == PairState.FAILED && e.at() == 2 * D);
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(millis(39_500));
    }

    @Test
    void item30_consentChecksAreSpacedUniformlyIn4To6s_7675_5_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(1200));
        List<Long> gaps = gaps(h.alice.events(CheckSent.class).stream()
                .filter(c -> c.kind() == CheckKind.LIVENESS).map(CheckSent::at).toList());
        assertThat(gaps).hasSizeGreaterThan(150).allMatch(g -> g >= seconds(4) && g <= seconds(6));
        assertThat(gaps.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(millis(4100));
        assertThat(gaps.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(millis(5900));
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(Durations.toMillis((long) mean)).isBetween(4850.0, 5150.0);

        IceProfile wide = IceProfile.RFC.withAll(Map.of("consentInterval", "3s", "consentJitterPercent", "50"));
        IceHarness w = new IceHarness(wide, D).withOneHostEach().exchange();
        w.runFor(seconds(300));
        assertThat(gaps(w.alice.events(CheckSent.class).stream().filter(c -> c.kind() == CheckKind.LIVENESS)
                .map(CheckSent::at).toList())).isNotEmpty().allMatch(g -> g >= seconds(4));
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }

    @Test
    void item31_dataStops30sAfterTheLastSuccessfulConsent_7675_5_1() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(20));
        h.wire.cut(true);
        long cutAt = h.simulator.now();
        h.runFor(seconds(60));
        long lastConsentAnswer = h.wire.sent().stream()
                .filter(s -> s.from().equals(BOB) && s.at() < cutAt && s.message().stunClass() == StunClass.SUCCESS_RESPONSE)
                .mapToLong(Wire.Sent::at).max().orElseThrow() + D;
        SelectedPairChanged lost = h.alice.events(SelectedPairChanged.class).stream()
                .filter(e -> e.current() == null).findFirst().orElseThrow();
        assertThat(lost.at()).isEqualTo(lastConsentAnswer + seconds(30));
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(lost.at());
        assertThat(h.alice.agent.selectedPair()).isNull();
    }
}
