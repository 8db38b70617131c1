package org.icesim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultCsv;
import org.icesim.batch.ResultFiles;

/** Reads the optional files of a result set: events.csv and load.csv. */
public final class ResultInputs {

    private ResultInputs() {
    }

    /** The events of one run, in file order (time order); empty if the run recorded none. */
    public static List<EventRow> events(Path directory, String runId) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.EVENTS);
        if (!Files.isRegularFile(file)) {
            throw new BatchException("no " + ResultFiles.EVENTS + " in " + directory
                    + ": a run's timeline needs a batch made with --events");
        }
        List<EventRow> events = new ArrayList<>();
        for (ResultCsv.Row row : rows(file, ResultFiles.EVENT_COLUMNS)) {
            if (row.cell(0).equals(runId)) {
                events.add(new EventRow(row.cell(0), row.decimal(1, "t_ms"), row.cell(2), row.cell(3), row.cell(4)));
            }
        }
        return events;
    }

    /** Whether the result set has a load.csv (a batch made with --load-interval). */
    public static boolean hasLoad(Path directory) {
        return Files.isRegularFile(directory.resolve(ResultFiles.LOAD));
    }

    public static List<LoadRow> load(Path directory) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.LOAD);
        List<LoadRow> load = new ArrayList<>();
        for (ResultCsv.Row row : rows(file, ResultFiles.LOAD_COLUMNS)) {
            load.add(new LoadRow(row.cell(0), row.decimal(1, "t_ms"), row.cell(2), row.smallWholeNumber(3, "live_allocations"),
                    row.wholeNumber(5, "relayed_bytes")));
        }
        return load;
    }

    private static List<ResultCsv.Row> rows(Path file, List<String> header) throws IOException, BatchException {
        List<ResultCsv.Row> rows = new ArrayList<>();
        try (ResultCsv csv = ResultCsv.open(file)) {
            ResultCsv.Row first = csv.next();
            if (first == null || !first.cells().equals(header)) {
                throw new BatchException(file + ":1:1: must start with the header " + String.join(",", header));
            }
            for (ResultCsv.Row row = csv.next(); row != null; row = csv.next()) {
                row.requireWidth(header);
                rows.add(row);
            }
        }
        return rows;
    }
}
