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
        assertThat(h.bob.firstSelectionTime()).isEqualTo(2 * D);
        assertThat(h.alice.agent.state()).isEqualTo(IceTransportState.COMPLETED);
    }
}
