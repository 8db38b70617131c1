package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.ice.IceEvent.CheckKind;
import org.icesim.ice.IceEvent.CheckSent;
import org.icesim.stun.StunAttribute;
import org.junit.jupiter.api.Test;

/**
 * Firefox's nomination: NrIceCtx::Initialize (nricectx.cpp) creates every nICEr context with
 * NR_ICE_CTX_FLAGS_AGGRESSIVE_NOMINATION, so the controlling agent sends each check with
 * USE-CANDIDATE (ice_candidate_pair.c nr_ice_candidate_pair_restart) and nominates the pair whose
 * check succeeds first (nr_ice_candidate_pair_stun_cb → ice_component.c
 * nr_ice_component_nominated_pair): no second, nominating check and no settle timer.
 */
class FirefoxNominationTest {

    private static final long D = millis(10);

    private static boolean nominates(CheckSent check) {
        return check.message().hasAttribute(StunAttribute.UseCandidate.class);
    }

    @Test
    void everyCheckOfTheControllingAgentNominates_nICEr_nr_ice_candidate_pair_restart() {
        IceHarness h = new IceHarness(IceProfile.FIREFOX, D).withOneHostEach().exchange();
        h.runFor(seconds(1));
        List<CheckSent> aliceChecks = h.alice.events(CheckSent.class).stream()
                .filter(c -> c.kind() != CheckKind.LIVENESS).toList();
        assertThat(aliceChecks).isNotEmpty().allMatch(FirefoxNominationTest::nominates);
        assertThat(h.bob.events(CheckSent.class)).noneMatch(FirefoxNominationTest::nominates);
        // The first check goes out at 0 and is answered after one round trip: both sides select then.
        assertThat(aliceChecks.get(0).at()).isEqualTo(0L);
        assertThat(h.alice.firstSelectionTime()).isEqualTo(2 * D);
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.COMPLETED);
    }

    @Test
    void theFirstSucceededPairIsNominatedWhileABetterOneIsStillPending_nICEr_nr_ice_component_nominated_pair() {
        IceHarness h = new IceHarness(IceProfile.FIREFOX, D);
        h.alice.host(h.wire, "10.0.0.1:5000", 0);
        // The best pair (10.0.0.5) never answers; 10.0.0.2, checked one Ta (20 ms) later, does.
        h.bob.host(h.wire, "10.0.0.5:6000", 0);
        h.bob.host(h.wire, "10.0.0.2:6000", 1);
        h.wire.blackHole(Peer.parse("10.0.0.5:6000"));
        h.alice.learn(h.bob);
        h.runFor(seconds(3));
        // Check to 10.0.0.2 at Ta = 20 ms, answered 2 D later: selected at 40 ms, not after the
        // 2 s settle time of regular nomination (the rfc profile's 2.09 s in IceConformanceTest).
        assertThat(h.alice.events(CheckSent.class).get(1).at()).isEqualTo(millis(20));
        assertThat(h.alice.firstSelectionTime()).isEqualTo(millis(20) + 2 * D);
        assertThat(h.alice.agent.selectedPair().remote().address()).isEqualTo(Peer.parse("10.0.0.2:6000"));
        IceHarness regular = new IceHarness(IceProfile.FIREFOX.with("aggressiveNomination", "false"), D);
        regular.alice.host(regular.wire, "10.0.0.1:5000", 0);
        regular.bob.host(regular.wire, "10.0.0.5:6000", 0);
        regular.bob.host(regular.wire, "10.0.0.2:6000", 1);
        regular.wire.blackHole(Peer.parse("10.0.0.5:6000"));
        regular.alice.learn(regular.bob);
        regular.runFor(seconds(3));
        assertThat(regular.alice.firstSelectionTime()).isGreaterThan(seconds(2));
    }
}
