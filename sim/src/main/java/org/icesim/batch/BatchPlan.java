package org.icesim.batch;

import java.util.List;

/**
 * Every run of a batch, in run order (scenario file order → sweep point → seed index), cut as its
 * {@link PlanOptions} say.
 *
 * @param name             the batch name (the {@code batch} column)
 * @param files            the scenario files, in order
 * @param parameterColumns every swept key path of the batch, in order of first appearance
 * @param groups           the groups of the whole batch (all shards), in run order
 * @param batchRuns        the number of runs of the whole batch, all shards together
 * @param runs             the runs of this shard, in run order
 * @param fingerprint      SHA-256 over everything that decides the batch's results (name, files and
 *                         their hashes, run ids and seeds of all shards, what runs record): equal
 *                         fingerprints mean the same batch, so a resume or a merge can check it
 */
public record BatchPlan(String name, List<PlanFile> files, List<String> parameterColumns, PlanOptions options,
        List<PlanGroup> groups, int batchRuns, List<RunSpec> runs, String fingerprint) {

    public BatchPlan {
        files = List.copyOf(files);
        parameterColumns = List.copyOf(parameterColumns);
        groups = List.copyOf(groups);
        runs = List.copyOf(runs);
    }

    /** Whether a run of this shard is a fleet of calls (its result set then has fleet-values.csv). */
    public boolean hasFleet() {
        return runs.stream().anyMatch(run -> run.scenarioPoint().scenario().fleet().isPresent());
    }
}
