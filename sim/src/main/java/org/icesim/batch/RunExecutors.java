package org.icesim.batch;

import org.icesim.scenario.CallRunner;
import org.icesim.scenario.RunExecutor;

/** The run executors a batch can use. */
public final class RunExecutors {

    private RunExecutors() {
    }

    /** The simulator itself: builds each run's world from its scenario point and runs it. */
    public static RunExecutor simulation() {
        return new CallRunner();
    }
}
