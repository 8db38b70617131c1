package org.icesim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.stats.Distribution;
import org.icesim.stats.GroupSummary;
import org.icesim.stats.Interval;
import org.icesim.stats.Proportion;
import org.icesim.stats.Summaries;

/** Prints group statistics: one line per group after a batch, or every statistic by {@code icesim summary}. */
final class SummaryTables {

    /** The metrics a batch's closing table shows. */
    private static final List<Metric> HEADLINE = List.of(Metric.RECOVERY_MS, Metric.RESTART_LATENCY_MS);

    private SummaryTables() {
    }

    /** A fleet's columns in the closing table: medians over the group's runs. */
    private static final List<Metric> FLEET = List.of(Metric.CALLS, Metric.CALLS_CONNECTED, Metric.CALLS_UP_AT_END,
            Metric.CALLS_RELAYED_AT_END, Metric.RESTARTS, Metric.UNRECOVERED, Metric.RESTART_LATENCY_P50_MS,
            Metric.RESTART_LATENCY_P95_MS, Metric.RECOVERY_P50_MS, Metric.RECOVERY_P95_MS);

    /**
     * One line per group: runs, failures, the median and p95 of the headline metrics, TURN and
     * failed shares; fleet groups get a table of their own with the fleet columns instead, since
     * a fleet's per-call columns are empty.
     */
    static void compact(PrintWriter out, List<GroupSummary> groups) {
        List<GroupSummary> fleets = groups.stream().filter(SummaryTables::isFleet).toList();
        List<GroupSummary> calls = groups.stream().filter(g -> !isFleet(g)).toList();
        if (!calls.isEmpty()) {
            perCall(out, calls);
        }
        if (!fleets.isEmpty()) {
            if (!calls.isEmpty()) {
                out.println();
            }
            fleet(out, fleets);
        }
    }

    private static boolean isFleet(GroupSummary group) {
        Distribution calls = group.metrics().get(Metric.CALLS.column());
        return calls != null && calls.count() > 0;
    }

    /** Fleet groups: the median over runs of calls, connected, up and relayed at the end, restarts and percentiles. */
    private static void fleet(PrintWriter out, List<GroupSummary> groups) {
        List<String> header = new ArrayList<>(List.of("group", "runs", "failed"));
        FLEET.forEach(metric -> header.add(metric.column()));
        header.add("turn_share_at_end");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (GroupSummary group : groups) {
            List<String> row = new ArrayList<>(List.of(group.group().label(), Integer.toString(group.runs()),
                    Integer.toString(group.failed())));
            FLEET.forEach(metric -> row.add(TextTable.number(group.metrics().get(metric.column()).median())));
            Double up = group.metrics().get(Metric.CALLS_UP_AT_END.column()).median();
            Double relayed = group.metrics().get(Metric.CALLS_RELAYED_AT_END.column()).median();
            row.add(TextTable.percent(up == null || relayed == null || up == 0 ? null : relayed / up));
            table.row(row);
        }
        table.print(out, "");
    }

    private static void perCall(PrintWriter out, List<GroupSummary> groups) {
        List<String> header = new ArrayList<>(List.of("group", "runs", "failed"));
        for (Metric metric : HEADLINE) {
            header.add(metric.column() + " p50");
            header.add("p95");
        }
        header.add("used_turn");
        header.add("reached_failed");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (GroupSummary group : groups) {
            List<String> row = new ArrayList<>(List.of(group.group().label(), Integer.toString(group.runs()),
                    Integer.toString(group.failed())));
            for (Metric metric : HEADLINE) {
                Distribution d = group.metrics().get(metric.column());
                row.add(TextTable.number(d.median()));
                row.add(TextTable.number(d.p95()));
            }
            row.add(TextTable.percent(group.proportions().get(Metric.USED_TURN.column()).proportion()));
            row.add(TextTable.percent(group.proportions().get(Summaries.REACHED_FAILED).proportion()));
            table.row(row);
        }
        table.print(out, "");
    }

    /** Every statistic of every group: numeric metrics with values, shares, and counts of text values. */
    static void full(PrintWriter out, List<GroupSummary> groups) {
        for (GroupSummary group : groups) {
            out.printf("%s: %d run%s, %d failed%n", group.group().label(), group.runs(), group.runs() == 1 ? "" : "s",
                    group.failed());
            TextTable metrics = new TextTable("metric", "n", "mean", "sd", "median", "p90", "p95", "p99", "min", "max",
                    "mean 95% CI", "median 95% CI");
            for (Map.Entry<String, Distribution> entry : group.metrics().entrySet()) {
                Distribution d = entry.getValue();
                if (d.count() == 0) {
                    continue;
                }
                metrics.row(List.of(entry.getKey(), Integer.toString(d.count()), TextTable.number(d.mean()),
                        TextTable.number(d.sd()), TextTable.number(d.median()), TextTable.number(d.p90()),
                        TextTable.number(d.p95()), TextTable.number(d.p99()), TextTable.number(d.min()),
                        TextTable.number(d.max()), interval(d.meanCi95()), interval(d.medianCi95())));
            }
            if (!metrics.isEmpty()) {
                metrics.print(out, "  ");
            }
            TextTable shares = new TextTable("share", "runs", "of", "%", "95% CI (Wilson)");
            for (Map.Entry<String, Proportion> entry : group.proportions().entrySet()) {
                Proportion p = entry.getValue();
                Interval ci = p.ci95();
                shares.row(List.of(entry.getKey(), Integer.toString(p.successes()), Integer.toString(p.trials()),
                        TextTable.percent(p.proportion()),
                        ci == null ? "-" : "[" + TextTable.percent(ci.low()) + ", " + TextTable.percent(ci.high()) + "]"));
            }
            shares.print(out, "  ");
            for (Map.Entry<String, Map<String, Integer>> entry : group.values().entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    StringBuilder line = new StringBuilder("  " + entry.getKey() + ":");
                    entry.getValue().forEach((value, count) -> line.append(' ').append(value).append(" ×").append(count));
                    out.println(line);
                }
            }
            out.println();
        }
    }

    private static String interval(Interval interval) {
        return interval == null ? "-" : "[" + TextTable.number(interval.low()) + ", " + TextTable.number(interval.high()) + "]";
    }
}
