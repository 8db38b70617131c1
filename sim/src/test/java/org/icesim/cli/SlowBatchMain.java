package org.icesim.cli;

import org.icesim.batch.FakeExecutor;
import org.icesim.batch.FaultyDisk;
import picocli.CommandLine;

/**
 * {@code icesim batch} with a slow fake executor (every run takes {@link #RUN_MILLIS} and runs
 * whose seed divides by {@link #FAIL_EVERY} fail) and a disk that pauses {@link #REPLACE_MILLIS}
 * before it starts writing each file being replaced, for tests that kill a real batch process while it
 * runs and while it writes its final files.
 */
public final class SlowBatchMain {

    static final long RUN_MILLIS = 40;
    static final long REPLACE_MILLIS = 150;
    static final int FAIL_EVERY = 7;

    private SlowBatchMain() {
    }

    static FakeExecutor executor(long runMillis) {
        return new FakeExecutor(seed -> runMillis, seed -> FakeExecutor.everyNth(seed, FAIL_EVERY));
    }

    public static void main(String[] args) {
        BatchCommand batch = new BatchCommand(() -> executor(RUN_MILLIS), FaultyDisk.slowReplacing(REPLACE_MILLIS));
        System.exit(new CommandLine(batch).execute(args));
    }
}
