package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.ice.IceEvent.SelectedPairChanged;
import org.icesim.ice.IceEvent.TransportStateChanged;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute;
import org.junit.jupiter.api.Test;

/** ICE restart (RFC 8445 §9, §12.1) and the W3C transport states around it. */
class IceRestartTest {

    private static final long D = millis(10);
    private static final TransportAddress ALICE = Peer.parse("10.0.0.1:5000");

    /** Both agents restart at the current instant, re-gather {@code aliceHost}/bob's host and exchange. */
    private static void restartBoth(IceHarness h, String aliceHost) {
        h.alice.agent.restart(new IceCredentials("AAA" + h.simulator.now() % 10, "aaaaaaaaaaaaaaaaaaaaa" + h.simulator.now() % 10));
        h.bob.agent.restart(new IceCredentials("BBB" + h.simulator.now() % 10, "bbbbbbbbbbbbbbbbbbbbb" + h.simulator.now() % 10));
        h.alice.host(h.wire, aliceHost, 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.alice.agent.localGatheringComplete();
        h.bob.agent.localGatheringComplete();
        h.exchange();
    }

    /** Chromium's timer tick (64 Hz) and the check loop's longest run spacing on it: 17 ticks. */
    private static final long TICK = 15_625_000L;
    private static final long STRONG_RUN_SPACING = 17 * TICK;

    /**
     * The first check of the generation that {@code restartAt} began, after checking that it went at
     * a run of the check loop started for the call: libwebrtc's loop runs on across a restart
     * (p2p_transport_channel.cc: CheckAndPing posts its next run unconditionally, MaybeStartPinging
     * starts it once per channel), so that check waits for the loop's next run, which lies on the
     * loop's own grid (whole ticks after its first run, the call's first check) and less than one
     * run spacing after the restart, not at a fixed time after it.
     */
    private static long firstCheckOfTheLoopAfter(Peer peer, long restartAt) {
        List<IceEvent.CheckSent> sent = peer.events(IceEvent.CheckSent.class);
        long loopStart = sent.get(0).at();
        long first = sent.stream().filter(c -> c.at() >= restartAt && c.kind() != IceEvent.CheckKind.LIVENESS)
                .mapToLong(IceEvent.CheckSent::at).min().orElseThrow();
        assertThat((first - loopStart) % TICK).as("on the loop's grid from its first run at %d ns", loopStart).isZero();
        assertThat(first - restartAt).isBetween(0L, STRONG_RUN_SPACING);
        return first;
    }

    private static List<TransportStateChanged> statesFrom(Peer peer, long from) {
        return peer.events(TransportStateChanged.class).stream().filter(e -> e.at() >= from).toList();
    }

    @Test
    void restartOnAHealthyPathKeepsTheSelectedPairAtEveryInstant_8445_12_1() {
        // profile, time from restart to the new selected pair (as for the first connection)
        Object[][] rows = {
            {IceProfile.RFC, millis(70), IceTransportState.COMPLETED},
            // libwebrtc: the first check carries USE-CANDIDATE (semi-aggressive), its answer selects
            // one round trip later; it goes at the check loop's next run (firstCheckOfTheLoopAfter)
            {IceProfile.LIBWEBRTC, null, IceTransportState.CONNECTED},
            // aggressive nomination: the first check of the new generation nominates (nricectx.cpp, nICEr)
            {IceProfile.FIREFOX, millis(20), IceTransportState.COMPLETED},
        };
        for (Object[] row : rows) {
            IceProfile profile = (IceProfile) row[0];
            IceHarness h = new IceHarness(profile, D).withOneHostEach().exchange();
            h.runFor(seconds(5));
            CandidatePair old = h.alice.agent.selectedPair();
            restartBoth(h, "10.0.0.1:5000");
            assertThat(h.alice.agent.selectedPair()).isSameAs(old);
            assertThat(h.alice.agent.restarting()).isTrue();
            h.runFor(seconds(10));
            List<SelectedPairChanged> changes = h.alice.events(SelectedPairChanged.class);
            assertThat(changes).as(profile.name()).hasSize(2).allMatch(c -> c.current() != null);
            long selectedAfter = row[1] != null ? (long) row[1] : firstCheckOfTheLoopAfter(h.alice, seconds(5)) + millis(20) - seconds(5);
            assertThat(changes.get(1).at()).as(profile.name()).isEqualTo(seconds(5) + selectedAfter);
            assertThat(changes.get(1).previous()).isSameAs(old);
            assertThat(h.alice.agent.restarting()).isFalse();
            assertThat(h.alice.firstTimeIn(IceTransportState.DISCONNECTED)).as(profile.name()).isEqualTo(-1);
            assertThat(h.alice.agent.state()).as(profile.name()).isEqualTo(row[2]);
            if (row[2] == IceTransportState.COMPLETED) {
                // W3C RTCIceTransportState: a restart from "completed" shows "connected".
                assertThat(statesFrom(h.alice, seconds(5))).extracting(TransportStateChanged::at, TransportStateChanged::to)
                        .containsExactly(tuple(seconds(5), IceTransportState.CONNECTED),
                                tuple(seconds(5) + selectedAfter, IceTransportState.COMPLETED));
            }
        }
    }

    /** pion's Restart unsets the selected pair and deletes every candidate (agent.go Restart): no previous generation. */
    @Test
    void pionDropsTheSelectedPairAndThePreviousGenerationAtRestart_pion_agent_Restart() {
        IceHarness h = new IceHarness(IceProfile.PION, D).withOneHostEach().exchange();
        h.runFor(seconds(5));
        h.alice.agent.restart(new IceCredentials("AAA1", "aaaaaaaaaaaaaaaaaaaaa1"));
        assertThat(h.alice.agent.selectedPair()).isNull();
        assertThat(h.alice.agent.restarting()).isFalse();
        assertThat(h.alice.agent.localCandidates()).isEmpty();
        IceHarness rfc = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        rfc.runFor(seconds(5));
        rfc.alice.agent.restart(new IceCredentials("AAA1", "aaaaaaaaaaaaaaaaaaaaa1"));
        assertThat(rfc.alice.agent.restarting()).isTrue();
    }

    @Test
    void pionDropsTheSelectedPairAtRestart_pion_ice() {
        IceHarness h = new IceHarness(IceProfile.PION, D).withOneHostEach().exchange();
        h.runFor(seconds(5));
        restartBoth(h, "10.0.0.1:5000");
        h.runFor(seconds(2));
        List<SelectedPairChanged> changes = h.alice.events(SelectedPairChanged.class);
        assertThat(changes).extracting(SelectedPairChanged::at).containsExactly(millis(220), seconds(5),
                seconds(5) + millis(220));
        assertThat(changes.get(1).current()).isNull();
        assertThat(statesFrom(h.alice, seconds(5))).extracting(TransportStateChanged::to)
                .containsExactly(IceTransportState.CHECKING, IceTransportState.CONNECTED);
    }

    @Test
    void restartOnANewInterfaceAfterTheOldOneVanished_8445_9() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(10));
        // The interface goes: its candidates are removed, the selected pair with them.
        h.wire.blackHole(ALICE);
        h.alice.agent.removeLocalCandidates(List.of(ALICE));
        assertThat(h.alice.agent.selectedPair()).isNull();
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.FAILED);
        restartBoth(h, "10.0.0.7:5000");
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.CHECKING);
        h.runFor(seconds(1));
        assertThat(h.alice.agent.selectedPair().local().address()).isEqualTo(Peer.parse("10.0.0.7:5000"));
        assertThat(h.alice.firstSelectionTime()).isEqualTo(millis(70));
        assertThat(h.alice.events(SelectedPairChanged.class).get(2).at()).isEqualTo(seconds(10) + millis(70));
        // With nothing left to check and end-of-candidates in, losing the only pair is failure at once.
        assertThat(statesFrom(h.alice, seconds(10))).extracting(TransportStateChanged::to).containsExactly(
                IceTransportState.FAILED, IceTransportState.CHECKING, IceTransportState.COMPLETED);
    }

    @Test
    void restartWhileDisconnectedShowsCheckingAndFailsIfNothingWorks_W3C() {
        IceHarness h = new IceHarness(IceProfile.LIBWEBRTC, D).withOneHostEach().exchange();
        h.runFor(seconds(20));
        h.wire.cut(true);
        h.runFor(seconds(8));
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.DISCONNECTED);
        restartBoth(h, "10.0.0.1:5000");
        // W3C: a restart from "disconnected" shows "checking"; the old pair still carries data.
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.CHECKING);
        assertThat(h.alice.agent.selectedPair()).isNotNull();
        h.runFor(seconds(30));
        // The old pair went inactive, the new pairs never answered within 15 s: failed.
        assertThat(h.alice.agent.selectedPair()).isNull();
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.FAILED);
        // The new pair is first pinged at the check loop's next run; the channel is weak, so the
        // loop runs every 48 ms, 62.5 ms on Chromium's 64 Hz grid, and that run comes within 62.5 ms.
        // Its 15 s inactivity is noticed on the run 15 s (240 runs) later: libwebrtc updates
        // connection states on the loop's runs (p2p_transport_channel.cc CheckAndPing, UpdateConnectionStates).
        long firstNewCheck = firstCheckOfTheLoopAfter(h.alice, seconds(28));
        assertThat(firstNewCheck - seconds(28)).isLessThan(4 * TICK);
        assertThat(h.alice.firstTimeIn(IceTransportState.FAILED)).isEqualTo(firstNewCheck + seconds(15));
    }

    @Test
    void rolledBackRestartReturnsToThePreviousGeneration_jsep250() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(5));
        IceCredentials old = h.alice.agent.localCredentials();
        CandidatePair selected = h.alice.agent.selectedPair();
        IceCredentials offered = new IceCredentials("NEWU", "nnnnnnnnnnnnnnnnnnnnnn");
        h.alice.agent.restart(offered);
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.CONNECTED);
        h.alice.agent.rollbackRestart();
        assertThat(h.alice.agent.localCredentials()).isEqualTo(old);
        assertThat(h.alice.agent.selectedPair()).isSameAs(selected);
        assertThat(h.alice.agent.restarting()).isFalse();
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.COMPLETED);
        // Checks for the rolled-back ufrag are refused; the old generation keeps its consent alive.
        int before = h.wire.sent().size();
        h.alice.agent.handleStun(ALICE, Peer.parse("10.0.0.2:6000"), Requests.check(offered,
                h.bob.agent.localCredentials(), 1862270975L, IceRole.CONTROLLED, 1, false));
        assertThat(h.wire.sent().get(before).message().attribute(StunAttribute.ErrorCode.class)
                .orElseThrow().code()).isEqualTo(401);
        h.runFor(seconds(40));
        assertThat(h.alice.agent.selectedPair()).isSameAs(selected);
        assertThat(h.alice.firstTimeIn(IceTransportState.DISCONNECTED)).isEqualTo(-1);
        assertThatThrownBy(() -> h.alice.agent.rollbackRestart())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no restart to roll back");
    }

    @Test
    void restartRolledBackWhileCheckingResumesTheChecks_jsep250() {
        IceHarness h = new IceHarness(IceProfile.RFC, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.wire.blackHole(Peer.parse("10.0.0.2:6000"));
        h.alice.learn(h.bob);
        h.runFor(millis(30));
        h.alice.agent.restart(new IceCredentials("NEWU", "nnnnnnnnnnnnnnnnnnnnnn"));
        h.runFor(millis(100));
        h.alice.agent.rollbackRestart();
        h.wire.heal(Peer.parse("10.0.0.2:6000"));
        h.runFor(seconds(3));
        // The pair that was In-Progress when the restart stopped it is checked again and connects.
        assertThat(h.alice.agent.selectedPair()).isNotNull();
        assertThat(h.alice.events(IceEvent.CheckSent.class)).filteredOn(c -> c.at() >= millis(130)).isNotEmpty()
                .first().extracting(IceEvent.CheckSent::at).isEqualTo(millis(130));
    }

    @Test
    void remoteRestartWithOnlyNewRemoteCredentialsNeedsALocalRestartFirst_8445_9() {
        IceHarness h = new IceHarness(IceProfile.RFC, D).withOneHostEach().exchange();
        h.runFor(seconds(1));
        IceCredentials other = new IceCredentials("ZZZZ", "zzzzzzzzzzzzzzzzzzzzzz");
        assertThatThrownBy(() -> h.alice.agent.setRemoteCredentials(other))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("need an ICE restart first");
    }
}
