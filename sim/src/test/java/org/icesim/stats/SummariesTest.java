package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.junit.jupiter.api.Test;

class SummariesTest {

    private static final GroupKey GROUP = new GroupKey("wifi", 1, Map.of("links.cell.delay", "80ms"));

    private static GroupRuns group() {
        return new GroupRuns(GROUP, List.of(
                new RunValues(false, MetricTexts.values(Map.of(Metric.RESTART_LATENCY_MS, "100", Metric.USED_TURN, "1",
                        Metric.SELECTED_PAIR_AFTER, "relay/host", Metric.STUN_CHECKS_SENT, "10"))),
                new RunValues(false, MetricTexts.values(Map.of(Metric.RESTART_LATENCY_MS, "200.5", Metric.USED_TURN, "0",
                        Metric.SELECTED_PAIR_AFTER, "host/host", Metric.DETECT_FAILED_MS, "30000", Metric.STUN_CHECKS_SENT, ""))),
                new RunValues(false, MetricTexts.values(Map.of(Metric.USED_TURN, "1", Metric.SELECTED_PAIR_AFTER, "relay/host"))),
                new RunValues(true, Map.of())));
    }

    @Test
    void numericMetricsAreDescribedOverTheRunsThatHaveAValue() {
        GroupSummary summary = Summaries.of(group());
        assertThat(summary.runs()).isEqualTo(4);
        assertThat(summary.failed()).isEqualTo(1);
        Distribution restart = summary.metrics().get("restart_latency_ms");
        assertThat(restart.count()).isEqualTo(2);
        assertThat(restart.mean()).isEqualTo(150.25);
        assertThat(summary.metrics().get("stun_checks_sent").count()).isEqualTo(1);
        assertThat(summary.metrics().get("detect_disconnected_ms").count()).isZero();
        assertThat(summary.metrics()).doesNotContainKeys("used_turn", "selected_pair_after");
    }

    @Test
    void flagsReachedFailedAndFailedRunsAreShares() {
        Map<String, Proportion> shares = Summaries.of(group()).proportions();
        assertThat(shares.get("used_turn")).extracting(Proportion::successes, Proportion::trials).containsExactly(2, 3);
        assertThat(shares.get(Summaries.REACHED_FAILED)).extracting(Proportion::successes, Proportion::trials)
                .containsExactly(1, 3);
        assertThat(shares.get(Summaries.RUN_FAILED)).extracting(Proportion::successes, Proportion::trials)
                .containsExactly(1, 4);
    }

    @Test
    void textMetricsAreCountedPerValueInValueOrder() {
        Map<String, Integer> after = Summaries.of(group()).values().get("selected_pair_after");
        assertThat(after).containsExactly(Map.entry("host/host", 1), Map.entry("relay/host", 2));
        assertThat(Summaries.of(group()).values().get("selected_pair_before")).isEmpty();
    }

    @Test
    void summaryJsonHasSnakeCaseKeysInAStableOrder() throws Exception {
        byte[] bytes = new SummaryJson("b1", List.of(Summaries.of(group()))).bytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"batch\" : \"b1\",\n  \"groups\" : [\n    {\n      \"scenario\" : \"wifi\",\n      \"point\" : 1,")
                .endsWith("}\n").doesNotContain("\r");
        JsonNode group = Json.mapper().readTree(bytes).get("groups").get(0);
        assertThat(group.get("parameters").get("links.cell.delay").asText()).isEqualTo("80ms");
        assertThat(group.get("metrics").get("restart_latency_ms").get("mean_ci95").get("low").isNumber()).isTrue();
        assertThat(group.get("metrics").get("restart_latency_ms").get("median_ci95").isNull()).isTrue();
        assertThat(group.get("proportions").get("used_turn").get("ci95").get("high").asDouble()).isLessThanOrEqualTo(1);
        assertThat(text.indexOf("detect_disconnected_ms")).isLessThan(text.indexOf("restart_latency_ms"));
        assertThat(new SummaryJson("b1", List.of(Summaries.of(group()))).bytes()).isEqualTo(bytes);
    }
}
