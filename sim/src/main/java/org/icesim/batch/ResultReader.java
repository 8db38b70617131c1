package org.icesim.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.stats.Json;

/**
 * The one reader of a result directory, for every command that reads one (summary, report,
 * compare, merge, a resumed batch). It trusts nothing: runs.csv must have the layout of
 * docs/results-format.md, a number where a number belongs (no NaN, no text), each run once, and
 * every run must be one that manifest.json's batch planned, with the seed it planned; manifest.json
 * must be a whole manifest. Each problem is a {@link BatchException} naming the file, the line and
 * column and what is allowed, never a parser's exception.
 */
public final class ResultReader {

    /** A duration in milliseconds as results write it: an exact decimal of whole nanoseconds. */

    private ResultReader() {
    }

    /**
     * Reads and checks the runs of a result directory: its runs.csv, against its manifest.json when
     * it has one (a directory without a manifest, such as a runs.csv made by hand, is checked on its
     * own: layout, values, one row per run, one batch).
     *
     * @throws BatchException the directory is not a complete result set, or a file is damaged or
     *                        belongs to another batch; the message names file, line and column
     */
    public static ResultSet read(Path directory) throws IOException, BatchException {
        Path runs = directory.resolve(ResultFiles.RUNS);
        if (!Files.isRegularFile(runs)) {
            String hint = Files.exists(directory.resolve(ResultFiles.JOURNAL))
                    ? " (the batch there is not complete: continue it with icesim batch ... --resume --out " + directory + ")"
                    : "";
            throw new BatchException("no " + ResultFiles.RUNS + " in " + directory + hint);
        }
        Path manifestFile = directory.resolve(ResultFiles.MANIFEST);
        Manifest manifest = Files.exists(manifestFile) ? manifest(manifestFile) : null;
        if (manifest != null && !manifest.complete()) {
            throw new BatchException(manifestFile + ": batch '" + manifest.batch() + "' is not complete, so its "
                    + ResultFiles.RUNS + " is not its result; continue it with icesim batch ... --resume --out " + directory);
        }
        RunsFile parsed = readRuns(runs, manifest == null ? null : new Planned(manifest));
        if (manifest != null) {
            if (parsed.rows().size() != manifest.runs()) {
                throw new BatchException(runs + " holds " + parsed.rows().size() + " runs, but " + manifestFile
                        + " says batch '" + manifest.batch() + "' has " + manifest.runs() + ": the files do not belong together");
            }
            long failed = parsed.rows().stream().filter(RunRow::failed).count();
            if (failed != manifest.runsFailed()) {
                throw new BatchException(runs + " holds " + failed + " failed runs, but " + manifestFile + " says "
                        + manifest.runsFailed() + ": the files do not belong together");
            }
        }
        String batch = manifest != null ? manifest.batch()
                : parsed.rows().isEmpty() ? String.valueOf(directory.toAbsolutePath().normalize().getFileName())
                : parsed.rows().get(0).batch();
        return new ResultSet(directory, batch, parsed.parameterColumns(), parsed.rows());
    }

    /**
     * Reads and checks a manifest.json.
     *
     * @throws BatchException it is not JSON, not a manifest, or lacks a field a manifest must have;
     *                        the message names the file, line, column and key
     */
    public static Manifest manifest(Path file) throws IOException, BatchException {
        if (!Files.isRegularFile(file)) {
            throw new BatchException(file + " is not a regular file");
        }
        Manifest manifest;
        try {
            manifest = Json.mapper().readValue(file.toFile(), Manifest.class);
        } catch (CharConversionException e) {
            throw new BatchException(file + ": not a manifest of icesim: not UTF-8 text (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new BatchException(file + ":" + located(e) + ": not a manifest of icesim: " + reason(e));
        }
        if (manifest == null || manifest.batch() == null || manifest.planFingerprint() == null || manifest.shard() == null
                || manifest.options() == null || manifest.started() == null || manifest.runs() < 0
                || manifest.runsFailed() < 0 || manifest.batchRuns() < manifest.runs()) {
            throw new BatchException(file + ":1:1: not a manifest of icesim: it needs batch, plan_fingerprint, shard, "
                    + "options, started, and counts with 0 <= runs_failed, 0 <= runs <= batch_runs");
        }
        for (PlanGroup group : manifest.groups()) {
            if (group == null || group.scenario() == null || group.point() < 0 || group.seeds() < 0) {
                throw new BatchException(file + ":1:1: groups: every group needs a scenario, a point >= 0 and seeds >= 0");
            }
        }
        return manifest;
    }

    /** Where a JSON parser stopped, as line:column (1:1 if it does not say). */
    private static String located(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "1:1" : at.getLineNr() + ":" + Math.max(1, at.getColumnNr());
    }

    /** What a JSON parser or binder found wrong, with the key path, without its class names. */
    private static String reason(JsonProcessingException e) {
        String path = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
        }
        Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : null;
        String text;
        if (e instanceof ValueInstantiationException) {
            // A record refused its fields: a list or a name missing (null), or a value out of range.
            text = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
                    : "a field it must have is missing or null";
        } else {
            text = e.getOriginalMessage() != null ? e.getOriginalMessage() : "not valid JSON";
        }
        text = text.replaceAll("`?(java\\.lang\\.|java\\.util\\.|org\\.icesim\\.batch\\.)", "`").replace("``", "`");
        int end = text.indexOf('\n');
        return path + (end < 0 ? text : text.substring(0, end));
    }

