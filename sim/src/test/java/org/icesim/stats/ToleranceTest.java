package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.metrics.Direction.HIGHER_IS_BETTER;
import static org.icesim.metrics.Direction.LOWER_IS_BETTER;
import static org.icesim.metrics.Direction.NEUTRAL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    private static Quantity named(String name) {
        return Quantity.named(name);
    }

    @Test
    void aRelativeRiseLimitFailsOnlyRisesBeyondIt() {
        Tolerance rule = Tolerance.parse("restart_latency_ms.p95", "+5%");
        assertThat(rule).isEqualTo(new Tolerance("restart_latency_ms", Stat.P95, false, 0.05, true));
        assertThat(rule.exceededBy(LOWER_IS_BETTER, 1000, 1050)).isFalse();
        assertThat(rule.exceededBy(LOWER_IS_BETTER, 1000, 1051)).isTrue();
        assertThat(rule.exceededBy(LOWER_IS_BETTER, 1000, 500)).isFalse();
        assertThat(rule).hasToString("restart_latency_ms.p95: +5%");
    }

    @Test
    void plusBoundsAWorseningInTheMetricsDirection() {
        Tolerance rule = Tolerance.parse("calls_connected.median", "+5%");
        assertThat(rule.exceededBy(HIGHER_IS_BETTER, 1000, 940)).isTrue();
        assertThat(rule.exceededBy(HIGHER_IS_BETTER, 1000, 2000)).isFalse();
        assertThat(rule.exceededBy(NEUTRAL, 1000, 1060)).isTrue();
    }

    @Test
    void anEitherWayLimitFailsFallsToo() {
        Tolerance rule = Tolerance.parse("stun_checks_sent.median", "±10%");
        assertThat(rule.exceededBy(NEUTRAL, 100, 89)).isTrue();
        assertThat(rule.exceededBy(NEUTRAL, 100, 91)).isFalse();
        assertThat(Tolerance.parse("stun_checks_sent.median", "+-10 %")).isEqualTo(rule);
    }

    @Test
    void anAbsoluteLimitIsInTheMetricsUnit() {
        Tolerance rule = Tolerance.parse("recovery_ms.median", "+20");
        assertThat(rule.relative()).isFalse();
        assertThat(rule.exceededBy(LOWER_IS_BETTER, 1000, 1020)).isFalse();
        assertThat(rule.exceededBy(LOWER_IS_BETTER, 1000, 1020.5)).isTrue();
        Tolerance share = Tolerance.parse("run_failed.share", "+0.05");
        assertThat(share.exceededBy(LOWER_IS_BETTER, 0, 0.05)).isFalse();
        assertThat(share.exceededBy(LOWER_IS_BETTER, 0, 0.1)).isTrue();
    }

    @Test
    void theMostSpecificRuleWinsAndAGivenRuleWinsOverTheDefaults() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("*", "+30%");
        rules.put("*.median", "+10%");
        rules.put("restart_latency_ms", "+2%");
        rules.put("restart_latency_ms.median", "+1%");
        Tolerances tolerances = Tolerances.DEFAULTS.with(rules);
        assertThat(tolerances.find(named("restart_latency_ms"), Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.01);
        assertThat(tolerances.find(named("restart_latency_ms"), Stat.P95).orElseThrow().amount()).isEqualTo(0.02);
        assertThat(tolerances.find(named("recovery_ms"), Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.1);
        assertThat(tolerances.find(named("recovery_ms"), Stat.P95).orElseThrow().amount()).isEqualTo(0.3);
        Tolerances overridden = tolerances.with(Map.of("restart_latency_ms.median", "+3%"));
        assertThat(overridden.find(named("restart_latency_ms"), Stat.MEDIAN).orElseThrow().amount()).isEqualTo(0.03);
        assertThat(overridden.rules()).hasSize(4);
    }

    @Test
    void theWildcardCoversEveryDirectedMetricButNoNeutralOne() {
        Tolerances any = Tolerances.parse(Map.of("*", "+5%"));
        assertThat(any.find(named("signaling_ms"), Stat.P95)).isPresent();
        assertThat(any.find(named("reached_failed"), Stat.SHARE)).isPresent();
        assertThat(any.find(named("bytes_relayed"), Stat.MEDIAN)).isEmpty();
        assertThat(any.find(named("used_turn"), Stat.SHARE)).isEmpty();
    }

    @Test
    void theDefaultsGovernTheHeadlineMetricsOnly() {
        Tolerances defaults = Tolerances.DEFAULTS;
        for (String headline : new String[] {"detect_disconnected_ms", "detect_failed_ms", "restart_latency_ms", "recovery_ms",
            "media_gap_ms", "media_lost_ms"}) {
            assertThat(defaults.find(named(headline), Stat.MEDIAN).orElseThrow().limit()).isEqualTo(Tolerances.DEFAULT_MEDIAN);
            assertThat(defaults.find(named(headline), Stat.P95).orElseThrow().limit()).isEqualTo(Tolerances.DEFAULT_P95);
        }
        assertThat(defaults.find(named("run_failed"), Stat.SHARE).orElseThrow().limit()).isEqualTo(Tolerances.DEFAULT_SHARE);
        assertThat(defaults.find(named("reached_failed"), Stat.SHARE)).isPresent();
        assertThat(defaults.find(named("signaling_ms"), Stat.MEDIAN)).isEmpty();
        assertThat(defaults.find(named("bytes_relayed"), Stat.MEDIAN)).isEmpty();
        assertThat(Tolerances.NONE.describe()).isEqualTo("none (nothing can fail)");
        assertThat(defaults.describe()).startsWith("defaults: every headline metric's median +10%");
    }

    @Test
    void badRulesSayWhatIsAllowed() {
        assertThatThrownBy(() -> Tolerance.parse("restart_latency_ms.p95", "5%"))
                .hasMessageContaining("must start with + (a worsening beyond it fails) or ±");
        assertThatThrownBy(() -> Tolerance.parse("restart_latency_ms.p50", "+5%"))
                .hasMessage("statistic must be median, p95 or share, was 'p50'");
        assertThatThrownBy(() -> Tolerance.parse("restart_latency.p95", "+5%"))
                .hasMessageStartingWith("unknown metric 'restart_latency'; metrics are detect_disconnected_ms, ");
        assertThatThrownBy(() -> Tolerance.parse("used_turn.median", "+5%")).hasMessage("used_turn has the statistic share, not median");
        assertThatThrownBy(() -> Tolerance.parse("recovery_ms.share", "+5%"))
                .hasMessage("recovery_ms has the statistics median and p95, not share");
        assertThatThrownBy(() -> Tolerance.parse("recovery_ms.median", "+lots")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Tolerance.parse(".p95", "+5%")).hasMessageContaining("<metric>.<statistic>");
    }
}
