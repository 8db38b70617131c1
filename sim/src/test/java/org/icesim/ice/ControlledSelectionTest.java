package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.ice.IceEvent.SelectedPairChanged;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute;
import org.junit.jupiter.api.Test;

/**
 * libwebrtc's controlled side against an aggressive controlling peer (Firefox: every check
 * carries USE-CANDIDATE, triggered ones after completion too). A nomination makes libwebrtc
 * switch only to a connection that ranks above the selected one (p2p_transport_channel.cc
 * OnNominated, MaybeSwitchSelectedConnection; basic_ice_controller.cc ShouldSwitchConnection,
 * CompareConnections): every pair the peer checked is nominated (connection.cc
 * remote_nomination), so among writable, receiving pairs without data the pair priority decides,
 * and a later nomination of a lower-priority pair changes nothing.
 */
class ControlledSelectionTest {

    private static final long D = millis(10);

    /** alice (Firefox) with one host, bob (libwebrtc) with a preferred and a second host, run for 2 s. */
    private static IceHarness twoPairsNominated() {
        IceHarness h = new IceHarness(IceProfile.FIREFOX, IceProfile.LIBWEBRTC, D, 1);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 0);
        h.bob.host(h.wire, "10.0.0.3:6000", 1);
        h.alice.agent.localGatheringComplete();
        h.bob.agent.localGatheringComplete();
        h.exchange();
        h.runFor(seconds(2));
        return h;
    }

    @Test
    void aLaterNominationOfALowerRankedPairKeepsTheSelection_basic_ice_controller_CompareConnections() {
        IceHarness h = twoPairsNominated();

        // Both select the higher-priority pair one round trip after alice's first, nominating check.
        List<SelectedPairChanged> bobSelections = h.bob.events(SelectedPairChanged.class);
        assertThat(bobSelections).hasSize(1);
        assertThat(bobSelections.get(0).at()).isEqualTo(2 * D);
        assertThat(bobSelections.get(0).current().local().base()).isEqualTo(Peer.parse("10.0.0.2:6000"));
        assertThat(h.alice.firstSelectionTime()).isEqualTo(2 * D);

        // bob's own check on the lower-priority pair makes alice send a triggered, nominating check
        // on it from her check loop (basic_ice_controller.cc FindNextPingableConnection, after the
        // selected pair's due pings): her loop started when bob's candidates arrived at 10 ms and
        // runs every 62.5 ms (48 ms on Chromium's 64 Hz grid) while pings are owed; the runs at 72.5
        // and 135 ms ping the selected pair (its first pings), the one at 197.5 ms sends the
        // triggered check. The pair is nominated from then on, yet bob stays on the pair alice uses.
        IceEvent.CheckSent triggered = h.alice.events(IceEvent.CheckSent.class).stream()
                .filter(c -> c.pair().remote().address().equals(Peer.parse("10.0.0.3:6000")))
                .findFirst().orElseThrow();
        assertThat(triggered.at()).isEqualTo(D + 3 * 62_500_000L);
        assertThat(triggered.message().hasAttribute(StunAttribute.UseCandidate.class)).isTrue();
        CandidatePair lower = h.bob.agent.validList().stream()
                .filter(p -> p.local().base().equals(Peer.parse("10.0.0.3:6000")))
                .findFirst().orElseThrow();
        assertThat(lower.isNominated()).isTrue();
        assertThat(h.bob.agent.selectedPair().local().base()).isEqualTo(Peer.parse("10.0.0.2:6000"));
        assertThat(h.alice.agent.selectedPair().remote().address()).isEqualTo(Peer.parse("10.0.0.2:6000"));
    }

    /**
     * p2p_transport_channel.cc OnReadPacket: data on a connection other than the selected one asks
     * the controlled side for a switch (DATA_RECEIVED); with both nominated, writable and receiving,
     * the one with the newer data ranks first (connection.cc last_data_received), so bob follows
     * the media path at once, and back again.
     */
    @Test
    void dataOnAnotherNominatedPairMovesTheControlledSide_p2p_transport_channel_OnReadPacket() {
        IceHarness h = twoPairsNominated();
        TransportAddress alice = Peer.parse("10.0.0.1:5000");
        TransportAddress lowerBase = Peer.parse("10.0.0.3:6000");
        TransportAddress upperBase = Peer.parse("10.0.0.2:6000");

        h.bob.agent.dataReceived(lowerBase, alice);
        h.runFor(millis(100));
        h.bob.agent.dataReceived(upperBase, alice);

        List<SelectedPairChanged> bobSelections = h.bob.events(SelectedPairChanged.class);
        assertThat(bobSelections).extracting(SelectedPairChanged::at)
                .containsExactly(2 * D, seconds(2), seconds(2) + millis(100));
        assertThat(bobSelections).extracting(c -> c.current().local().base())
                .containsExactly(upperBase, lowerBase, upperBase);
    }
}
