package org.icesim.batch;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.RecordedEvent;
import org.icesim.stats.GroupSummary;
import org.icesim.stats.Summaries;
import org.icesim.stats.SummaryJson;

/**
 * The results directory of a batch (or of one shard of it). Finished runs go to the journal as
 * they finish, in any order, each on disk before the next step; when every run is there,
 * {@link #complete()} writes runs.csv, events.csv, media.csv, load.csv and summary.json in run order, each
 * replaced atomically, marks manifest.json complete and drops the journal. A batch killed at any
 * instant therefore resumes with every finished run kept once, and its final files are the same
 * bytes as if it had never stopped.
 */
public final class ResultStore implements Closeable {

    private final Path directory;
    private final BatchPlan plan;
    private final Provenance provenance;
    private final int threads;
    private final List<Manifest.Session> earlierSessions;
    private final String firstStarted;
    private final String started;
    private final Journal journal;
    private final FileChannels files;
    private final DirectoryLock lock;
    private final AtomicInteger recordedNow = new AtomicInteger();

    private ResultStore(Path directory, BatchPlan plan, Provenance provenance, int threads,
            List<Manifest.Session> earlierSessions, String firstStarted, String started, Journal journal, FileChannels files,
            DirectoryLock lock) {
        this.directory = directory;
        this.plan = plan;
        this.provenance = provenance;
        this.threads = threads;
        this.earlierSessions = List.copyOf(earlierSessions);
        this.firstStarted = firstStarted;
        this.started = started;
        this.journal = journal;
        this.files = files;
        this.lock = lock;
    }

    /**
     * Opens the results directory for a batch, creating it if needed, and holds its
     * {@link DirectoryLock} until {@link #close()}.
     *
     * @throws BatchException another process writes the directory, the directory holds results that
     *                        {@code mode} does not allow to touch, or (on resume) results of another batch
     */
    public static ResultStore open(Path directory, BatchPlan plan, Provenance provenance, int threads, StartMode mode)
            throws IOException, BatchException {
        return open(directory, plan, provenance, threads, mode, FileChannels.DISK);
    }

