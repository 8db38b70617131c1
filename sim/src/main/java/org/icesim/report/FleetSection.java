package org.icesim.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;
import org.icesim.batch.RunRow;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.jfree.chart.JFreeChart;

/**
 * The part of the report a capacity planner reads for fleet runs (scenarios with {@code fleet:}):
 * per group, the calls over time, each TURN server's allocations and Mbit/s with their peak and
 * p95, the restart rate with the worst storms marked; across groups, the restart latency and
 * recovery of every restart and fault of the fleet's calls (fleet-values.csv), and the TURN sizing
 * chart: peak load against the number of calls, with a server's capacity.
 */
final class FleetSection {

    /** Draws a chart into the report directory. */
    interface Charts {
        void save(JFreeChart chart, String file, int width, int height) throws IOException;
    }

    /** Storms marked on the restart-rate chart. */
    static final int STORMS_MARKED = 3;

    private final Map<String, List<RunRow>> groups;
    private final Map<String, List<LoadRow>> loadByGroup;
    private final Map<String, Map<String, List<Double>>> values;
    private final OptionalInt turnCapacity;
    private final Charts charts;

    /**
     * @param groups       the fleet groups' runs by group label, in run order
     * @param load         every load.csv row (empty without load.csv)
     * @param values       fleet-values.csv by run id and metric (empty without it)
     * @param turnCapacity live allocations one TURN server can hold, for the sizing chart's line
     */
    FleetSection(Map<String, List<RunRow>> groups, List<LoadRow> load, Map<String, Map<String, List<Double>>> values,
            OptionalInt turnCapacity, Charts charts) {
        this.groups = groups;
        this.values = values;
        this.turnCapacity = turnCapacity;
        this.charts = charts;
        Map<String, String> groupOfRun = new LinkedHashMap<>();
        groups.forEach((group, rows) -> rows.forEach(row -> groupOfRun.put(row.runId(), group)));
        this.loadByGroup = new LinkedHashMap<>();
        for (LoadRow row : load) {
            String group = groupOfRun.get(row.runId());
            if (group != null) {
                loadByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(row);
            }
        }
    }

    /** The fleet figures of runs.csv, one row per group (median over the group's runs). */
    List<String> tableHeader() {
        return List.of("group", "runs", "calls", "connected", "up at end", "relayed at end", "TURN share at end", "faults",
                "restarts", "unrecovered", "restart latency p50 / p95 (ms)", "recovery p50 / p95 (ms)");
    }

