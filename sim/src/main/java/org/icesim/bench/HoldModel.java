package org.icesim.bench;

import java.util.SplittableRandom;
import org.icesim.kernel.Simulator;

/**
 * The classic hold model of event-queue benchmarks on the real {@link Simulator}: {@code pending}
 * events wait in the queue; each event, when it runs, schedules one successor at a random delay,
 * so the queue keeps its size. Delays are exponential with a 1 ms mean, as in the usual hold-model
 * set-up, drawn in advance so that a measurement times the queue rather than the logarithm.
 */
public final class HoldModel {

    private static final int DELAY_TABLE_SIZE = 1 << 16;
    private static final double MEAN_DELAY_NANOS = 1_000_000;

    private final Simulator simulator = new Simulator(false);
    private final long[] delays = new long[DELAY_TABLE_SIZE];
    private final Runnable hold = this::hold;
    private int next;
    private long stopAt;

    public HoldModel(int pending, long seed) {
        if (pending < 1) {
            throw new IllegalArgumentException("pending events must be >= 1, was " + pending);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < DELAY_TABLE_SIZE; i++) {
            delays[i] = (long) (-Math.log(1.0 - random.nextDouble()) * MEAN_DELAY_NANOS);
        }
        for (int i = 0; i < pending; i++) {
            simulator.post(nextDelay(), hold);
        }
    }

    /** Runs the next {@code count} events; returns the simulated time reached. */
    public long run(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("event count must be >= 1, was " + count);
        }
        stopAt = simulator.eventsRun() + count;
        simulator.run();
        return simulator.now();
    }

    /** Events waiting in the queue: always the number the model was built with. */
    public int pending() {
        return simulator.pending();
    }

    /** Events run so far. */
    public long eventsRun() {
        return simulator.eventsRun();
    }

    private long nextDelay() {
        next = (next + 1) & (DELAY_TABLE_SIZE - 1);
        return delays[next];
    }

    private void hold() {
        simulator.post(nextDelay(), hold);
        if (simulator.eventsRun() >= stopAt) {
            simulator.stop();
        }
    }
}
