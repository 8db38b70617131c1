package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.icesim.kernel.Invariant;
import org.icesim.kernel.Invariants;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
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
        ScenarioPoint point = point();
        Map<Invariant, Long> before = Invariants.processCounts();
        RunOutput output = new CallRunner().run(point, 3, new RunOptions(false, 0, null, true));
        Map<Invariant, Long> after = Invariants.processCounts();
        assertThat(output.result()).isNotNull();
        for (Invariant invariant : Invariant.values()) {
            assertThat(after.get(invariant)).as(invariant.title()).isGreaterThan(before.get(invariant));
        }
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
    void theDefaultRunOptionsOfTheTestSuiteCheck() {
        assertThat(RunOptions.METRICS_ONLY.checkInvariants()).isTrue();
        assertThat(new RunOptions(false, 0).checkInvariants()).isTrue();
        assertThat(new RunOptions(false, 0, null, false).checkInvariants()).isFalse();
    }
}
