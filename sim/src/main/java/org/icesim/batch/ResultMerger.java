package org.icesim.batch;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.icesim.stats.GroupSummary;
import org.icesim.stats.Summaries;
import org.icesim.stats.SummaryJson;

/**
 * Combines the shard directories of one batch into one result set, the same bytes (runs.csv,
 * events.csv, media.csv, load.csv, summary.json) as the batch run unsharded. Shards are checked to belong
 * together: the same batch fingerprint, every shard of the same count exactly once, each complete.
 */
public final class ResultMerger {

    private ResultMerger() {
    }

    /**
     * @param overwrite whether results already in {@code out} may be replaced (all of them: a
     *                  directory never mixes the files of two batches); without it they are never touched
     * @throws BatchException the shards do not make one whole batch, a shard's files are damaged, or
     *                        {@code out} holds results (without {@code overwrite}) or is being written
     */
    public static Completion merge(List<Path> shardDirectories, Path out, Provenance provenance, boolean overwrite)
            throws IOException, BatchException {
        if (shardDirectories.isEmpty()) {
            throw new BatchException("no shard directories given");
        }
        Map<Integer, Path> byIndex = new TreeMap<>();
        List<Manifest> manifests = new ArrayList<>();
        Manifest first = null;
        for (Path dir : shardDirectories) {
            Path manifestFile = dir.resolve(ResultFiles.MANIFEST);
            if (!Files.isRegularFile(manifestFile)) {
                throw new BatchException(dir + " is not a result directory: it has no " + ResultFiles.MANIFEST);
            }
            Manifest manifest = ResultReader.manifest(manifestFile);
            if (!manifest.complete()) {
                throw new BatchException(dir + " holds shard " + manifest.shard() + ", which is not complete: finish it "
                        + "with the same icesim batch command and --resume");
            }
            if (first == null) {
                first = manifest;
            } else if (!manifest.planFingerprint().equals(first.planFingerprint())) {
                throw new BatchException(dir + " holds a shard of batch '" + manifest.batch() + "' planned differently from "
                        + shardDirectories.get(0) + " (batch '" + first.batch() + "'): they are not shards of one batch");
            } else if (manifest.shard().count() != first.shard().count()) {
                throw new BatchException(dir + " is shard " + manifest.shard() + " but " + shardDirectories.get(0)
                        + " is shard " + first.shard() + ": shard counts differ");
            }
            Path clash = byIndex.put(manifest.shard().index(), dir);
            if (clash != null) {
                throw new BatchException(clash + " and " + dir + " are both shard " + manifest.shard());
            }
            if (Files.exists(out) && Files.isSameFile(dir, out)) {
                throw new BatchException("the merged result set must go to another directory than the shard " + dir);
            }
            manifests.add(manifest);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < first.shard().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new BatchException("shards " + missing + " of " + first.shard().count() + " of batch '" + first.batch()
                    + "' are missing");
        }
        try (DirectoryLock lock = DirectoryLock.acquire(out, "icesim merge")) {
            if (ResultFiles.holdsResults(out)) {
                if (!overwrite) {
                    throw new BatchException(out + " already holds results; add --overwrite to replace them all, or "
                            + "choose another directory with --out");
                }
                ResultFiles.deleteResults(out);
            }
            return write(first, manifests, byIndex, out, provenance);
        }
    }

    private static Completion write(Manifest first, List<Manifest> manifests, Map<Integer, Path> byIndex, Path out,
            Provenance provenance) throws IOException, BatchException {

        Map<String, Integer> fileOrder = new HashMap<>();
        for (PlanFile file : first.files()) {
            fileOrder.put(file.file(), fileOrder.size());
        }
        List<RunRow> rows = new ArrayList<>();
        List<String> columns = null;
        for (Path dir : byIndex.values()) {
            ResultSet shard = ResultSet.read(dir);
            if (columns == null) {
                columns = shard.parameterColumns();
            } else if (!columns.equals(shard.parameterColumns())) {
                throw new BatchException(dir + "/" + ResultFiles.RUNS + " has other parameter columns than the first shard");
            }
            rows.addAll(shard.rows());
        }
        for (RunRow row : rows) {
            if (!fileOrder.containsKey(row.file())) {
                throw new BatchException("run " + row.runId() + " comes from " + row.file()
                        + ", which the manifest does not list");
            }
        }
        // Run order: scenario file order, then sweep point, then seed index.
        rows.sort(Comparator.comparingInt((RunRow r) -> fileOrder.get(r.file())).thenComparingInt(RunRow::point)
                .thenComparingInt(RunRow::seedIndex));
        if (rows.size() != first.batchRuns()) {
            throw new BatchException("the shards hold " + rows.size() + " runs, the batch has " + first.batchRuns());
        }
        Map<String, Integer> runOrder = new HashMap<>();
        for (RunRow row : rows) {
            if (runOrder.put(row.runId(), runOrder.size()) != null) {
                throw new BatchException("run " + row.runId() + " appears in more than one shard");
            }
        }

        try (AtomicFile runsFile = AtomicFile.begin(out.resolve(ResultFiles.RUNS), FileChannels.DISK)) {
            try (SequenceWriter writer = ResultFiles.csvWriter(runsFile.out())) {
                SweepNumbers numbers = SweepNumbers.of(columns, rows.stream().map(RunRow::parameters).toList());
                writer.write(ResultFiles.runsHeader(columns, numbers));
                for (RunRow row : rows) {
                    writer.write(ResultFiles.runsCells(row, columns, numbers));
                }
            }
            runsFile.commit();
        }
        if (first.options().events()) {
            mergeSorted(byIndex.values(), ResultFiles.EVENTS, ResultFiles.EVENT_COLUMNS, runOrder, out);
            mergeSorted(byIndex.values(), ResultFiles.MEDIA, ResultFiles.MEDIA_COLUMNS, runOrder, out);
        }
        if (first.options().loadIntervalNanos() > 0) {
            mergeSorted(byIndex.values(), ResultFiles.LOAD, ResultFiles.LOAD_COLUMNS, runOrder, out);
        }
        // Only shards that ran a fleet have fleet-values.csv.
        List<Path> withFleet = byIndex.values().stream()
                .filter(shard -> Files.isRegularFile(shard.resolve(ResultFiles.FLEET_VALUES))).toList();
        if (!withFleet.isEmpty()) {
            mergeSorted(withFleet, ResultFiles.FLEET_VALUES, ResultFiles.FLEET_VALUE_COLUMNS, runOrder, out);
        }
        List<GroupSummary> groups = Summaries.of(ResultSet.groups(rows));
        AtomicFile.write(out.resolve(ResultFiles.SUMMARY), new SummaryJson(first.batch(), groups).bytes(), FileChannels.DISK);
        int failed = (int) rows.stream().filter(RunRow::failed).count();
        mergedManifest(first, manifests, byIndex, provenance, rows.size(), failed).write(out.resolve(ResultFiles.MANIFEST), FileChannels.DISK);
        return new Completion(out, rows.size(), failed, groups);
    }

