package org.icesim.cli;

import org.icesim.batch.FakeExecutor;
import picocli.CommandLine;

/**
 * {@code icesim batch} with a slow fake executor (every run takes {@link #RUN_MILLIS} and runs
 * whose seed divides by {@link #FAIL_EVERY} fail), for tests that kill a real batch process.
 */
public final class SlowBatchMain {

    static final long RUN_MILLIS = 40;
    static final int FAIL_EVERY = 7;

    private SlowBatchMain() {
    }

    static FakeExecutor executor(long runMillis) {
        return new FakeExecutor(seed -> runMillis, seed -> FakeExecutor.everyNth(seed, FAIL_EVERY));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchCommand(() -> executor(RUN_MILLIS))).execute(args));
    }
}
