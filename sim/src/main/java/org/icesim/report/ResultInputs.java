package org.icesim.report;

import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.icesim.batch.BatchException;
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

    /** Every row of load.csv, both scopes: a reader of totals takes the rows whose {@link LoadRow#fleet()} is true. */
    public static List<LoadRow> load(Path directory) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.LOAD);
        List<LoadRow> load = new ArrayList<>();
        int line = 1;
        for (List<String> cells : rows(file, ResultFiles.LOAD_COLUMNS)) {
            line++;
            String scope = cells.get(3);
            if (!scope.equals(ResultFiles.SCOPE_SERVER) && !scope.equals(ResultFiles.SCOPE_FLEET)) {
                throw new BatchException(file + ":" + line + ": scope must be " + ResultFiles.SCOPE_SERVER + " or "
                        + ResultFiles.SCOPE_FLEET + ", was '" + scope + "'");
            }
            try {
                load.add(new LoadRow(cells.get(0), Double.parseDouble(cells.get(1)), Double.parseDouble(cells.get(2)),
                        scope.equals(ResultFiles.SCOPE_FLEET), cells.get(4), Integer.parseInt(cells.get(5)),
                        Long.parseLong(cells.get(6)), Long.parseLong(cells.get(7)), Long.parseLong(cells.get(8)),
                        Double.parseDouble(cells.get(9)), Double.parseDouble(cells.get(10)),
                        cells.get(11).isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(cells.get(11))),
                        optionalInt(cells.get(12)), optionalInt(cells.get(13)), optionalInt(cells.get(14)),
                        optionalInt(cells.get(15))));
            } catch (NumberFormatException e) {
                throw new BatchException(file + ":" + line + ": every column after server must be a number or empty ("
                        + e.getMessage() + ")");
            }
        }
        return load;
    }

    /** Whether the result set has fleet-values.csv (it ran a fleet). */
    public static boolean hasFleetValues(Path directory) {
        return Files.isRegularFile(directory.resolve(ResultFiles.FLEET_VALUES));
    }

    /** fleet-values.csv: per run id, per metric column, the values in ms. */
    public static Map<String, Map<String, List<Double>>> fleetValues(Path directory) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.FLEET_VALUES);
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (List<String> cells : rows(file, ResultFiles.FLEET_VALUE_COLUMNS)) {
            values.computeIfAbsent(cells.get(0), run -> new LinkedHashMap<>())
                    .computeIfAbsent(cells.get(1), metric -> new ArrayList<>()).add(number(file, cells.get(2)));
        }
        return values;
    }

    private static OptionalInt optionalInt(String text) {
        return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
    }

    private static List<List<String>> rows(Path file, List<String> header) throws IOException, BatchException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> reader = ResultFiles.csvReader(file)) {
            if (!reader.hasNext() || !reader.next().equals(header)) {
                throw new BatchException(file + " must start with the header " + String.join(",", header));
            }
            while (reader.hasNext()) {
                List<String> cells = reader.next();
                if (cells.size() != header.size()) {
                    throw new BatchException(file + ": a row has " + cells.size() + " cells, the header " + header.size());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static double number(Path file, String text) throws BatchException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BatchException(file + ": times and values must be numbers, was '" + text + "'");
        }
    }
}
