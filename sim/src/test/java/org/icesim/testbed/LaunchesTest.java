package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.icesim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchesTest {

    @TempDir
    Path directory;

    @Test
    void aCaptureRecordsEveryInterfaceOfThePeersNamespaceUdpOnly() {
        assertThat(Launches.capture("icesim-1-host0", directory.resolve("alice.pcapng"))).containsExactly("ip", "netns",
                "exec", "icesim-1-host0", "dumpcap", "-q", "-i", "any", "-f", "udp", "-w",
                directory.resolve("alice.pcapng").toString());
    }

    @Test
    void thePeerConfigurationCarriesRoleServersPolicyAndCallInstant() throws Exception {
        Scenario scenario = TestbedScenarios.load(directory, TestbedScenarios.BASE + "call: {at: 2s}\n");
        NetworkPlan plan = new NetworkPlan("icesim-t2", scenario);
        JsonNode alice = new ObjectMapper().readTree(Launches.peerConfig(scenario, plan, scenario.peers().get("alice"), Stack.CHROMIUM));
        assertThat(alice.get("caller").asBoolean()).isTrue();
        assertThat(alice.get("polite").asBoolean()).isFalse();
        assertThat(alice.get("remote").asText()).isEqualTo("bob");
        assertThat(alice.get("callAtMs").asLong()).isEqualTo(2000);
        assertThat(alice.get("policy").get("kind").asText()).isEqualTo("on-disconnected");
        assertThat(alice.get("policy").get("afterMs").asLong()).isEqualTo(2000);
        assertThat(alice.get("signalingUrl").asText()).isEqualTo("http://203.0.113.10:8080");
        assertThat(alice.get("iceServers").toString()).contains("stun:203.0.113.20:3478",
                "turn:203.0.113.21:3478?transport=udp", "turn:203.0.113.21:3478?transport=tcp", "\"username\":\"u\"");
        JsonNode bob = new ObjectMapper().readTree(Launches.peerConfig(scenario, plan, scenario.peers().get("bob"), Stack.CHROMIUM));
        assertThat(bob.get("polite").asBoolean()).isTrue();
        assertThat(bob.get("policy").get("kind").asText()).isEqualTo("never");
    }

    @Test
    void theClientsGetTheScenariosLongPollValuesAndAPollTimeoutOnlyWhenItIsNamed() throws Exception {
        String longPoll = TestbedScenarios.BASE.replace("signaling: {type: signaling, link: datacenter}",
                "signaling: {type: signaling, link: datacenter, client: long-poll, request-timeout: 8s, retry-initial: 500ms, "
                        + "retry-factor: 3, retry-max: 9s}");
        Scenario unnamed = TestbedScenarios.load(directory, longPoll);
        JsonNode retry = new ObjectMapper().readTree(Launches.peerConfig(unnamed, new NetworkPlan("icesim-t2", unnamed),
                unnamed.peers().get("alice"), Stack.PION)).get("signalingRetry");
        assertThat(retry.toString()).isEqualTo("{\"initialMs\":500,\"maxMs\":9000,\"factor\":3.0,\"requestTimeoutMs\":8000}");
        Scenario named = TestbedScenarios.load(directory, longPoll.replace("retry-max: 9s}", "retry-max: 9s, poll-timeout: 15s}"));
        JsonNode namedRetry = new ObjectMapper().readTree(Launches.peerConfig(named, new NetworkPlan("icesim-t2", named),
                named.peers().get("alice"), Stack.PION)).get("signalingRetry");
        assertThat(namedRetry.get("pollTimeoutMs").asLong()).isEqualTo(15000);
        // Without a client key: the values the testbed has always given its clients (ReconnectBackoff.DEFAULT).
        Scenario plain = TestbedScenarios.load(directory, TestbedScenarios.BASE);
        assertThat(Launches.signalingClient(plain).retry().connectTimeoutNanos()).isEqualTo(10_000_000_000L);
        assertThat(Launches.signalingClient(plain).holdNanos()).isEqualTo(5_000_000_000L);
    }

    @Test
    void helperSettingsAreMicrosecondsBitsBytesLossAndState() throws Exception {
        Scenario scenario = TestbedScenarios.load(directory, TestbedScenarios.BASE);
        assertThat(Launches.helperSettings(scenario.links().get("wifi"), false))
                .containsExactly("20000", "0", "0", "0", "0.01", "0");
    }

    @Test
    void coturnListensOnTheServersAddressWithItsUsersAndTransports() throws Exception {
        Scenario scenario = TestbedScenarios.load(directory, TestbedScenarios.BASE);
        NetworkPlan plan = new NetworkPlan("icesim-t3", scenario);
        List<String> turn = Launches.coturn(plan.coreNamespace(), plan.servers().get("turn"), directory);
        assertThat(turn).startsWith("ip", "netns", "exec", "icesim-t3-core", "turnserver")
                .contains("--listening-ip=203.0.113.21", "--relay-ip=203.0.113.21", "--lt-cred-mech", "--user=u:p")
                .doesNotContain("--no-tcp");
        assertThat(Launches.coturn(plan.coreNamespace(), plan.servers().get("stun"), directory)).contains("--stun-only");
    }
}
