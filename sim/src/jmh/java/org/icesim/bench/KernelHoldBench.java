package org.icesim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.icesim.kernel.Simulator;
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

/**
 * The classic hold model of event-queue benchmarks: {@code pending} events wait in the queue;
 * each event, when it runs, schedules one successor at a random delay, so the queue size stays
 * constant. The score is events run per second.
 */
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

    private Simulator simulator;
    private Hold hold;

    @Setup(Level.Iteration)
    public void fillQueue() {
        simulator = new Simulator();
        hold = new Hold(simulator, new SplittableRandom(42));
        for (int i = 0; i < pending; i++) {
            simulator.schedule(hold.nextDelay(), hold);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long hold() {
        long target = simulator.eventsRun() + EVENTS_PER_INVOCATION;
        hold.stopAt = target;
        simulator.run();
        return simulator.now();
    }

    /**
     * One reusable action: every run schedules itself again, so the queue holds its size. Delays
     * are exponential with a 1 ms mean, as in the usual hold-model set-up, drawn in advance so
     * the score measures the queue rather than the logarithm.
     */
    private static final class Hold implements Runnable {
        private static final int DELAY_TABLE_SIZE = 1 << 16;
        private final Simulator simulator;
        private final long[] delays = new long[DELAY_TABLE_SIZE];
        private int next;
        long stopAt;

        Hold(Simulator simulator, SplittableRandom random) {
            this.simulator = simulator;
            for (int i = 0; i < DELAY_TABLE_SIZE; i++) {
                delays[i] = (long) (-Math.log(1.0 - random.nextDouble()) * 1_000_000);
            }
        }

        long nextDelay() {
            next = (next + 1) & (DELAY_TABLE_SIZE - 1);
            return delays[next];
        }

        @Override
        public void run() {
            simulator.schedule(nextDelay(), this);
            if (simulator.eventsRun() >= stopAt) {
                simulator.stop();
            }
        }
    }
}