    /** runs.csv's parameter columns and rows. */
    private record RunsFile(List<String> parameterColumns, List<RunRow> rows) {
    }

    private static RunsFile readRuns(Path file, Planned planned) throws IOException, BatchException {
        List<RunRow> rows = new ArrayList<>();
        List<String> parameters;
        try (ResultCsv csv = ResultCsv.open(file)) {
            ResultCsv.Row header = csv.next();
            if (header == null) {
                throw new BatchException(file + " is empty: a runs.csv starts with its header");
            }
            parameters = ResultFiles.parameterColumns(header.cells(), file);
            Map<Integer, Metric> metricColumns = metricColumns(header);
            Map<String, Integer> lineOfRun = new HashMap<>();
            String batch = planned != null ? planned.manifest().batch() : null;
            for (ResultCsv.Row row = csv.next(); row != null; row = csv.next()) {
                row.requireWidth(header.cells());
                RunRow run = row(row, header.cells(), parameters, metricColumns);
                if (batch == null) {
                    batch = run.batch();
                }
                if (!run.batch().equals(batch)) {
                    throw row.problem(1, "batch", "the run belongs to batch " + ResultCsv.quote(run.batch()) + ", the "
                            + (planned != null ? ResultFiles.MANIFEST : "first row") + " to " + ResultCsv.quote(batch));
                }
                Integer earlier = lineOfRun.putIfAbsent(run.runId(), row.line());
                if (earlier != null) {
                    throw row.problem(0, "run_id", "run " + ResultCsv.quote(run.runId()) + " appears again (first at line "
                            + earlier + "): each run has one row");
                }
                if (planned != null) {
                    planned.check(row, run, header.cells().indexOf("seed"));
                }
                rows.add(run);
            }
        }
        return new RunsFile(parameters, rows);
    }

    /** The metric named by each column after the fixed ones; every other column is an error. */
    private static Map<Integer, Metric> metricColumns(ResultCsv.Row header) throws BatchException {
        Map<String, Metric> byName = new HashMap<>();
        for (Metric metric : Metric.values()) {
            byName.put(metric.column(), metric);
        }
        Map<Integer, Metric> columns = new LinkedHashMap<>();
        Map<Metric, Integer> seen = new EnumMap<>(Metric.class);
        int first = header.cells().indexOf("seed_index") + ResultFiles.MIDDLE.size();
        for (int i = first; i < header.cells().size(); i++) {
            String name = header.cell(i);
            Metric metric = byName.get(name);
            if (metric == null) {
                throw header.problem(i, "header", ResultCsv.quote(name) + " is not a metric of icesim; after "
                        + String.join(",", ResultFiles.MIDDLE) + " come only metric columns (docs/results-format.md)");
            }
            if (seen.put(metric, i) != null) {
                throw header.problem(i, "header", "column " + ResultCsv.quote(name) + " appears twice");
            }
            columns.put(i, metric);
        }
        return columns;
    }

