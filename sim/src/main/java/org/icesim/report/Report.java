package org.icesim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultSet;
import org.icesim.batch.RunRow;
import org.icesim.metrics.Metric;
import org.icesim.stats.Distribution;
import org.icesim.stats.GroupRuns;
import org.icesim.stats.GroupSummary;
import org.icesim.stats.Proportion;
import org.jfree.chart.JFreeChart;

/**
 * Writes {@code RESULTS/report/index.html} and its PNG charts for a result set: CDFs and box plots
 * of the headline metrics per group, detection times, TURN share, capacity from load.csv, the
 * summary table, and on request the timeline of one run from events.csv.
 */
public final class Report {

    public static final String DIRECTORY = "report";
    public static final String INDEX = "index.html";
    /** Metrics shown as CDFs: the ones that say how long the user waited. */
    public static final List<Metric> CDF_METRICS = List.of(Metric.RESTART_LATENCY_MS, Metric.RECOVERY_MS, Metric.MEDIA_GAP_MS);
    public static final List<Metric> BOX_METRICS =
            List.of(Metric.RESTART_LATENCY_MS, Metric.RECOVERY_MS, Metric.MEDIA_GAP_MS, Metric.MEDIA_LOST_MS);
    public static final List<Metric> DETECTION_METRICS = List.of(Metric.DETECT_DISCONNECTED_MS, Metric.DETECT_FAILED_MS);

    /** The fault window of a timeline: from this long before the first fault ... */
    private static final double ZOOM_BEFORE_MS = 2_000;
    /** ... to this long after the last fault or repair. */
    private static final double ZOOM_AFTER_MS = 8_000;

    private final ResultSet results;
    private final Path directory;
    /** The groups of single calls: the per-call sections draw only these. */
    private final List<GroupRuns> groups;
    /** The runs of the fleet groups, by group label. */
    private final Map<String, List<RunRow>> fleetGroups = new LinkedHashMap<>();
    private final Set<String> fleetLabels = new HashSet<>();
    private final int runs;
    private final OptionalInt turnCapacity;

    private Report(ResultSet results, OptionalInt turnCapacity) {
        this.results = results;
        this.directory = results.directory().resolve(DIRECTORY);
        this.turnCapacity = turnCapacity;
        for (RunRow row : results.rows()) {
            if (row.metrics().containsKey(Metric.CALLS)) {
                fleetGroups.computeIfAbsent(GroupLabels.of(row.group()), g -> new ArrayList<>()).add(row);
            }
        }
        // A group is a fleet when any of its runs is (a failed fleet run has no calls figure).
        for (RunRow row : results.rows()) {
            if (fleetGroups.containsKey(GroupLabels.of(row.group()))) {
                fleetLabels.add(GroupLabels.of(row.group()));
            }
        }
        this.groups = results.groups().stream().filter(g -> !fleetLabels.contains(GroupLabels.of(g.group()))).toList();
        this.runs = results.rows().size();
    }

    /** Writes the report and returns the path of its index.html. */
    public static Path write(ResultSet results, Optional<String> runId) throws IOException, BatchException {
        return write(results, runId, OptionalInt.empty());
    }

    /**
     * Writes the report and returns the path of its index.html.
     *
     * @param turnCapacity live allocations one TURN server holds, drawn on the fleet's TURN sizing chart
     */
    public static Path write(ResultSet results, Optional<String> runId, OptionalInt turnCapacity)
            throws IOException, BatchException {
        return new Report(results, turnCapacity).write(runId);
    }

