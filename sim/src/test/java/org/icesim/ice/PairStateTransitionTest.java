package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.ice.PairState.FAILED;
import static org.icesim.ice.PairState.FROZEN;
import static org.icesim.ice.PairState.IN_PROGRESS;
import static org.icesim.ice.PairState.SUCCEEDED;
import static org.icesim.ice.PairState.WAITING;

import java.util.EnumSet;
import java.util.Set;
import org.icesim.kernel.InvariantViolation;
import org.icesim.kernel.Invariants;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** Candidate-pair state changes the ICE-pair invariant allows (RFC 8445 §6.1.2.6 figure 6, §7.2.5, §7.3.1.4). */
class PairStateTransitionTest {

    private static Set<PairState> successors(PairState from) {
        Set<PairState> next = EnumSet.noneOf(PairState.class);
        for (PairState to : PairState.values()) {
            if (from.canMoveTo(to)) {
                next.add(to);
            }
        }
        return next;
    }

    @Test
    void figure6AndTheTriggeredCheckRulesGiveEachStateItsSuccessors_rfc8445_6_1_2_6_and_7_3_1_4() {
        assertThat(successors(FROZEN)).containsExactlyInAnyOrder(WAITING, FAILED);
        assertThat(successors(WAITING)).containsExactlyInAnyOrder(IN_PROGRESS, SUCCEEDED, FAILED);
        assertThat(successors(IN_PROGRESS)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, WAITING);
        assertThat(successors(SUCCEEDED)).containsExactly(FAILED);
        assertThat(successors(FAILED)).containsExactly(WAITING);
    }

    @Test
    void aFrozenPairThatSucceedsWithoutACheckIsAViolation_rfc8445_6_1_2_6() {
        Invariants invariants = Invariants.on(() -> 250_000_000L);
        Candidate local = new Candidate(CandidateType.HOST, TransportAddress.of("10.0.0.1", 5000),
                TransportAddress.of("10.0.0.1", 5000), 2_130_706_431L, "1", 1);
        Candidate remote = Candidate.remote(CandidateType.HOST, TransportAddress.of("10.0.0.2", 6000),
                2_130_706_431L, "2");
        CandidatePair pair = new CandidatePair(local, remote, 1);
        IceAgent.requirePairTransition(invariants, pair, FROZEN, WAITING);
        assertThat(invariants.count(PairState.TRANSITION_INVARIANT)).isEqualTo(1);
        assertThatThrownBy(() -> IceAgent.requirePairTransition(invariants, pair, FROZEN, SUCCEEDED))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("ICE candidate-pair state transition violated on host 10.0.0.1:5000 -> host "
                        + "10.0.0.2:6000 FROZEN at 0.25 s: FROZEN \u2192 SUCCEEDED is not a permitted transition");
        assertThatThrownBy(() -> IceAgent.requirePairTransition(invariants, pair, SUCCEEDED, WAITING))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageEndingWith("SUCCEEDED \u2192 WAITING is not a permitted transition");
    }
}
