package org.icesim.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.world.RunOptions;

/**
 * How a batch is cut from its scenario files.
 *
 * @param seeds      replications per sweep point instead of each file's {@code seeds:} (0: as in the files)
 * @param filters    groups to run (any filter matching selects a group; empty: all groups)
 * @param maxRuns    keep only the first this many runs in run order (0: all)
 * @param shard      the slice of the batch to run here
 * @param runOptions what each run records beyond its metrics
 * @param overrides  key path → value laid over every scenario file before its sweep ({@code --set})
 * @param runSeed    run every sweep point once with exactly this run seed (to replay a run of
 *                   runs.csv), instead of the files' replications
 */
public record PlanOptions(int seeds, List<GroupFilter> filters, int maxRuns, Shard shard, RunOptions runOptions,
        Map<String, String> overrides, OptionalLong runSeed) {

    public static final PlanOptions DEFAULTS = new PlanOptions(0, List.of(), 0, Shard.WHOLE, RunOptions.METRICS_ONLY);

    public PlanOptions {
        if (seeds < 0) {
            throw new IllegalArgumentException("seeds must be >= 1 (or 0 for the files' own), was " + seeds);
        }
        if (maxRuns < 0) {
            throw new IllegalArgumentException("max runs must be >= 1 (or 0 for all), was " + maxRuns);
        }
        filters = List.copyOf(filters);
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Options without overrides or a fixed run seed. */
    public PlanOptions(int seeds, List<GroupFilter> filters, int maxRuns, Shard shard, RunOptions runOptions) {
        this(seeds, filters, maxRuns, shard, runOptions, Map.of(), OptionalLong.empty());
    }
}