    private Path write(Optional<String> runId) throws IOException, BatchException {
        Files.createDirectories(directory);
        HtmlPage page = new HtmlPage("icesim report: " + results.batch());
        page.paragraph(runs + " runs in " + (groups.size() + fleetGroups.size()) + " groups (scenario × sweep point) from "
                + results.directory().toAbsolutePath().normalize() + ". Times are simulated milliseconds. "
                + "docs/results-format.md describes every file and column the charts read.");
        if (runId.isPresent()) {
            page.heading(2, "Timeline of run " + runId.get());
            timeline(runId.get()).forEach(page::figure);
        }
        if (!fleetGroups.isEmpty()) {
            fleet(page);
        }
        if (groups.isEmpty()) {
            page.note("Every group is a fleet: the per-call sections (restart latency, recovery and media gap per run, "
                    + "detection, TURN share) do not apply; the fleet section above has their fleet counterparts.");
            capacitySection(page);
            Path index = directory.resolve(INDEX);
            Files.writeString(index, page.html(), StandardCharsets.UTF_8);
            return index;
        }
        page.heading(2, "How long until media flows again");
        for (Metric metric : CDF_METRICS) {
            cdfs(metric).forEach(page::figure);
        }
        page.heading(2, "Headline metrics by group");
        for (Metric metric : BOX_METRICS) {
            box("box-" + metric.column() + ".png", name(metric), List.of(metric)).ifPresent(page::figure);
        }
        page.heading(2, "Detection");
        box("detection.png", "detection time", DETECTION_METRICS).ifPresent(page::figure);
        page.heading(2, "TURN");
        page.figure(turnShare());
        page.note(natNote());
        capacitySection(page);
        page.heading(2, "Summary statistics");
        page.paragraph("Per group: number of runs and failed runs; median [95 % CI of the median] and p95 of the "
                + "headline metrics in ms; share of runs that used TURN and that reached 'failed'. summary.json has all "
                + "statistics.");
        summaryTable(page);
        Path index = directory.resolve(INDEX);
        Files.writeString(index, page.html(), StandardCharsets.UTF_8);
        return index;
    }

    private void fleet(HtmlPage page) throws IOException, BatchException {
        page.heading(2, "Fleet: calls, TURN servers, restart storms");
        page.paragraph("Fleet runs (scenarios with fleet:) gather per-call figures across all their calls. Medians "
                + "over each group's runs of the runs.csv fleet columns:");
        List<LoadRow> load = ResultInputs.hasLoad(results.directory()) ? ResultInputs.load(results.directory()) : List.of();
        Map<String, Map<String, List<Double>>> values = ResultInputs.hasFleetValues(results.directory())
                ? ResultInputs.fleetValues(results.directory()) : Map.of();
        FleetSection section = new FleetSection(fleetGroups, load, values, turnCapacity, this::save);
        page.table(section.tableHeader(), section.tableRows());
        if (load.isEmpty()) {
            page.note("No load.csv in this result set: run the fleet batch with --load-interval (e.g. 10s) for calls, "
                    + "per-server load and restart storms over time, and the TURN sizing chart.");
        }
        section.figures().forEach(page::figure);
    }

    private void capacitySection(HtmlPage page) throws IOException, BatchException {
        page.heading(2, "Capacity");
        if (ResultInputs.hasLoad(results.directory())) {
            capacity().forEach(page::figure);
        } else {
            page.note("No load.csv in this result set: make the batch with --load-interval 1s for capacity curves.");
        }
    }

