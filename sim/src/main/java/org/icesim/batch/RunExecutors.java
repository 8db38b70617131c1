package org.icesim.batch;

import org.icesim.world.CallRunner;
import org.icesim.world.RunExecutor;

/** The run executors a batch can use. */
public final class RunExecutors {

    private RunExecutors() {
    }

    /** The simulator itself: builds each run's world from its scenario point and runs it. */
    public static RunExecutor simulation() {
        return new CallRunner();
    }
}