    /**
     * Merges per-run CSV files whose rows are sorted by run order (and within a run, as they
     * should stay) into one: shards hold disjoint runs, so taking the row whose run comes first
     * among the shards' next rows keeps every run's rows together and in their order.
     */
    private static void mergeSorted(Iterable<Path> shards, String name, List<String> header, Map<String, Integer> runOrder,
            Path out) throws IOException, BatchException {
        List<ResultCsv> readers = new ArrayList<>();
        try (AtomicFile file = AtomicFile.begin(out.resolve(name), FileChannels.DISK)) {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingInt(Head::order));
            for (Path shard : shards) {
                Path input = shard.resolve(name);
                if (!Files.isRegularFile(input)) {
                    throw new BatchException("shard " + shard + " has no " + name);
                }
                ResultCsv reader = ResultCsv.open(input);
                readers.add(reader);
                ResultCsv.Row first = reader.next();
                if (first == null || !first.cells().equals(header)) {
                    throw new BatchException(input + ":1:1: " + name + " must start with the header " + String.join(",", header));
                }
                Head head = head(reader, runOrder, header);
                if (head != null) {
                    heads.add(head);
                }
            }
            try (SequenceWriter writer = ResultFiles.csvWriter(file.out())) {
                writer.write(header);
                while (!heads.isEmpty()) {
                    Head head = heads.poll();
                    writer.write(head.row().cells());
                    Head next = head(head.rest(), runOrder, header);
                    if (next != null) {
                        heads.add(next);
                    }
                }
            }
            file.commit();
        } finally {
            for (ResultCsv reader : readers) {
                reader.close();
            }
        }
    }

    /** The next row of one shard's file, with the run order of its run. */
    private record Head(ResultCsv.Row row, int order, ResultCsv rest) {
    }

    /** The next row of {@code reader} with the run order of its run, or null at the end. */
    private static Head head(ResultCsv reader, Map<String, Integer> runOrder, List<String> header)
            throws IOException, BatchException {
        ResultCsv.Row row = reader.next();
        if (row == null) {
            return null;
        }
        row.requireWidth(header);
        row.decimal(1, header.get(1));
        Integer order = runOrder.get(row.cell(0));
        if (order == null) {
            throw row.problem(0, "run_id", "run " + ResultCsv.quote(row.cell(0)) + " is in no shard's " + ResultFiles.RUNS);
        }
        return new Head(row, order, reader);
    }

    private static Manifest mergedManifest(Manifest first, List<Manifest> manifests, Map<Integer, Path> byIndex,
            Provenance provenance, int runs, int failed) {
        List<Manifest.Session> sessions = new ArrayList<>();
        manifests.stream().sorted(Comparator.comparingInt(m -> m.shard().index())).forEach(m -> sessions.addAll(m.sessions()));
        String now = Instant.now().toString();
        sessions.add(new Manifest.Session(provenance.version(), provenance.gitCommit(), provenance.commandLine(),
                provenance.host(), 1, now, now, 0, false));
        String started = manifests.stream().map(m -> Instant.parse(m.started())).min(Comparator.naturalOrder())
                .map(Instant::toString).orElse(now);
        return new Manifest(provenance.version(), provenance.gitCommit(), provenance.commandLine(), provenance.host(), 1,
                started, now, first.batch(), first.planFingerprint(), Shard.WHOLE, first.files(), first.groups(),
                first.options(), first.batchRuns(), runs, failed, true, sessions,
                byIndex.values().stream().map(Path::toString).toList());
    }
}
