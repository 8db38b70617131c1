package org.icesim.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunResult;

/**
 * The files of a result set (see docs/results-format.md) and their CSV layout: UTF-8, {@code \n} line
 * ends, RFC 4180 quoting only where a value needs it, a header row.
 */
public final class ResultFiles {

    public static final String RUNS = "runs.csv";
    public static final String EVENTS = "events.csv";
    public static final String LOAD = "load.csv";
    /** The media each peer of a call received per interval, written with events.csv. */
    public static final String MEDIA = "media.csv";
    /** Every restart latency and recovery of the fleet runs of a batch, behind their percentiles in runs.csv. */
    public static final String FLEET_VALUES = "fleet-values.csv";
    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.json";
    /** Finished runs of a batch that is not complete yet; removed when the batch completes. */
    public static final String JOURNAL = "runs.journal";

    public static final List<String> EVENT_COLUMNS = List.of("run_id", "t_ms", "node", "kind", "detail", "since_reference_ms");
    public static final List<String> LOAD_COLUMNS = LoadTable.COLUMNS;
    public static final List<String> MEDIA_COLUMNS =
            List.of("run_id", "t_ms", "interval_ms", "peer", "packets", "bytes", "mbps", "pps");
    public static final List<String> FLEET_VALUE_COLUMNS = List.of("run_id", "metric", "value_ms");
    /** The scope of load.csv's rows of one TURN server, and of the run's totals. */
    public static final String SCOPE_SERVER = LoadTable.SERVER;
    public static final String SCOPE_FLEET = LoadTable.FLEET;

    static final List<String> LEADING = List.of("run_id", "batch", "scenario", "file", "point");
    static final List<String> MIDDLE = List.of("seed_index", "seed", "status", "error");
    static final String OK = "ok";
    static final String FAILED = "failed";

    /** Every file a result set may have, the lock file aside. */
    private static final List<String> ALL = List.of(RUNS, EVENTS, MEDIA, LOAD, FLEET_VALUES, SUMMARY, MANIFEST, JOURNAL);

    private static final CsvMapper CSV = new CsvMapper();

    private ResultFiles() {
    }

    /** The header of runs.csv for a batch with these swept key paths and their numeric companions. */
    public static List<String> runsHeader(List<String> parameterColumns, SweepNumbers numbers) {
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(parameterColumns);
        header.addAll(numbers.names());
        header.addAll(MIDDLE);
        for (Metric metric : Metric.values()) {
            header.add(metric.column());
        }
        return header;
    }

    public static List<String> runsCells(RunRow row, List<String> parameterColumns, SweepNumbers numbers) {
        List<String> cells = new ArrayList<>(List.of(row.runId(), row.batch(), row.scenario(), row.file(),
                Integer.toString(row.point())));
        for (String column : parameterColumns) {
            cells.add(row.parameters().getOrDefault(column, ""));
        }
        cells.addAll(numbers.cells(row.parameters()));
        cells.addAll(List.of(Integer.toString(row.seedIndex()), Long.toString(row.seed()), row.failed() ? FAILED : OK,
                row.error()));
        for (Metric metric : Metric.values()) {
            MetricValue value = row.metrics().get(metric);
            cells.add(value == null ? "" : value.text());
        }
        return cells;
    }

    /** An events.csv row; {@code referenceNanos} is the run's reference instant (runs.csv reference_ms), if it has one. */
    public static List<String> eventCells(String runId, RecordedEvent event, OptionalLong referenceNanos) {
        return List.of(runId, RunResult.millisText(event.timeNanos()), event.node(), event.kind().csvName(), event.detail().text(),
                referenceNanos.isPresent() ? RunResult.millisText(event.timeNanos() - referenceNanos.getAsLong()) : "");
    }

