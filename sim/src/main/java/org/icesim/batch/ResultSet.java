package org.icesim.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.icesim.stats.GroupKey;
import org.icesim.stats.GroupRuns;
import org.icesim.stats.RunValues;
import org.icesim.stats.Summaries;
import org.icesim.stats.SummaryJson;

/**
 * The runs of a result directory, read back from its runs.csv.
 *
 * @param batch the batch name (from manifest.json if there is one, else from the rows, else the directory name)
 */
public record ResultSet(Path directory, String batch, List<String> parameterColumns, List<RunRow> rows) {

    public ResultSet {
        parameterColumns = List.copyOf(parameterColumns);
        rows = List.copyOf(rows);
    }

    public static ResultSet read(Path directory) throws IOException, BatchException {
        Path runs = directory.resolve(ResultFiles.RUNS);
        if (!Files.isRegularFile(runs)) {
            String hint = Files.exists(directory.resolve(ResultFiles.JOURNAL))
                    ? " (the batch there is not complete: continue it with icesim batch ... --resume --out " + directory + ")"
                    : "";
            throw new BatchException("no " + ResultFiles.RUNS + " in " + directory + hint);
        }
        List<RunRow> rows = new ArrayList<>();
        List<String> parameters;
        try (MappingIterator<List<String>> reader = ResultFiles.csvReader(runs)) {
            if (!reader.hasNext()) {
                throw new BatchException(runs + " is empty: a runs.csv starts with its header");
            }
            List<String> header = reader.next();
            parameters = ResultFiles.parameterColumns(header, runs);
            Map<Metric, Integer> metricColumns = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                int column = header.indexOf(metric.column());
                if (column >= 0) {
                    metricColumns.put(metric, column);
                }
            }
            int line = 1;
            while (reader.hasNext()) {
                line++;
                rows.add(row(reader.next(), header.size(), parameters, header.indexOf("seed_index"), metricColumns, runs, line));
            }
        }
        Path manifest = directory.resolve(ResultFiles.MANIFEST);
        String batch = Files.isRegularFile(manifest) ? Manifest.read(manifest).batch()
                : rows.isEmpty() ? String.valueOf(directory.toAbsolutePath().normalize().getFileName()) : rows.get(0).batch();
        return new ResultSet(directory, batch, parameters, rows);
    }

    /** The runs grouped by scenario and sweep point, groups in order of their first run. */
    public List<GroupRuns> groups() {
        return groups(rows);
    }

    public static List<GroupRuns> groups(List<RunRow> rows) {
        Map<String, GroupKey> keys = new LinkedHashMap<>();
        Map<String, List<RunValues>> runs = new LinkedHashMap<>();
        for (RunRow row : rows) {
            GroupKey key = row.group();
            keys.putIfAbsent(key.id(), key);
            runs.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(row.values());
        }
        return keys.entrySet().stream().map(e -> new GroupRuns(e.getValue(), runs.get(e.getKey()))).toList();
    }

    /** The statistics of every group, as summary.json holds them. */
    public SummaryJson summary() {
        return new SummaryJson(batch, Summaries.of(groups()));
    }

    /** Writes (replaces) the directory's summary.json and returns its content. */
    public SummaryJson writeSummary() throws IOException {
        SummaryJson summary = summary();
        AtomicFile.write(directory.resolve(ResultFiles.SUMMARY), summary.bytes(), FileChannels.DISK);
        return summary;
    }

    /** @param seedIndex the column of seed_index: after the swept columns and their numeric companions */
    private static RunRow row(List<String> cells, int columns, List<String> parameters, int seedIndex,
            Map<Metric, Integer> metricColumns, Path file, int line) throws BatchException {
        if (cells.size() != columns) {
            throw new BatchException(file + ": row " + line + " has " + cells.size() + " cells, the header " + columns);
        }
        int leading = ResultFiles.LEADING.size();
        Map<String, String> swept = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            String value = cells.get(leading + i);
            if (!value.isEmpty()) {
                swept.put(parameters.get(i), value);
            }
        }
        Map<Metric, String> metrics = new EnumMap<>(Metric.class);
        metricColumns.forEach((metric, column) -> metrics.put(metric, cells.get(column)));
        String status = cells.get(seedIndex + 2);
        if (!status.equals(ResultFiles.OK) && !status.equals(ResultFiles.FAILED)) {
            throw new BatchException(file + ": row " + line + ": status must be ok or failed, was '" + status + "'");
        }
        try {
            return new RunRow(cells.get(0), cells.get(1), cells.get(2), cells.get(3), Integer.parseInt(cells.get(4)), swept,
                    Integer.parseInt(cells.get(seedIndex)), Long.parseLong(cells.get(seedIndex + 1)),
                    status.equals(ResultFiles.FAILED), cells.get(seedIndex + 3), metrics);
        } catch (NumberFormatException e) {
            throw new BatchException(file + ": row " + line + ": point, seed_index and seed must be whole numbers ("
                    + e.getMessage() + ")");
        }
    }
}
