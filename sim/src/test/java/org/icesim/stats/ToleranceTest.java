package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void aRelativeRiseLimitFailsOnlyRisesBeyondIt() {
        Tolerance rule = Tolerance.parse("restart_latency_ms.p95", "+5%");
        assertThat(rule).isEqualTo(new Tolerance("restart_latency_ms", Stat.P95, false, 0.05, true));
        assertThat(rule.exceededBy(1000, 1050)).isFalse();
        assertThat(rule.exceededBy(1000, 1051)).isTrue();
        assertThat(rule.exceededBy(1000, 500)).isFalse();
        assertThat(rule).hasToString("restart_latency_ms.p95: +5%");
    }

    @Test
    void anEitherWayLimitFailsFallsToo() {
        Tolerance rule = Tolerance.parse("stun_checks_sent.median", "±10%");
        assertThat(rule.exceededBy(100, 89)).isTrue();
        assertThat(rule.exceededBy(100, 91)).isFalse();
        assertThat(Tolerance.parse("stun_checks_sent.median", "+-10 %")).isEqualTo(rule);
    }

    @Test
    void anAbsoluteLimitIsInTheMetricsUnit() {
        Tolerance rule = Tolerance.parse("recovery_ms.median", "+20");
        assertThat(rule.relative()).isFalse();
        assertThat(rule.exceededBy(1000, 1020)).isFalse();
        assertThat(rule.exceededBy(1000, 1020.5)).isTrue();
    }

    @Test
    void aMetricsOwnRuleWinsOverTheWildcard() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("*.median", "+10%");
        rules.put("restart_latency_ms.median", "+1%");
        Tolerances tolerances = Tolerances.parse(rules);
        assertThat(tolerances.find(Metric.RESTART_LATENCY_MS, Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.01);
        assertThat(tolerances.find(Metric.RECOVERY_MS, Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.1);
        assertThat(tolerances.find(Metric.RECOVERY_MS, Stat.P95)).isEmpty();
        Tolerances overridden = tolerances.with(Tolerances.parse(Map.of("restart_latency_ms.median", "+3%")));
        assertThat(overridden.find(Metric.RESTART_LATENCY_MS, Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.03);
        assertThat(overridden.rules()).hasSize(2);
    }

    @Test
    void badRulesSayWhatIsAllowed() {
        assertThatThrownBy(() -> Tolerance.parse("restart_latency_ms.p95", "5%"))
                .hasMessageContaining("must start with + (a rise beyond it fails) or ±");
        assertThatThrownBy(() -> Tolerance.parse("restart_latency_ms.p50", "+5%"))
                .hasMessage("statistic must be median or p95, was 'p50'");
        assertThatThrownBy(() -> Tolerance.parse("restart_latency.p95", "+5%")).hasMessage("unknown metric 'restart_latency'");
        assertThatThrownBy(() -> Tolerance.parse("used_turn.median", "+5%")).hasMessageContaining("must be numeric");
        assertThatThrownBy(() -> Tolerance.parse("recovery_ms.median", "+lots")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Tolerance.parse("recovery_ms", "+5%")).hasMessageContaining("<metric>.median or <metric>.p95");
    }
}
