package org.icesim.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.stats.GroupKey;
import org.icesim.stats.GroupRuns;
import org.icesim.stats.RunValues;
import org.icesim.stats.Summaries;
import org.icesim.stats.SummaryJson;

/**
 * The runs of a result directory, read back from its runs.csv by {@link ResultReader}.
 *
 * @param batch the batch name (from manifest.json if there is one, else from the rows, else the directory name)
 */
public record ResultSet(Path directory, String batch, List<String> parameterColumns, List<RunRow> rows) {

    public ResultSet {
        parameterColumns = List.copyOf(parameterColumns);
        rows = List.copyOf(rows);
    }

    /** Reads and checks the runs of a result directory: see {@link ResultReader#read(Path)}. */
    public static ResultSet read(Path directory) throws IOException, BatchException {
        return ResultReader.read(directory);
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
}