    /** As {@link #open(Path, BatchPlan, Provenance, int, StartMode)}, writing its files through {@code files}. */
    public static ResultStore open(Path directory, BatchPlan plan, Provenance provenance, int threads, StartMode mode,
            FileChannels files) throws IOException, BatchException {
        DirectoryLock lock = DirectoryLock.acquire(directory, "icesim batch " + plan.name());
        try {
            return open(directory, plan, provenance, threads, mode, files, lock);
        } catch (IOException | BatchException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static ResultStore open(Path directory, BatchPlan plan, Provenance provenance, int threads, StartMode mode,
            FileChannels files, DirectoryLock lock) throws IOException, BatchException {
        Path manifestFile = directory.resolve(ResultFiles.MANIFEST);
        Path journalFile = directory.resolve(ResultFiles.JOURNAL);
        Manifest previous = null;
        if (ResultFiles.holdsResults(directory)) {
            switch (mode) {
                case NEW -> throw new BatchException(directory + " already holds results; add --resume to continue that "
                        + "batch, --overwrite to replace it, or choose another directory with --out");
                case OVERWRITE -> ResultFiles.deleteResults(directory);
                case RESUME -> previous = previousManifest(directory, plan);
            }
        }
        String now = Instant.now().toString();
        List<Manifest.Session> sessions = previous == null ? List.of() : previous.sessions();
        String firstStarted = previous == null ? now : previous.started();
        if (previous != null && previous.complete()) {
            return new ResultStore(directory, plan, provenance, threads, sessions, firstStarted, now, null, files, lock);
        }
        // The manifest comes first: a journal never exists without the manifest that says which batch it belongs to.
        manifest(plan, provenance, threads, sessions, firstStarted, now, 0, 0, false, null).write(manifestFile, files);
        Map<Integer, String> planned = new HashMap<>();
        plan.runs().forEach(run -> planned.put(run.position(), run.runId()));
        Journal journal = Journal.open(journalFile, files, planned::get);
        for (int position : journal.positions()) {
            if (!planned.containsKey(position)) {
                journal.close();
                throw new BatchException(journalFile + " holds a run at position " + position + " that this batch does "
                        + "not plan; the directory belongs to another batch");
            }
        }
        List<Manifest.Session> accounted = Manifest.Session.accounted(sessions, journal.positions().size());
        if (!accounted.equals(sessions)) {
            // A session killed before it could record its end: say so, with the runs it left in the journal.
            manifest(plan, provenance, threads, accounted, firstStarted, now, 0, 0, false, null).write(manifestFile, files);
        }
        return new ResultStore(directory, plan, provenance, threads, accounted, firstStarted, now, journal, files, lock);
    }

    public Path directory() {
        return directory;
    }

    /** Whether the batch was already complete when opened (a resume with nothing left to do). */
    public boolean alreadyComplete() {
        return journal == null;
    }

    /** Positions of the runs already finished (with {@link #record}, now or before). */
    public Set<Integer> finished() {
        if (journal == null) {
            Set<Integer> all = new HashSet<>();
            plan.runs().forEach(run -> all.add(run.position()));
            return all;
        }
        return journal.positions();
    }

    /** Finished runs that failed. */
    public int failedSoFar() throws IOException, BatchException {
        if (journal == null) {
            return (int) ResultSet.read(directory).rows().stream().filter(RunRow::failed).count();
        }
        return journal.failedCount();
    }

    /**
     * Records a finished run durably, once: a run recorded already (a distributed engine may run
     * a run twice, when it retries a task or runs a slow one speculatively) is left as it was.
     * Runs are deterministic, so both records are the same. Thread-safe.
     *
     * @return whether the run was recorded now (false: it already was)
     */
    public boolean record(RunRecord record) throws IOException {
        if (!journal.append(record)) {
            return false;
        }
        recordedNow.incrementAndGet();
        return true;
    }

    /**
     * Writes the final files of a batch whose every run is recorded, and marks it complete.
     *
     * @throws IllegalStateException if a planned run is not recorded yet
     */
    public Completion complete() throws IOException, BatchException {
        if (journal == null) {
            ResultSet existing = ResultSet.read(directory);
            List<GroupSummary> groups = Summaries.of(existing.groups());
            int failed = (int) existing.rows().stream().filter(RunRow::failed).count();
            return new Completion(directory, existing.rows().size(), failed, groups);
        }
        Set<Integer> recorded = journal.positions();
        for (RunSpec run : plan.runs()) {
            if (!recorded.contains(run.position())) {
                throw new IllegalStateException("run " + run.runId() + " has not finished yet");
            }
        }
        List<RunRow> rows = new ArrayList<>(plan.runs().size());
        boolean events = plan.options().runOptions().events();
        long loadInterval = plan.options().runOptions().loadIntervalNanos();
        boolean load = loadInterval > 0;
        boolean fleet = plan.hasFleet();
        try (AtomicFile runsFile = AtomicFile.begin(directory.resolve(ResultFiles.RUNS), files);
                AtomicFile eventsFile = events ? AtomicFile.begin(directory.resolve(ResultFiles.EVENTS), files) : null;
                AtomicFile mediaFile = events ? AtomicFile.begin(directory.resolve(ResultFiles.MEDIA), files) : null;
                AtomicFile loadFile = load ? AtomicFile.begin(directory.resolve(ResultFiles.LOAD), files) : null;
                AtomicFile fleetFile = fleet ? AtomicFile.begin(directory.resolve(ResultFiles.FLEET_VALUES), files) : null) {
            SequenceWriter runsOut = ResultFiles.csvWriter(runsFile.out());
            SequenceWriter eventsOut = events ? ResultFiles.csvWriter(eventsFile.out()) : null;
            SequenceWriter mediaOut = events ? ResultFiles.csvWriter(mediaFile.out()) : null;
            SequenceWriter loadOut = load ? ResultFiles.csvWriter(loadFile.out()) : null;
            SequenceWriter fleetOut = fleet ? ResultFiles.csvWriter(fleetFile.out()) : null;
            SweepNumbers numbers = SweepNumbers.of(plan.parameterColumns(),
                    plan.runs().stream().map(run -> run.scenarioPoint().parameters()).toList());
            runsOut.write(ResultFiles.runsHeader(plan.parameterColumns(), numbers));
            if (events) {
                eventsOut.write(ResultFiles.EVENT_COLUMNS);
                mediaOut.write(ResultFiles.MEDIA_COLUMNS);
            }
            if (load) {
                loadOut.write(ResultFiles.LOAD_COLUMNS);
            }
            if (fleet) {
                fleetOut.write(ResultFiles.FLEET_VALUE_COLUMNS);
            }
            for (RunSpec run : plan.runs()) {
                RunRecord record = journal.read(run.position());
                RunRow row = RunRow.of(plan.name(), run, record);
                rows.add(row);
                runsOut.write(ResultFiles.runsCells(row, plan.parameterColumns(), numbers));
                if (events) {
                    for (RecordedEvent event : record.events()) {
                        eventsOut.write(ResultFiles.eventCells(run.runId(), event, ResultFiles.referenceNanos(record.metrics())));
                    }
                    for (MediaSample sample : record.media()) {
                        mediaOut.write(ResultFiles.mediaCells(run.runId(), sample));
                    }
                }
                if (load) {
                    for (List<String> cells : ResultFiles.loadRows(run.runId(), record.load(), record.fleet(), loadInterval)) {
                        loadOut.write(cells);
                    }
                }
                if (fleet) {
                    for (List<String> cells : ResultFiles.fleetValueRows(run.runId(), record.fleet())) {
                        fleetOut.write(cells);
                    }
                }
            }
            runsOut.close();
            runsFile.commit();
            if (events) {
                eventsOut.close();
                eventsFile.commit();
                mediaOut.close();
                mediaFile.commit();
            }
            if (load) {
                loadOut.close();
                loadFile.commit();
            }
            if (fleet) {
                fleetOut.close();
                fleetFile.commit();
            }
        }
        List<GroupSummary> groups = Summaries.of(ResultSet.groups(rows));
        AtomicFile.write(directory.resolve(ResultFiles.SUMMARY), new SummaryJson(plan.name(), groups).bytes(), files);
        int failed = (int) rows.stream().filter(RunRow::failed).count();
        writeManifest(failed, true);
        journal.close();
        Files.deleteIfExists(directory.resolve(ResultFiles.JOURNAL));
        AtomicFile.syncDirectory(directory);
        return new Completion(directory, rows.size(), failed, groups);
    }

    /** Records this session's end in the manifest of a batch left incomplete (stopped by a failure). */
    @Override
    public void close() throws IOException {
        try (lock) {
            if (journal != null && journal.isOpen()) {
                journal.close();
                writeManifest(0, false);
            }
        }
    }

    /** The manifest at the end of this session. */
    private void writeManifest(int failed, boolean complete) throws IOException {
        manifest(plan, provenance, threads, earlierSessions, firstStarted, started, recordedNow.get(), failed, complete,
                Instant.now().toString()).write(directory.resolve(ResultFiles.MANIFEST), files);
    }

    /**
     * @param ended when this session ended (null while it runs); the batch's end too if {@code complete}
     */
    private static Manifest manifest(BatchPlan plan, Provenance provenance, int threads, List<Manifest.Session> earlier,
            String firstStarted, String started, int runsNow, int failed, boolean complete, String ended) {
        List<Manifest.Session> sessions = new ArrayList<>(earlier);
        sessions.add(new Manifest.Session(provenance.version(), provenance.gitCommit(), provenance.commandLine(),
                provenance.host(), threads, started, ended, runsNow, false));
        return new Manifest(provenance.version(), provenance.gitCommit(), provenance.commandLine(), provenance.host(), threads,
                firstStarted, complete ? ended : null, plan.name(), plan.fingerprint(), plan.options().shard(), plan.files(),
                plan.groups(), Manifest.Options.of(plan.options()), plan.batchRuns(), plan.runs().size(), failed, complete,
                sessions, List.of());
    }

    private static Manifest previousManifest(Path directory, BatchPlan plan) throws IOException, BatchException {
        Path manifestFile = directory.resolve(ResultFiles.MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw new BatchException(directory + " holds results but no " + ResultFiles.MANIFEST
                    + ", so it cannot tell which batch they belong to; use --overwrite to start afresh there");
        }
        Manifest previous = ResultReader.manifest(manifestFile);
        if (!previous.shard().equals(plan.options().shard())) {
            throw new BatchException(directory + " holds shard " + previous.shard() + " of batch '" + previous.batch()
                    + "', not shard " + plan.options().shard());
        }
        if (!previous.planFingerprint().equals(plan.fingerprint())) {
            throw new BatchException(directory + " holds batch '" + previous.batch() + "' planned differently: the "
                    + "scenario files, their order, --seeds, --seed, --set, --filter, --max-runs, --events or "
                    + "--load-interval changed "
                    + "since it started (see " + ResultFiles.MANIFEST + "); resume with the same ones, or use --overwrite");
        }
        return previous;
    }
}
