package org.icesim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.icesim.scenario.yaml.Quantities;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static RestartPolicy parse(String text) {
        return RestartPolicy.parse(text, Quantities::duration);
    }

    @Test
    void everyPolicyParsesAndPrintsBack() {
        assertThat(parse("never")).isEqualTo(new RestartPolicy.Never());
        assertThat(parse("on-failed")).isEqualTo(new RestartPolicy.OnFailed());
        assertThat(parse("on-network-change")).isEqualTo(new RestartPolicy.OnNetworkChange());
        assertThat(parse("on-disconnected(2s)")).isEqualTo(new RestartPolicy.OnDisconnected(2_000_000_000L));
        assertThat(parse(" on-disconnected( 500ms ) ")).hasToString("on-disconnected(500ms)");
    }

    @Test
    void aPolicyWatchesIceConnectionStateUnlessItNamesConnectionState() {
        assertThat(parse("on-failed")).isEqualTo(new RestartPolicy.OnFailed(RestartPolicy.Watch.ICE));
        assertThat(parse("on-failed(ice)")).isEqualTo(new RestartPolicy.OnFailed()).hasToString("on-failed");
        assertThat(parse("on-failed( connection )")).isEqualTo(new RestartPolicy.OnFailed(RestartPolicy.Watch.CONNECTION))
                .hasToString("on-failed(connection)");
        assertThat(parse("on-disconnected(2s, connection)"))
                .isEqualTo(new RestartPolicy.OnDisconnected(2_000_000_000L, RestartPolicy.Watch.CONNECTION))
                .hasToString("on-disconnected(2000ms, connection)");
        assertThat(parse("on-disconnected(2s,ice)")).isEqualTo(new RestartPolicy.OnDisconnected(2_000_000_000L));
    }

    @Test
    void unknownPoliciesListTheAllowedOnes() {
        assertThatThrownBy(() -> parse("sometimes")).hasMessageContaining("'sometimes' is not a restart policy")
                .hasMessageContaining("on-disconnected(<duration>[, ice|connection])")
                .hasMessageContaining("on-failed(ice|connection)");
        assertThatThrownBy(() -> parse("on-failed(dtls)")).hasMessageContaining("'on-failed(dtls)' watches 'dtls'")
                .hasMessageContaining("allowed ice or connection");
        assertThatThrownBy(() -> parse("on-disconnected(soon)")).hasMessageContaining("'soon'");
    }
}
