package org.icesim.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.stats.Json;
import org.icesim.world.RunOptions;

/**
 * manifest.json: where a result set comes from and how it was cut. Not covered by the
 * byte-identity promise (it holds times and hosts).
 *
 * @param icesimVersion   version of the session that last worked on the batch
 * @param gitCommit       its commit (null if unknown)
 * @param commandLine     its command line
 * @param host            its host
 * @param threads         its thread count (0 on the Spark engine, where the cluster decides how many runs run at once)
 * @param started         wall-clock start of the first session (ISO-8601 UTC)
 * @param finished        when the batch completed (null until then)
 * @param planFingerprint see {@link BatchPlan#fingerprint()}
 * @param shard           the slice of the batch this directory holds
 * @param batchRuns       runs of the whole batch (all shards)
 * @param runs            runs planned for this directory
 * @param runsFailed      of those, runs that threw (once complete)
 * @param sessions        every invocation that worked on this directory, oldest first
 * @param mergedFrom      for a merged result set, the shard directories it was merged from
 *
 * <p>Keys it does not know are skipped when read: a real-stack run adds a {@code testbed} object
 * (the stack, its version, the machine's load).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String icesimVersion, String gitCommit, List<String> commandLine, String host, int threads,
        String started, String finished, String batch, String planFingerprint, Shard shard, List<PlanFile> files,
        List<PlanGroup> groups, Options options, int batchRuns, int runs, int runsFailed, boolean complete,
        List<Session> sessions, List<String> mergedFrom) {

    public Manifest {
        commandLine = List.copyOf(commandLine);
        files = List.copyOf(files);
        groups = List.copyOf(groups);
        sessions = List.copyOf(sessions);
        mergedFrom = List.copyOf(mergedFrom);
    }

    /**
     * The options that cut the batch from its files.
     *
     * @param seeds     the --seeds override (0: the files' own)
     * @param maxRuns   the --max-runs limit (0: none)
     * @param overrides the --set overrides, key path → value
     * @param runSeed   the --seed of a replay (null: the files' replications)
     */
    public record Options(int seeds, List<String> filters, int maxRuns, boolean events, long loadIntervalNanos,
            Map<String, String> overrides, Long runSeed) {

        public Options {
            filters = List.copyOf(filters);
            overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        static Options of(PlanOptions options) {
            return new Options(options.seeds(), options.filters().stream().map(GroupFilter::toString).toList(),
                    options.maxRuns(), options.runOptions().events(), options.runOptions().loadIntervalNanos(),
                    options.overrides(), options.runSeed().isPresent() ? options.runSeed().getAsLong() : null);
        }

        /**
         * The plan options these stand for, cutting the given shard, with checks off: checks
         * change no result, so the manifest does not record them.
         */
        public PlanOptions planOptions(Shard shard) {
            return new PlanOptions(seeds, filters.stream().map(GroupFilter::parse).toList(), maxRuns, shard,
                    new RunOptions(events, loadIntervalNanos, null, false), overrides,
                    runSeed == null ? OptionalLong.empty() : OptionalLong.of(runSeed));
        }
    }

    /**
     * One invocation that ran runs of the batch (or merged it).
     *
     * @param finished    when it ended (null while it runs, and for ever if it was killed)
     * @param runs        runs it recorded
     * @param interrupted it ended without a word (killed: {@code kill -9}, a power loss); its
     *                    {@code runs} are then counted by the session that resumed the batch, from
     *                    the runs the journal holds that no other session recorded
     */
    public record Session(String icesimVersion, String gitCommit, List<String> commandLine, String host, int threads,
            String started, String finished, int runs, boolean interrupted) {

        /** The sessions, the one that never ended (if any) marked interrupted with the runs only it can have recorded. */
        static List<Session> accounted(List<Session> sessions, int runsRecorded) {
            int recordedByOthers = sessions.stream().filter(s -> s.finished() != null || s.interrupted())
                    .mapToInt(Session::runs).sum();
            return sessions.stream().map(s -> s.finished() != null || s.interrupted() ? s
                    : new Session(s.icesimVersion(), s.gitCommit(), s.commandLine(), s.host(), s.threads(), s.started(),
                            null, Math.max(0, runsRecorded - recordedByOthers), true)).toList();
        }
    }

    void write(Path file, FileChannels files) throws IOException {
        AtomicFile.write(file, Json.bytes(this), files);
    }
}
