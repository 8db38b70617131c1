package org.icesim.world;

import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioPoint;

/**
 * Runs one (sweep point, seed) of a scenario: builds its world on a fresh simulator, runs it to
 * the end and returns its output. Implementations are deterministic — the same point and seed
 * give the same output — and hold no state between runs, so a batch may call one from many
 * threads at once.
 */
@FunctionalInterface
public interface RunExecutor {

    RunOutput run(ScenarioPoint point, long seed, RunOptions options) throws Exception;
}
