package org.icesim.batch;

import org.icesim.scenario.ScenarioPoint;
import org.icesim.stats.GroupKey;

/**
 * One run of a batch: a scenario at one sweep point with one seed.
 *
 * @param position  the run's place in the batch's run order (scenario file order → sweep point →
 *                  seed index), before sharding: the same in every shard
 * @param runId     {@code <scenario>/p<point>/s<seedIndex>}
 * @param file      the scenario file as given on the command line
 * @param seed      {@code RandomStreams.replicationSeed(baseSeed, seedIndex)}
 */
public record RunSpec(int position, String runId, String file, String scenario, int point, ScenarioPoint scenarioPoint,
        int seedIndex, long seed) {

    public static String runId(String scenario, int point, int seedIndex) {
        return scenario + "/p" + point + "/s" + seedIndex;
    }

    public GroupKey group() {
        return new GroupKey(scenario, point, scenarioPoint.parameters());
    }
}
