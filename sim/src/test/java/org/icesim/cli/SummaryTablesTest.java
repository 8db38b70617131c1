package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.stats.GroupKey;
import org.icesim.stats.GroupRuns;
import org.icesim.stats.RunValues;
import org.icesim.stats.Summaries;
import org.junit.jupiter.api.Test;

/**
 * The closing table of a batch: a fleet's groups get the fleet columns (medians over the group's
 * runs) in a table of their own, since a fleet's per-call columns are empty; groups of single
 * calls keep the per-call columns.
 */
class SummaryTablesTest {

    private static RunValues fleetRun(int connected, int up, int relayed, int restarts, String latencyP50) {
        Map<Metric, String> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.CALLS, "1000");
        metrics.put(Metric.CALLS_CONNECTED, Integer.toString(connected));
        metrics.put(Metric.CALLS_UP_AT_END, Integer.toString(up));
        metrics.put(Metric.CALLS_RELAYED_AT_END, Integer.toString(relayed));
        metrics.put(Metric.RESTARTS, Integer.toString(restarts));
        metrics.put(Metric.UNRECOVERED, "2");
        metrics.put(Metric.RESTART_LATENCY_P50_MS, latencyP50);
        metrics.put(Metric.USED_TURN, "1");
        return typed(metrics);
    }

    private static RunValues callRun(String recovery) {
        Map<Metric, String> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.RECOVERY_MS, recovery);
        metrics.put(Metric.RESTART_LATENCY_MS, "500");
        metrics.put(Metric.USED_TURN, "0");
        return typed(metrics);
    }

    private static RunValues typed(Map<Metric, String> texts) {
        Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
        texts.forEach((metric, text) -> metrics.put(metric, MetricValue.parse(metric, text)));
        return new RunValues(false, metrics);
    }

    private static List<String> lines(List<GroupRuns> groups) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            SummaryTables.compact(out, Summaries.of(groups));
        }
        return text.toString().lines().toList();
    }

    @Test
    void aFleetGroupPrintsTheMediansOfItsFleetColumnsAndItsTurnShareNotThePerCallColumns() {
        GroupRuns fleet = new GroupRuns(new GroupKey("capacity-1k", 0, Map.of()), List.of(
                fleetRun(990, 980, 160, 40, "700"), fleetRun(994, 990, 170, 64, "900"), fleetRun(992, 985, 167, 50, "800")));
        GroupRuns call = new GroupRuns(new GroupKey("wifi-to-cellular", 0, Map.of()),
                List.of(callRun("750"), callRun("770")));

        List<String> lines = lines(List.of(call, fleet));

        int fleetHeader = lines.indexOf(lines.stream().filter(l -> l.contains("calls_connected")).findFirst().orElseThrow());
        assertThat(lines.get(fleetHeader).split("\\s+")).containsExactly("group", "runs", "failed", "calls",
                "calls_connected", "calls_up_at_end", "calls_relayed_at_end", "restarts", "unrecovered",
                "restart_latency_p50_ms", "restart_latency_p95_ms", "recovery_p50_ms", "recovery_p95_ms",
                "turn_share_at_end");
        // Medians over the three runs; the TURN share is relayed / up at the end of the median run
        // figures: 167 / 985 = 17.0 %. Columns a fleet has no value for print "-".
        assertThat(lines.get(fleetHeader + 1).split("\\s+")).containsExactly("capacity-1k/p0", "3", "0", "1000", "992",
                "985", "167", "50", "2", "800", "-", "-", "-", "17.0%");
        assertThat(lines).hasSize(fleetHeader + 2);
        // The per-call table comes first, with the call group only.
        assertThat(lines.get(0)).contains("recovery_ms p50").doesNotContain("calls");
        assertThat(lines.get(1)).startsWith("wifi-to-cellular/p0").contains("760");
        assertThat(lines.subList(0, fleetHeader)).noneMatch(l -> l.startsWith("capacity-1k"));
    }

    @Test
    void aBatchOfFleetsOnlyPrintsNoPerCallTable() {
        GroupRuns fleet = new GroupRuns(new GroupKey("capacity-1k", 0, Map.of()), List.of(fleetRun(990, 980, 160, 40, "700")));
        List<String> lines = lines(List.of(fleet));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("group").contains("calls_up_at_end").doesNotContain("recovery_ms p50", "used_turn");
        assertThat(lines.get(1).split("\\s+")).contains("16.3%");
    }
}