    private static RunRow row(ResultCsv.Row row, List<String> header, List<String> parameters,
            Map<Integer, Metric> metricColumns) throws BatchException {
        // Swept values by their header position: numeric companions (SweepNumbers) may sit between them.
        Map<String, String> swept = new LinkedHashMap<>();
        for (String parameter : parameters) {
            String value = row.cell(header.indexOf(parameter));
            if (!value.isEmpty()) {
                swept.put(parameter, value);
            }
        }
        int seedIndexColumn = header.indexOf("seed_index");
        String status = row.cell(seedIndexColumn + 2);
        if (!status.equals(ResultFiles.OK) && !status.equals(ResultFiles.FAILED)) {
            throw row.problem(seedIndexColumn + 2, "status", "must be ok or failed, was " + ResultCsv.quote(status));
        }
        boolean failed = status.equals(ResultFiles.FAILED);
        Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
        for (Map.Entry<Integer, Metric> column : metricColumns.entrySet()) {
            String text = row.cell(column.getKey());
            Metric metric = column.getValue();
            if (text.isEmpty()) {
                continue;
            }
            if (failed) {
                throw row.problem(column.getKey(), metric.column(), "a failed run has no metric values, was "
                        + ResultCsv.quote(text));
            }
            try {
                metrics.put(metric, MetricValue.parse(metric, text));
            } catch (IllegalArgumentException e) {
                throw row.problem(column.getKey(), metric.column(), e.getMessage() + ", was " + ResultCsv.quote(text));
            }
        }
        String runId = row.cell(0);
        String scenario = row.cell(2);
        int point = row.smallWholeNumber(4, "point");
        int seedIndex = row.smallWholeNumber(seedIndexColumn, "seed_index");
        long seed;
        try {
            seed = Long.parseLong(row.cell(seedIndexColumn + 1));
        } catch (NumberFormatException e) {
            throw row.problem(seedIndexColumn + 1, "seed", "must be a whole number (a 64-bit seed), was "
                    + ResultCsv.quote(row.cell(seedIndexColumn + 1)));
        }
        if (!runId.equals(RunSpec.runId(scenario, point, seedIndex))) {
            throw row.problem(0, "run_id", "must be <scenario>/p<point>/s<seed_index> of its row, "
                    + ResultCsv.quote(RunSpec.runId(scenario, point, seedIndex)) + ", was " + ResultCsv.quote(runId));
        }
        return new RunRow(runId, row.cell(1), scenario, row.cell(3), point, swept, seedIndex, seed, failed,
                row.cell(seedIndexColumn + 3), metrics);
    }

    /** The runs a manifest's batch planned for its directory: each run is checked to be one of them. */
    private static final class Planned {
        private final Manifest manifest;
        private final Map<String, PlanGroup> groups = new HashMap<>();
        private final Map<String, Integer> firstPosition = new HashMap<>();
        private final Map<String, String> scenarioOfFile = new HashMap<>();

        Planned(Manifest manifest) {
            this.manifest = manifest;
            int position = 0;
            for (PlanGroup group : manifest.groups()) {
                String id = group.scenario() + "/p" + group.point();
                groups.put(id, group);
                firstPosition.put(id, position);
                position += group.seeds();
            }
            for (PlanFile file : manifest.files()) {
                scenarioOfFile.put(file.file(), file.scenario());
            }
        }

        Manifest manifest() {
            return manifest;
        }

        void check(ResultCsv.Row row, RunRow run, int seedColumn) throws BatchException {
            String batch = "batch '" + manifest.batch() + "' of " + ResultFiles.MANIFEST;
            if (!run.scenario().equals(scenarioOfFile.get(run.file()))) {
                throw row.problem(3, "file", "scenario " + ResultCsv.quote(run.scenario()) + " from "
                        + ResultCsv.quote(run.file()) + " is not a scenario file of " + batch);
            }
            String id = run.scenario() + "/p" + run.point();
            PlanGroup group = groups.get(id);
            if (group == null || run.seedIndex() >= group.seeds()) {
                throw row.problem(0, "run_id", "run " + ResultCsv.quote(run.runId()) + " is not a run of " + batch);
            }
            if (!group.parameters().equals(run.parameters())) {
                throw row.problem(ResultFiles.LEADING.size(), "parameters", "the run's swept values " + run.parameters()
                        + " are not those of group " + id + " in " + ResultFiles.MANIFEST + ", " + group.parameters());
            }
            long expected = manifest.options().runSeed() != null ? manifest.options().runSeed()
                    : RandomStreams.replicationSeed(group.baseSeed(), run.seedIndex());
            if (run.seed() != expected) {
                throw row.problem(seedColumn, "seed", "run " + run.runId() + " of "
                        + batch + " has seed " + expected + ", was " + run.seed());
            }
            int position = firstPosition.get(id) + run.seedIndex();
            if (!manifest.shard().contains(position)) {
                throw row.problem(0, "run_id", "run " + ResultCsv.quote(run.runId()) + " is not in shard "
                        + manifest.shard() + " of " + batch);
            }
        }
    }
}
