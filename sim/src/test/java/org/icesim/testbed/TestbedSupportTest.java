package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.ScenarioFiles;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.YamlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestbedSupportTest {

    @TempDir
    Path directory;

    private void check(String text) throws Exception {
        Path file = TestbedScenarios.write(directory, text);
        YamlNode.YamlMap tree = new ScenarioFiles().read(file);
        TestbedSupport.check(tree, new ScenarioLoader().load(file).get(0).scenario());
    }

    @Test
    void aScenarioOfSupportedKeysPasses() throws Exception {
        check(TestbedScenarios.BASE + """
                timeline:
                  - {at: 10s, action: link-down, peer: alice, interface: wifi}
                  - {at: 12s, action: set-link, peer: alice, interface: wifi, set: {delay: 80ms, loss: 2%}}
                  - {at: connected+5s, action: restart-ice, peer: alice}
                  - {at: alice.disconnected+2s, action: set-link, peer: alice, interface: wifi, set: {up: false}, in-flight: drop}
                """);
    }

    @Test
    void aCutThatDeliversWhatItHoldsIsRefusedAtItsKeyForTheDelayHelperDropsIt() throws Exception {
        String text = TestbedScenarios.BASE + """
                timeline:
                  - {at: 10s, action: link-down, peer: alice, interface: wifi, in-flight: deliver}
                  - {at: 12s, action: link-up, peer: alice, interface: wifi}
                """;
        assertThatThrownBy(() -> check(text)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.problems()).extracting(ScenarioProblem::path).containsExactly("timeline.0.in-flight");
            assertThat(e.problems().get(0).message()).contains("nfqdelay.c, drop_held");
        });
    }

    @Test
    void everyKeyAndValueTheTestbedCannotReproduceIsListedWithItsLine() throws Exception {
        String text = TestbedScenarios.BASE.replace("wifi: {delay: 20ms, loss: 1%}",
                "wifi: {delay: 20ms, loss: {model: gilbert-elliott, rate: 1%, burst: 3}}")
                .replace("policy: on-disconnected(2s)}", "policy: on-disconnected(2s), ice: {consentInterval: 3s}}")
                .replace("home-alice: {preset: port-restricted-cone}", "home-alice: {preset: full-cone}");
        assertThatThrownBy(() -> check(text)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.problems()).extracting(ScenarioProblem::path)
                    .containsExactlyInAnyOrder("nats.home-alice", "links.wifi.loss", "peers.alice.ice");
            String file = directory.resolve("tb.yaml").toAbsolutePath().normalize().toString();
            // Lines of BASE: nats.home-alice is on line 8, links.wifi on line 12, peers.alice on line 15.
            assertThat(e.problems()).extracting(p -> p.location().file() + ":" + p.location().line())
                    .containsExactlyInAnyOrder(file + ":8", file + ":12", file + ":15");
        });
    }

    @Test
    void audioOtherThanOpusFramesAndNatPoolsAreRefused() throws Exception {
        String text = TestbedScenarios.BASE.replace("cgn: {preset: symmetric}", "cgn: {preset: symmetric, addresses: 2}") + """
                media: {audio: {pps: 100, bytes: 80}}
                """;
        assertThatThrownBy(() -> check(text)).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).extracting(ScenarioProblem::path)
                        .containsExactlyInAnyOrder("media.audio", "nats.cgn.addresses", "nats.cgn"));
    }

    @Test
    void theLongPollClientAndAnUnreachableOutagePass() throws Exception {
        check(TestbedScenarios.BASE.replace("signaling: {type: signaling, link: datacenter}",
                "signaling: {type: signaling, link: datacenter, client: long-poll, request-timeout: 8s, poll-timeout: 12s, "
                        + "poll-hold: 4s, retry-initial: 500ms, retry-factor: 2, retry-max: 10s}") + """
                timeline:
                  - {at: 9s, action: signaling-outage, duration: 5s, mode: unreachable}
                """);
    }

    @Test
    void aStreamClientKeepAliveOffACrashOutageAndTheStacksOwnNetworkChangeAreRefusedAtTheirKeys() throws Exception {
        // Line 6 of BASE is the signaling server; BASE has 16 lines, so the action is on line 18.
        String stream = TestbedScenarios.BASE.replace("signaling: {type: signaling, link: datacenter}",
                "signaling: {type: signaling, link: datacenter, client: stream, ping-interval: 5s}") + """
                timeline:
                  - {at: 9s, action: signaling-outage, duration: 5s, mode: crash}
                """;
        assertThatThrownBy(() -> check(stream)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.problems()).extracting(ScenarioProblem::path).containsExactlyInAnyOrder(
                    "servers.signaling.client", "servers.signaling.ping-interval", "timeline.0.mode");
            assertThat(e.problems()).extracting(p -> p.location().line()).containsExactlyInAnyOrder(6, 6, 18);
        });
        String poll = TestbedScenarios.BASE.replace("signaling: {type: signaling, link: datacenter}",
                "signaling: {type: signaling, link: datacenter, client: long-poll, keep-alive: false, network-change: keep, "
                        + "response-writes: whole, client-ack-delay: 200ms}");
        assertThatThrownBy(() -> check(poll)).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).extracting(ScenarioProblem::path).containsExactlyInAnyOrder(
                        "servers.signaling.keep-alive", "servers.signaling.network-change",
                        "servers.signaling.response-writes", "servers.signaling.client-ack-delay"));
        String measured = TestbedScenarios.BASE.replace("signaling: {type: signaling, link: datacenter}",
                "signaling: {type: signaling, link: datacenter, client: long-poll, response-writes: head-then-body, "
                        + "client-ack-delay: 40ms}");
        assertThatCode(() -> check(measured)).doesNotThrowAnyException();
    }
}
