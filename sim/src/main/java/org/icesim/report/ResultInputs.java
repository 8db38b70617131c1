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
        for (List<String> cells : rows(file, ResultFiles.EVENT_COLUMNS)) {
            if (cells.get(0).equals(runId)) {
                events.add(new EventRow(cells.get(0), number(file, cells.get(1)), cells.get(2), cells.get(3), cells.get(4)));
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
        for (List<String> cells : rows(file, ResultFiles.LOAD_COLUMNS)) {
            try {
                load.add(new LoadRow(cells.get(0), number(file, cells.get(1)), cells.get(2), Integer.parseInt(cells.get(3)),
                        Long.parseLong(cells.get(5))));
            } catch (NumberFormatException e) {
                throw new BatchException(file + ": live_allocations and relayed_bytes must be whole numbers ("
                        + e.getMessage() + ")");
            }
        }
        return load;
    }

    private static List<List<String>> rows(Path file, List<String> header) throws IOException, BatchException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultCsv csv = ResultCsv.open(file)) {
            ResultCsv.Row first = csv.next();
            if (first == null || !first.cells().equals(header)) {
                throw new BatchException(file + ":1:1: must start with the header " + String.join(",", header));
            }
            for (ResultCsv.Row row = csv.next(); row != null; row = csv.next()) {
                row.requireWidth(header);
                rows.add(row.cells());
            }
        }
        return rows;
    }

    private static double number(Path file, String text) throws BatchException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BatchException(file + ": t_ms must be a number, was '" + text + "'");
        }
    }
}
