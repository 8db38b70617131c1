package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icesim.ice.PairState;
import org.icesim.kernel.Invariant;
import org.icesim.kernel.InvariantTally;
import org.icesim.kernel.SchedulingInvariants;
import org.icesim.metrics.RunOutput;
import org.icesim.nat.Nat;
import org.icesim.net.TrafficCounters;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.turn.TurnServer;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.SignalingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run with invariant checks on: every invariant is exercised, and checking changes no result. */
class InvariantChecksInRunTest {

    /** Symmetric NATs on both sides: only a relayed pair works, so TURN relays and NATs filter. */
    private static final String RELAYED_CALL = """
            name: relayed
            duration: 12s
            servers:
              stun: {type: stun, link: dc}
              turn: {type: turn, link: dc}
              sig: {type: signaling, link: dc}
            nats:
              home-alice: {preset: symmetric}
              home-bob: {preset: symmetric}
            links:
              dc: {delay: 5ms}
              wifi: {delay: 10ms, jitter: 1ms, loss: 1%}
            peers:
              alice: {interfaces: [{name: wifi, link: wifi, behind: home-alice}], policy: on-failed}
              bob: {interfaces: [{name: wifi, link: wifi, behind: home-bob}]}
            timeline:
              - {at: 4s, action: link-down, peer: alice, interface: wifi}
              - {at: 5s, action: link-up, peer: alice, interface: wifi}
              - {at: 8s, action: restart-ice, peer: bob}
            """;

    @TempDir
    Path dir;

    private ScenarioPoint point() throws Exception {
        Path file = dir.resolve("relayed.yaml");
        Files.writeString(file, RELAYED_CALL);
        return new ScenarioLoader().load(file).get(0);
    }

    @Test
    void aRelayedCallWithAFaultAndARestartExercisesEveryInvariant() throws Exception {
        Map<Invariant, Long> held = new HashMap<>();
        RunOptions options = new RunOptions(false, 0, null, false)
                .checkedInto(invariant -> held.merge(invariant, 1L, Long::sum));
        RunOutput output = new CallRunner().run(point(), 3, options);
        assertThat(output.result()).isNotNull();
        // Each invariant as the package whose rule it is declares it.
        List<Invariant> declared = List.of(SchedulingInvariants.NO_EVENT_IN_THE_PAST, SchedulingInvariants.TIME_MONOTONIC,
                SchedulingInvariants.TIME_PROGRESSES, TrafficCounters.CONSERVATION_INVARIANT, Nat.FILTERING_INVARIANT,
                TurnServer.PERMISSION_INVARIANT, PairState.TRANSITION_INVARIANT, SignalingState.TRANSITION_INVARIANT,
                IceConnectionState.TRANSITION_INVARIANT);
        assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(held.values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(output.effort().invariantChecks()).isEqualTo(held.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void checkingDoesNotChangeTheResultOfARun() throws Exception {
        ScenarioPoint point = point();
        RunOutput checked = new CallRunner().run(point, 5, new RunOptions(true, 0, null, true));
        RunOutput unchecked = new CallRunner().run(point, 5, new RunOptions(true, 0, null, false));
        assertThat(checked.result().values()).isEqualTo(unchecked.result().values());
        assertThat(checked.events()).isEqualTo(unchecked.events());
    }

    @Test
    void runOptionsCheckOnlyWhenTheySaySo() {
        assertThat(RunOptions.METRICS_ONLY.checkInvariants()).isFalse();
        assertThat(new RunOptions(false, 0, null, false).checkInvariants()).isFalse();
        assertThat(new RunOptions(false, 0, null, true).checkInvariants()).isTrue();
        assertThat(RunOptions.METRICS_ONLY.checkedInto(InvariantTally.NONE).checkInvariants()).isTrue();
    }
}
