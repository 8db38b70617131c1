package org.icesim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultCsv;
import org.icesim.batch.ResultFiles;

/** Reads the optional files of a result set: events.csv, media.csv, load.csv and fleet-values.csv. */
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

    /**
     * The media each peer of one run received per interval, in file order (time order); empty when
     * the result set has no media.csv (a batch made before media was sampled, or on real stacks).
     */
    public static List<MediaRow> media(Path directory, String runId) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.MEDIA);
        List<MediaRow> media = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return media;
        }
        for (ResultCsv.Row row : rows(file, ResultFiles.MEDIA_COLUMNS)) {
            if (row.cell(0).equals(runId)) {
                media.add(new MediaRow(row.cell(0), row.decimal(1, "t_ms"), row.decimal(2, "interval_ms"), row.cell(3),
                        row.wholeNumber(4, "packets"), row.wholeNumber(5, "bytes"), row.decimal(6, "mbps")));
            }
        }
        return media;
    }

    /** Whether the result set has a load.csv (a batch made with --load-interval). */
    public static boolean hasLoad(Path directory) {
        return Files.isRegularFile(directory.resolve(ResultFiles.LOAD));
    }

    /** Every row of load.csv, both scopes: a reader of totals takes the rows whose {@link LoadRow#fleet()} is true. */
    public static List<LoadRow> load(Path directory) throws IOException, BatchException {
        Path file = directory.resolve(ResultFiles.LOAD);
        List<LoadRow> load = new ArrayList<>();
        Map<List<String>, Integer> lineOfRow = new HashMap<>();
        for (ResultCsv.Row row : rows(file, ResultFiles.LOAD_COLUMNS)) {
            String scope = row.cell(3);
            if (!scope.equals(ResultFiles.SCOPE_SERVER) && !scope.equals(ResultFiles.SCOPE_FLEET)) {
                throw row.problem(3, "scope", "must be " + ResultFiles.SCOPE_SERVER + " or " + ResultFiles.SCOPE_FLEET
                        + ", was '" + scope + "'");
            }
            // One row per run, instant, scope and server: a repeated one would be counted twice.
            Integer first = lineOfRow.putIfAbsent(List.of(row.cell(0), row.cell(1), scope, row.cell(4)), row.line());
            if (first != null) {
                throw row.problem(0, "run_id", "run " + row.cell(0) + " has a second " + scope + " row"
                        + (row.cell(4).isEmpty() ? "" : " for " + row.cell(4)) + " at t_ms " + row.cell(1)
                        + " (first at line " + first + ")");
            }
            load.add(new LoadRow(row.cell(0), row.decimal(1, "t_ms"), row.decimal(2, "interval_ms"),
                    scope.equals(ResultFiles.SCOPE_FLEET), row.cell(4), row.smallWholeNumber(5, "live_allocations"),
                    row.wholeNumber(6, "allocations"), row.wholeNumber(7, "relayed_bytes"),
                    row.wholeNumber(8, "relayed_packets"), row.decimal(9, "relayed_mbps"), row.decimal(10, "relayed_pps"),
                    row.cell(11).isEmpty() ? OptionalLong.empty() : OptionalLong.of(row.wholeNumber(11, "restarts")),
                    optionalInt(row, 12, "calls_started"), optionalInt(row, 13, "calls_connected"),
                    optionalInt(row, 14, "calls_up"), optionalInt(row, 15, "calls_relayed")));
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
        for (ResultCsv.Row row : rows(file, ResultFiles.FLEET_VALUE_COLUMNS)) {
            values.computeIfAbsent(row.cell(0), run -> new LinkedHashMap<>())
                    .computeIfAbsent(row.cell(1), metric -> new ArrayList<>()).add(row.decimal(2, "value_ms"));
        }
        return values;
    }

    private static OptionalInt optionalInt(ResultCsv.Row row, int cell, String column) throws BatchException {
        return row.cell(cell).isEmpty() ? OptionalInt.empty() : OptionalInt.of(row.smallWholeNumber(cell, column));
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
