package org.icesim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The kernel's {@link HoldModel} at three queue sizes; the score is events run per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelHoldBench {

    private static final int EVENTS_PER_INVOCATION = 100_000;

    @Param({"10", "1000", "100000"})
    public int pending;

    private HoldModel model;

    @Setup(Level.Iteration)
    public void fillQueue() {
        model = new HoldModel(pending, 42);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long hold() {
        return model.run(EVENTS_PER_INVOCATION);
    }
}