    List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((group, runs) -> {
            double up = median(runs, Metric.CALLS_UP_AT_END);
            double relayed = median(runs, Metric.CALLS_RELAYED_AT_END);
            rows.add(List.of(group, Integer.toString(runs.size()), whole(median(runs, Metric.CALLS)),
                    whole(median(runs, Metric.CALLS_CONNECTED)), whole(up), whole(relayed),
                    Double.isNaN(up) || up == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * relayed / up),
                    whole(median(runs, Metric.FAULTS)), whole(median(runs, Metric.RESTARTS)),
                    whole(median(runs, Metric.UNRECOVERED)),
                    whole(median(runs, Metric.RESTART_LATENCY_P50_MS)) + " / " + whole(median(runs, Metric.RESTART_LATENCY_P95_MS)),
                    whole(median(runs, Metric.RECOVERY_P50_MS)) + " / " + whole(median(runs, Metric.RECOVERY_P95_MS))));
        });
        return rows;
    }

    /** Every fleet chart, in reading order. */
    List<Figure> figures() throws IOException {
        List<Figure> figures = new ArrayList<>();
        int index = 0;
        for (String group : groups.keySet()) {
            index++;
            List<LoadRow> rows = loadByGroup.getOrDefault(group, List.of());
            if (rows.isEmpty()) {
                continue;
            }
            int runs = (int) rows.stream().map(LoadRow::runId).distinct().count();
            String over = runs == 1 ? "one run" : "mean over " + runs + " runs";
            figures.add(calls(group, index, rows, over));
            List<String> servers = LoadBands.servers(rows);
            if (!servers.isEmpty()) {
                figures.add(perServer(group, index, rows, servers, over, "allocations", "live TURN allocations",
                        r -> r.liveAllocations(), "%.0f"));
                figures.add(perServer(group, index, rows, servers, over, "mbps", "relayed Mbit/s", LoadRow::relayedMbps,
                        "%.2f"));
            }
            figures.add(restarts(group, index, rows, over));
        }
        figures.addAll(distributions());
        figures.add(sizing());
        return figures;
    }

    private Figure calls(String group, int index, List<LoadRow> rows, String over) throws IOException {
        List<LineChart.Line> lines = List.of(
                line("started", LoadBands.fleet(rows, r -> r.callsStarted().orElse(0))),
                line("connected (ever)", LoadBands.fleet(rows, r -> r.callsConnected().orElse(0))),
                line("up now", LoadBands.fleet(rows, r -> r.callsUp().orElse(0))),
                line("up and relayed now", LoadBands.fleet(rows, r -> r.callsRelayed().orElse(0))));
        String file = "fleet-" + index + "-calls.png";
        String title = "Calls over time: " + group;
        charts.save(LineChart.draw(title, "simulated time (s)", "calls", lines, List.of(), List.of()), file,
                ChartStyle.WIDTH, ChartStyle.HEIGHT);
        return new Figure(file, title, "At the end of each load interval (load.csv, scope fleet, " + over + "): calls "
                + "started so far, calls whose two peers have both been connected at some point, calls whose two peers "
                + "are connected now, and of those the calls whose caller's selected pair is relayed through TURN.");
    }

    private Figure perServer(String group, int index, List<LoadRow> rows, List<String> servers, String over, String key,
            String what, ToDoubleFunction<LoadRow> value, String format) throws IOException {
        List<LineChart.Line> lines = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        double busiest = 0;
        String busiestName = "";
        for (String server : servers) {
            double[] all = rows.stream().filter(r -> !r.fleet() && r.server().equals(server)).mapToDouble(value).toArray();
            double peak = Arrays.stream(all).max().orElse(0);
            if (peak > busiest || busiestName.isEmpty()) {
                busiest = peak;
                busiestName = server;
            }
            String figure = server + ": peak " + String.format(Locale.ROOT, format, peak) + ", p95 "
                    + String.format(Locale.ROOT, format, nearestRank(all, 0.95));
            figures.add(figure);
            lines.add(line(figure, LoadBands.server(rows, server, value)));
        }
        String file = "fleet-" + index + "-server-" + key + ".png";
        String title = capitalized(what) + " per TURN server: " + group;
        List<LineChart.Level> peak = List.of(new LineChart.Level(busiest, "peak " + String.format(Locale.ROOT, format,
                busiest) + " (" + busiestName + ")", true));
        charts.save(LineChart.draw(title, "simulated time (s)", what, lines, peak, List.of()), file, ChartStyle.WIDTH,
                ChartStyle.HEIGHT);
        return new Figure(file, title, "One line per TURN server (load.csv, scope server, " + over + "); the legend gives "
                + "each server's peak and 95th percentile over every sample of every run (nearest rank), the dashed line "
                + "the busiest server's peak: " + String.join("; ", figures) + "." + (key.equals("mbps") ? " Mbit/s are the bytes relayed in the interval, "
                + "both directions, over the interval." : ""));
    }

    private Figure restarts(String group, int index, List<LoadRow> rows, String over) throws IOException {
        List<BandPoint> band = LoadBands.fleet(rows, r -> r.restarts().orElse(0));
        double intervalS = rows.get(0).intervalMs() / 1000;
        List<double[]> points = band.stream().map(p -> new double[] {p.timeMs() / 1000, p.mean() / intervalS}).toList();
        // A storm is a peak: an interval with more restarts than either neighbour; the biggest are marked.
        List<BandPoint> peaks = new ArrayList<>();
        for (int i = 0; i < band.size(); i++) {
            double here = band.get(i).mean();
            if (here > 0 && (i == 0 || here > band.get(i - 1).mean()) && (i == band.size() - 1 || here >= band.get(i + 1).mean())) {
                peaks.add(band.get(i));
            }
        }
        List<BandPoint> worst = peaks.stream().sorted((a, b) -> Double.compare(b.mean(), a.mean())).limit(STORMS_MARKED)
                .toList();
        List<LineChart.Pointer> storms = worst.stream().map(p -> new LineChart.Pointer(p.timeMs() / 1000,
                p.mean() / intervalS, String.format(Locale.ROOT, "%.0f restarts in %s s ending at %.0f s", p.mean(),
                        whole(intervalS), p.timeMs() / 1000))).toList();
        String file = "fleet-" + index + "-restarts.png";
        String title = "Restart rate: " + group;
        charts.save(LineChart.draw(title, "simulated time (s)", "restartIce() calls per second",
                List.of(new LineChart.Line("restarts per second in each interval", points, false)), List.of(), storms),
                file, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        return new Figure(file, title, "restartIce() calls of all peers in each load interval divided by its length ("
                + "load.csv restarts, scope fleet, " + over + "); arrows mark the " + worst.size()
                + " worst storms (intervals with more restarts than their neighbours) with their count"
                + (worst.isEmpty() ? "" : ", the worst " + whole(worst.get(0).mean()) + " restarts in the "
                        + whole(intervalS) + " s ending at " + whole(worst.get(0).timeMs() / 1000) + " s") + ".");
    }

    private List<Figure> distributions() throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (Metric metric : List.of(Metric.RESTART_LATENCY_MS, Metric.RECOVERY_MS)) {
            List<String> names = new ArrayList<>();
            List<Cdf> cdfs = new ArrayList<>();
            groups.forEach((group, runs) -> {
                double[] all = runs.stream().flatMap(run -> values.getOrDefault(run.runId(), Map.of())
                        .getOrDefault(metric.column(), List.of()).stream()).mapToDouble(Double::doubleValue).toArray();
                if (all.length > 0) {
                    names.add(group);
                    cdfs.add(Cdf.of(all));
                }
            });
            String what = metric == Metric.RESTART_LATENCY_MS ? "restart latency" : "recovery";
            if (cdfs.isEmpty()) {
                figures.add(new Figure("", "no fleet " + what, "No fleet run has a " + what + " value in "
                        + "fleet-values.csv."));
                continue;
            }
            String file = "fleet-cdf-" + metric.column() + ".png";
            String title = "CDF of " + what + " across the fleet's calls";
            String unit = metric == Metric.RESTART_LATENCY_MS ? "restarts" : "faults and directions";
            charts.save(CdfChart.draw(title, what + " (ms)", "share of " + unit + " at or below", names, cdfs), file,
                    ChartStyle.WIDTH, ChartStyle.HEIGHT);
            figures.add(new Figure(file, title, metric == Metric.RESTART_LATENCY_MS
                    ? "Every restart of every call (restartIce() → connected on the new generation), from "
                        + "fleet-values.csv; one line per group, its runs pooled. runs.csv's restart_latency_p50_ms and "
                        + "_p95_ms are this distribution's median and 95th percentile per run."
                    : "Every fault and direction of every call (fault → the arrival that ends the first interruption "
                        + "after it; 0 if media never stopped), from fleet-values.csv; one line per group, runs pooled. "
                        + "Faults whose media never came back are not in it (runs.csv: unrecovered)."));
        }
        return figures;
    }

    /** Peak live allocations against calls, one point per run: total and busiest server, with the capacity line. */
    private Figure sizing() throws IOException {
        List<double[]> totals = new ArrayList<>();
        List<double[]> busiest = new ArrayList<>();
        List<double[]> mbps = new ArrayList<>();
        groups.forEach((group, runs) -> {
            for (RunRow run : runs) {
                List<LoadRow> rows = loadByGroup.getOrDefault(group, List.of()).stream()
                        .filter(r -> r.runId().equals(run.runId())).toList();
                MetricValue calls = run.metrics().get(Metric.CALLS);
                if (rows.isEmpty() || calls == null) {
                    continue;
                }
                double x = calls.number();
                totals.add(new double[] {x, rows.stream().filter(LoadRow::fleet).mapToDouble(LoadRow::liveAllocations).max().orElse(0)});
                busiest.add(new double[] {x, rows.stream().filter(r -> !r.fleet()).mapToDouble(LoadRow::liveAllocations).max().orElse(0)});
                mbps.add(new double[] {x, rows.stream().filter(LoadRow::fleet).mapToDouble(LoadRow::relayedMbps).max().orElse(0)});
            }
        });
        if (totals.isEmpty()) {
            return new Figure("", "no TURN sizing", "The TURN sizing chart needs load.csv: run the fleet batch with "
                    + "--load-interval (e.g. 10s), ideally over a sweep of fleet.calls.");
        }
        totals.sort((a, b) -> Double.compare(a[0], b[0]));
        busiest.sort((a, b) -> Double.compare(a[0], b[0]));
        mbps.sort((a, b) -> Double.compare(a[0], b[0]));
        List<LineChart.Level> capacity = turnCapacity.isPresent()
                ? List.of(new LineChart.Level(turnCapacity.getAsInt(), "capacity of one TURN server: "
                        + turnCapacity.getAsInt() + " allocations", false))
                : List.of();
        String file = "fleet-turn-sizing.png";
        String title = "TURN sizing: peak live allocations against calls";
        charts.save(LineChart.draw(title, "calls in the fleet (runs.csv calls)", "peak live TURN allocations",
                List.of(new LineChart.Line("all servers (load.csv scope fleet)", totals, true),
                        new LineChart.Line("busiest server (load.csv scope server)", busiest, true)),
                capacity, List.of()), file, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        StringBuilder caption = new StringBuilder("One point per run: its calls (x) and the highest live TURN allocations "
                + "at any load sample (y), over all servers and on the busiest one. Sweep fleet.calls for the growth "
                + "curve (docs/reports.md). ");
        if (turnCapacity.isPresent()) {
            int x = turnCapacity.getAsInt();
            caption.append("With ").append(x).append(" allocations per server, the runs need: ");
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < totals.size(); i++) {
                double[] total = totals.get(i);
                answers.add(String.format(Locale.ROOT, "%.0f calls → %d servers if perfectly balanced (peak %.0f "
                        + "allocations, %.1f Mbit/s), %s", total[0], (int) Math.ceil(total[1] / x), total[1], mbps.get(i)[1],
                        busiest.get(i)[1] > x ? "but the busiest server peaked at " + whole(busiest.get(i)[1])
                                + ", above capacity" : "busiest server within capacity"));
            }
            caption.append(String.join("; ", answers)).append('.');
        } else {
            caption.append("Give the report --turn-capacity N (allocations one server holds) to draw the capacity line "
                    + "and get the number of servers per fleet size.");
        }
        return new Figure(file, title, caption.toString());
    }

    private static LineChart.Line line(String name, List<BandPoint> band) {
        return new LineChart.Line(name, band.stream().map(p -> new double[] {p.timeMs() / 1000, p.mean()}).toList(), false);
    }

    private static double median(List<RunRow> runs, Metric metric) {
        double[] numbers = runs.stream().filter(r -> !r.failed()).map(r -> r.metrics().get(metric))
                .filter(v -> v != null).mapToDouble(MetricValue::number).sorted().toArray();
        if (numbers.length == 0) {
            return Double.NaN;
        }
        int mid = numbers.length / 2;
        return numbers.length % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2;
    }

    /** Nearest rank: the smallest value with at least {@code q} of the values at or below it (as runs.csv's percentiles). */
    static double nearestRank(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "–" : value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