    private List<Figure> cdfs(Metric metric) throws IOException {
        List<GroupRuns> withValues = groups.stream().filter(g -> g.numbers(metric).length > 0).toList();
        List<List<GroupRuns>> panels = Panels.pack(withValues, g -> g.group().scenario(), ChartStyle.MAX_SERIES);
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            List<GroupRuns> panel = panels.get(i);
            String part = panels.size() > 1 ? " (" + (i + 1) + "/" + panels.size() + ")" : "";
            String title = "CDF of " + name(metric) + part;
            List<String> names = panel.stream().map(g -> GroupLabels.of(g.group())).toList();
            List<Cdf> cdfs = panel.stream().map(g -> Cdf.of(g.numbers(metric))).toList();
            String file = "cdf-" + metric.column() + "-" + (i + 1) + ".png";
            save(CdfChart.draw(title, name(metric) + " (ms)", names, cdfs), file, ChartStyle.WIDTH, ChartStyle.HEIGHT);
            int values = cdfs.stream().mapToInt(Cdf::count).sum();
            figures.add(new Figure(file, title, "Share of runs whose " + name(metric) + " (" + metric.description()
                    + ") is at or below x, one line per group; " + values + " runs with a value in " + panel.size()
                    + " groups." + (i == panels.size() - 1 ? without(withValues.size(), metric) : "")));
        }
        if (panels.isEmpty()) {
            figures.add(new Figure("", "no " + name(metric), "No run has a " + name(metric) + " value."));
        }
        return figures;
    }

    private String without(int groupsWithValues, Metric metric) {
        int missing = groups.size() - groupsWithValues;
        return missing == 0 ? "" : " " + missing + " of " + groups.size() + " groups have no " + name(metric)
                + " value and are not drawn.";
    }

    private Optional<Figure> box(String file, String what, List<Metric> metrics) throws IOException {
        Map<String, Map<String, BoxStats>> boxes = new LinkedHashMap<>();
        int values = 0;
        for (Metric metric : metrics) {
            Map<String, BoxStats> byGroup = new LinkedHashMap<>();
            for (GroupRuns group : groups) {
                double[] numbers = group.numbers(metric);
                if (numbers.length > 0) {
                    byGroup.put(GroupLabels.of(group.group()), BoxStats.of(numbers));
                    values += numbers.length;
                }
            }
            if (!byGroup.isEmpty()) {
                boxes.put(name(metric), byGroup);
            }
        }
        if (boxes.isEmpty()) {
            return Optional.empty();
        }
        String title = capitalized(what) + " by group";
        List<String> shown = groups.stream().map(g -> GroupLabels.of(g.group()))
                .filter(g -> boxes.values().stream().anyMatch(byGroup -> byGroup.containsKey(g))).toList();
        int rows = shown.size();
        save(BoxChart.draw(title, what + " (ms)", shown, boxes), file, ChartStyle.WIDTH, BoxChart.height(rows, boxes.size()));
        return Optional.of(new Figure(file, title, "Box from first to third quartile, line at the median, "
                + "whiskers at minimum and maximum; " + values + " values from the " + runs + " runs, " + rows
                + " groups with a value (groups where no run has one are left out)."
                + (metrics.size() == 1 ? " " + capitalized(name(metrics.get(0))) + ": " + metrics.get(0).description() + "."
                : "")));
    }

    private Figure turnShare() throws IOException {
        List<String> names = new ArrayList<>();
        List<Proportion> shares = new ArrayList<>();
        for (GroupSummary summary : perCallSummaries()) {
            names.add(GroupLabels.of(summary.group()));
            shares.add(summary.proportions().get(Metric.USED_TURN.column()));
        }
        String file = "turn-share.png";
        String title = "Runs that used TURN";
        save(ShareChart.draw(title, "runs with a relayed selected pair", names, shares), file, ChartStyle.WIDTH,
                BoxChart.height(names.size(), 1));
        return new Figure(file, title, "Share of finished runs of each group in which some selected pair was relayed "
                + "through TURN (used_turn); " + runs + " runs. The summary table gives the Wilson 95 % intervals' inputs "
                + "(runs per group).");
    }

    private String natNote() {
        List<String> nat = results.parameterColumns().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).contains("nat")).toList();
        return nat.isEmpty()
                ? "No group sweeps a NAT preset (no swept parameter names a NAT), so there is no NAT-pair heat map."
                : "Groups sweep NAT parameters (" + String.join(", ", nat) + "); the NAT-pair heat map is not drawn by "
                        + "this report: compare the groups in the TURN bars above.";
    }

    private List<Figure> capacity() throws IOException, BatchException {
        Map<String, List<LoadRow>> byGroup = new LinkedHashMap<>();
        Map<String, String> groupOfRun = new LinkedHashMap<>();
        results.rows().forEach(row -> groupOfRun.put(row.runId(), GroupLabels.of(row.group())));
        Map<String, String> scenarioOfGroup = new LinkedHashMap<>();
        results.rows().forEach(row -> scenarioOfGroup.put(GroupLabels.of(row.group()), row.scenario()));
        for (LoadRow row : ResultInputs.load(results.directory())) {
            String group = groupOfRun.get(row.runId());
            if (group != null) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(row);
            }
        }
        List<String> used = byGroup.keySet().stream()
                .filter(g -> byGroup.get(g).stream().anyMatch(r -> r.liveAllocations() > 0 || r.relayedBytes() > 0))
                .toList();
        List<List<String>> panels = Panels.pack(used, scenarioOfGroup::get, ChartStyle.MAX_SERIES);
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            List<String> panel = panels.get(i);
            String part = panels.size() > 1 ? " (" + (i + 1) + "/" + panels.size() + ")" : "";
            long seeds = panel.stream().mapToLong(g -> byGroup.get(g).stream().map(LoadRow::runId).distinct().count()).sum();
            String band = " Line: mean over the seeds of each group; band: minimum to maximum; " + seeds + " runs in "
                    + panel.size() + " groups.";
            String allocations = "capacity-allocations-" + (i + 1) + ".png";
            List<List<BandPoint>> live = panel.stream().map(g -> LoadBands.liveAllocations(byGroup.get(g))).toList();
            save(CapacityChart.draw("Live TURN allocations" + part, "live allocations (all servers)", panel, live),
                    allocations, ChartStyle.WIDTH, ChartStyle.HEIGHT);
            ChartData.write(directory.resolve(ChartData.fileFor(allocations)), panel, live);
            figures.add(new Figure(allocations, "Live TURN allocations" + part,
                    "TURN allocations alive on all servers at each load sample (load.csv rows of scope fleet; the data "
                    + "drawn is in " + ChartData.fileFor(allocations) + ")." + band));
            String bandwidth = "capacity-bandwidth-" + (i + 1) + ".png";
            List<List<BandPoint>> mbps = panel.stream().map(g -> LoadBands.relayedMbps(byGroup.get(g))).toList();
            save(CapacityChart.draw("Relayed bandwidth" + part, "relayed bandwidth (Mbit/s, all servers)", panel, mbps),
                    bandwidth, ChartStyle.WIDTH, ChartStyle.HEIGHT);
            ChartData.write(directory.resolve(ChartData.fileFor(bandwidth)), panel, mbps);
            figures.add(new Figure(bandwidth, "Relayed bandwidth" + part, "Bytes relayed by all TURN servers in each "
                    + "load interval, both directions, as Mbit/s averaged over the interval (load.csv relayed_mbps, scope "
                    + "fleet; data in " + ChartData.fileFor(bandwidth) + ")." + band));
        }
        if (panels.isEmpty()) {
            figures.add(new Figure("", "no TURN load", "No run relayed through TURN: nothing to plot."));
        }
        return figures;
    }

    /** The whole run, and when it has faults a zoom from 2 s before the first to 8 s after the last fault or repair. */
    private List<Figure> timeline(String runId) throws IOException, BatchException {
        List<EventRow> events = ResultInputs.events(results.directory(), runId);
        if (events.isEmpty()) {
            throw new BatchException("events.csv in " + results.directory() + " has no events of run '" + runId
                    + "' (run ids look like " + results.rows().stream().findFirst().map(r -> r.runId()).orElse("scenario/p0/s0")
                    + ")");
        }
        List<MediaRow> media = ResultInputs.media(results.directory(), runId);
        // The last media sample shows the run went on after its last event: the states hold until then.
        Timeline timeline = Timeline.of(events, media.isEmpty() ? 0 : media.get(media.size() - 1).timeMs());
        String file = "timeline-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
        String title = "Run " + runId;
        int height = TimelineChart.height(timeline, media);
        save(TimelineChart.draw(title, timeline, media), file, ChartStyle.WIDTH + 240, height);
        List<Figure> figures = new ArrayList<>();
        List<Double> faults = timeline.marks().stream().filter(m -> m.label().equals("fault") || m.label().equals("repair"))
                .map(Timeline.Mark::atMs).toList();
        if (!faults.isEmpty()) {
            double from = Math.max(0, faults.get(0) - ZOOM_BEFORE_MS);
            double to = Math.min(timeline.endMs(), faults.get(faults.size() - 1) + ZOOM_AFTER_MS);
            String zoom = file.replaceFirst("\\.png$", "-fault-window.png");
            save(TimelineChart.draw(title + ", fault window", timeline, media, from, to), zoom, ChartStyle.WIDTH + 240,
                    height);
            figures.add(new Figure(zoom, title + ", fault window", String.format(Locale.ROOT, "The same run from %.1f s "
                    + "to %.1f s: %.0f s before the first fault to %.0f s after the last fault or repair.", from / 1000,
                    to / 1000, ZOOM_BEFORE_MS / 1000, ZOOM_AFTER_MS / 1000)));
        }
        figures.add(0, new Figure(file, title, "One run (" + events.size() + " events): each peer's iceConnectionState, the "
                + "candidate types (local/remote) of its selected pair, its restartIce() calls, and the network faults "
                + "(black circles) and repairs (purple squares) of the scenario timeline, on one simulated-time axis"
                + (media.isEmpty() ? ". The received media rate is not drawn: the result set has no media.csv rows of "
                + "this run." : "; below them, the media rate each peer received, in Mbit/s per "
                + number(media.get(0).intervalMs()) + " ms interval (media.csv).")));
        return figures;
    }

    private void summaryTable(HtmlPage page) {
        List<String> header = new ArrayList<>(List.of("group", "runs", "failed"));
        for (Metric metric : BOX_METRICS) {
            header.add(name(metric) + " median [CI]");
            header.add("p95");
        }
        header.addAll(List.of("used TURN", "reached failed"));
        List<List<String>> rows = new ArrayList<>();
        for (GroupSummary summary : perCallSummaries()) {
            List<String> row = new ArrayList<>(List.of(GroupLabels.of(summary.group()), Integer.toString(summary.runs()),
                    Integer.toString(summary.failed())));
            for (Metric metric : BOX_METRICS) {
                Distribution d = summary.metrics().get(metric.column());
                row.add(d.median() == null ? "–" : number(d.median()) + (d.medianCi95() == null ? ""
                        : " [" + number(d.medianCi95().low()) + ", " + number(d.medianCi95().high()) + "]"));
                row.add(d.p95() == null ? "–" : number(d.p95()));
            }
            row.add(percent(summary.proportions().get(Metric.USED_TURN.column())));
            row.add(percent(summary.proportions().get(org.icesim.stats.Summaries.REACHED_FAILED)));
            rows.add(row);
        }
        page.table(header, rows);
    }

    private List<GroupSummary> perCallSummaries() {
        return results.summary().groups().stream().filter(s -> !fleetLabels.contains(GroupLabels.of(s.group()))).toList();
    }

    private void save(JFreeChart chart, String file, int width, int height) throws IOException {
        ChartStyle.save(chart, directory.resolve(file), width, height);
    }

    /** "restart latency" for restart_latency_ms. */
    static String name(Metric metric) {
        return metric.column().replaceFirst("_ms$", "").replace('_', ' ');
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(Proportion share) {
        return share.proportion() == null ? "–" : String.format(Locale.ROOT, "%.0f %% (%d/%d)", 100 * share.proportion(),
                share.successes(), share.trials());
    }
}
