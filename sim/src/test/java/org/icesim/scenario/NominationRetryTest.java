package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.icesim.testkit.SuiteChecks;
import org.icesim.world.CallRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A world the call properties found: with 1.2 % loss the libwebrtc controlling agent's
 * nomination went unanswered after an earlier ping of the same pair was answered, and its pacer
 * then ticked at one instant forever (the run never ended). The nominating pair must be pinged
 * again until the nomination is answered.
 */
class NominationRetryTest {

    private static final String WORLD = """
            name: lost-nomination
            duration: 15s
            servers:
              sig: {type: signaling, link: dc}
            links:
              dc: {delay: 5ms}
              access: {delay: 49ms, jitter: 2ms, loss: 1.2%}
            peers:
              alice: {interfaces: [{name: wifi, link: access}], profile: libwebrtc, policy: on-network-change}
              bob: {interfaces: [{name: wifi, link: access}], profile: libwebrtc}
            media: {audio: {pps: 50, bytes: 160}}
            """;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNominationWhoseCheckIsLostIsRetriedAndTheCallConnects_lwrtc_connection() throws Exception {
        Scenario scenario = ScenarioBinder.bind((YamlNode.YamlMap) new YamlReader().read("lost-nomination.yaml", WORLD));
        RunOutput output = new CallRunner().run(new ScenarioPoint(Map.of(), scenario), 7, SuiteChecks.options(true, 0));
        for (String peer : new String[] {"alice", "bob"}) {
            assertThat(output.events()).anyMatch(e -> e.node().equals(peer)
                    && e.kind() == EventKind.ICE_CONNECTION_STATE && e.detail().text().equals("connected"));
        }
    }
}
