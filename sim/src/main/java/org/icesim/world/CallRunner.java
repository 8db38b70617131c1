package org.icesim.world;

import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioPoint;

/**
 * Runs one point and seed of a scenario: builds its world — a two-party call, or a fleet of calls
 * (split over threads when the run options allow it and the split is exact) — on a simulator that
 * honours the run options, plays it to the end and returns its output.
 */
public final class CallRunner implements RunExecutor {

    private final WorldProbe probe;

    public CallRunner() {
        this(WorldProbe.NONE);
    }

    /** A runner whose runs {@code probe} looks at as they go (two-party calls only). */
    public CallRunner(WorldProbe probe) {
        this.probe = probe;
    }

    @Override
    public RunOutput run(ScenarioPoint point, long seed, RunOptions options) {
        if (point.scenario().fleet().isPresent()) {
            return FleetRunner.run(point.scenario(), seed, options);
        }
        return new CallWorld(point.scenario(), seed, options, probe).run();
    }
}
