package org.icesim.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
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
    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.json";
    /** Finished runs of a batch that is not complete yet; removed when the batch completes. */
    public static final String JOURNAL = "runs.journal";

    public static final List<String> EVENT_COLUMNS = List.of("run_id", "t_ms", "node", "kind", "detail");
    public static final List<String> LOAD_COLUMNS =
            List.of("run_id", "t_ms", "server", "live_allocations", "allocations", "relayed_bytes", "restarts",
                    "relayed_packets");

    static final List<String> LEADING = List.of("run_id", "batch", "scenario", "file", "point");
    static final List<String> MIDDLE = List.of("seed_index", "seed", "status", "error");
    static final String OK = "ok";
    static final String FAILED = "failed";

    private static final CsvMapper CSV = new CsvMapper();

    private ResultFiles() {
    }

    /** The header of runs.csv for a batch with these swept key paths. */
    public static List<String> runsHeader(List<String> parameterColumns) {
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(parameterColumns);
        header.addAll(MIDDLE);
        for (Metric metric : Metric.values()) {
            header.add(metric.column());
        }
        return header;
    }

    public static List<String> runsCells(RunRow row, List<String> parameterColumns) {
        List<String> cells = new ArrayList<>(List.of(row.runId(), row.batch(), row.scenario(), row.file(),
                Integer.toString(row.point())));
        for (String column : parameterColumns) {
            cells.add(row.parameters().getOrDefault(column, ""));
        }
        cells.addAll(List.of(Integer.toString(row.seedIndex()), Long.toString(row.seed()), row.failed() ? FAILED : OK,
                row.error()));
        for (Metric metric : Metric.values()) {
            cells.add(row.metrics().getOrDefault(metric, ""));
        }
        return cells;
    }

    public static List<String> eventCells(String runId, RecordedEvent event) {
        return List.of(runId, RunResult.millisText(event.timeNanos()), event.node(), event.kind().csvName(), event.detail());
    }

    public static List<String> loadCells(String runId, LoadSample sample) {
        return List.of(runId, RunResult.millisText(sample.timeNanos()), sample.server(),
                Integer.toString(sample.liveAllocations()), Long.toString(sample.allocations()),
                Long.toString(sample.relayedBytes()), Long.toString(sample.restarts()),
                Long.toString(sample.relayedPackets()));
    }

    /** A writer of CSV rows (lists of cells) to {@code out}; closing it does not close {@code out}. */
    public static SequenceWriter csvWriter(OutputStream out) throws IOException {
        return CSV.writer(CsvSchema.emptySchema())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
    }

    /** The swept key paths named in a runs.csv header: the columns between {@code point} and {@code seed_index}. */
    public static List<String> parameterColumns(List<String> header, Path file) throws BatchException {
        int from = header.indexOf("point");
        int to = header.indexOf("seed_index");
        if (!header.subList(0, Math.min(header.size(), LEADING.size())).equals(LEADING) || from != LEADING.size() - 1
                || to < from || header.size() < to + MIDDLE.size() || !header.subList(to, to + MIDDLE.size()).equals(MIDDLE)) {
            throw new BatchException(file + ":1:1: not a runs.csv of icesim: its header must start with "
                    + String.join(",", LEADING) + ", then swept parameters, then " + String.join(",", MIDDLE));
        }
        return List.copyOf(header.subList(from + 1, to));
    }
}
