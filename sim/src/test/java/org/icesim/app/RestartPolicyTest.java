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
    void unknownPoliciesListTheAllowedOnes() {
        assertThatThrownBy(() -> parse("sometimes")).hasMessageContaining("'sometimes' is not a restart policy")
                .hasMessageContaining("on-disconnected(<duration>)");
        assertThatThrownBy(() -> parse("on-disconnected(soon)")).hasMessageContaining("'soon'");
    }
}