    /** A media.csv row: what {@code sample}'s peer received in its interval, and as rates rounded like load.csv's. */
    public static List<String> mediaCells(String runId, MediaSample sample) {
        return List.of(runId, RunResult.millisText(sample.timeNanos()), RunResult.millisText(sample.intervalNanos()),
                sample.peer(), Long.toString(sample.packets()), Long.toString(sample.bytes()),
                LoadTable.megabitsPerSecond(sample.bytes(), sample.intervalNanos()),
                LoadTable.perSecond(sample.packets(), sample.intervalNanos()));
    }

    /** A run's reference instant from its runs.csv metrics, in nanoseconds. */
    public static OptionalLong referenceNanos(Map<Metric, MetricValue> metrics) {
        return metrics.get(Metric.REFERENCE_MS) instanceof MetricValue.Instant reference
                ? OptionalLong.of(reference.nanos()) : OptionalLong.empty();
    }

    /** The rows of load.csv of one run: per server and the run's totals at each sample time. */
    public static List<List<String>> loadRows(String runId, List<LoadSample> load, FleetFigures fleet, long intervalNanos) {
        return LoadTable.rows(runId, load, fleet, intervalNanos);
    }

    /** The rows of fleet-values.csv of one run: its restart latencies, then its recoveries, each in ascending order. */
    public static List<List<String>> fleetValueRows(String runId, FleetFigures fleet) {
        List<List<String>> rows = new ArrayList<>();
        fleet.restartLatencyNanos().stream().sorted()
                .forEach(v -> rows.add(List.of(runId, Metric.RESTART_LATENCY_MS.column(), RunResult.millisText(v))));
        fleet.recoveryNanos().stream().sorted()
                .forEach(v -> rows.add(List.of(runId, Metric.RECOVERY_MS.column(), RunResult.millisText(v))));
        return rows;
    }

    /** A writer of CSV rows (lists of cells) to {@code out}; closing it does not close {@code out}. */
    public static SequenceWriter csvWriter(OutputStream out) throws IOException {
        return CSV.writer(CsvSchema.emptySchema())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
    }

    /**
     * The swept key paths named in a runs.csv header: the columns between {@code point} and
     * {@code seed_index}, less their numeric companions ({@link SweepNumbers}).
     */
    public static List<String> parameterColumns(List<String> header, Path file) throws BatchException {
        int from = header.indexOf("point");
        int to = header.indexOf("seed_index");
        if (!header.subList(0, Math.min(header.size(), LEADING.size())).equals(LEADING) || from != LEADING.size() - 1
                || to < from || header.size() < to + MIDDLE.size() || !header.subList(to, to + MIDDLE.size()).equals(MIDDLE)) {
            throw new BatchException(file + ":1:1: not a runs.csv of icesim: its header must start with "
                    + String.join(",", LEADING) + ", then swept parameters, then " + String.join(",", MIDDLE));
        }
        return header.subList(from + 1, to).stream().filter(c -> !SweepNumbers.isCompanion(c)).toList();
    }

    /** Whether a directory holds a result set, whole or in progress. */
    public static boolean holdsResults(Path directory) {
        return Files.exists(directory.resolve(MANIFEST)) || Files.exists(directory.resolve(JOURNAL))
                || Files.exists(directory.resolve(RUNS));
    }

    /** Deletes every file of the result set in a directory (and their half-written replacements), so nothing mixes. */
    static void deleteResults(Path directory) throws IOException {
        for (String name : ALL) {
            Files.deleteIfExists(directory.resolve(name));
            Files.deleteIfExists(directory.resolve(name + ".tmp"));
        }
    }

    /**
     * A directory's measurement sets: the directory itself when it holds {@code file}, else its
     * subdirectories that do (a real baseline keeps one testbed result set per subdirectory), in name
     * order; empty when neither.
     */
    public static List<Path> setsHolding(Path directory, String file) throws IOException {
        if (Files.isRegularFile(directory.resolve(file))) {
            return List.of(directory);
        }
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(set -> Files.isRegularFile(set.resolve(file))).sorted().toList();
        }
    }
}
