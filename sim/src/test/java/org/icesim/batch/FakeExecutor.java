package org.icesim.batch;

import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;

/**
 * A stand-in for the simulator: every metric is a deterministic function of the seed and of the
 * swept durations (which shift the latencies), so results are known without simulating. It can
 * sleep a seed-dependent time (to make runs finish out of order) and fail for chosen seeds.
 */
public final class FakeExecutor implements RunExecutor {

    private final LongUnaryOperator sleepMillis;
    private final LongPredicate fails;

    public FakeExecutor(LongUnaryOperator sleepMillis, LongPredicate fails) {
        this.sleepMillis = sleepMillis;
        this.fails = fails;
    }

    /** No sleep, no failure. */
    public static FakeExecutor instant() {
        return new FakeExecutor(seed -> 0, seed -> false);
    }

    /** Fails when the seed is divisible by {@code divisor} (about one run in {@code divisor}). */
    public static boolean everyNth(long seed, int divisor) {
        return Math.floorMod(seed, divisor) == 0;
    }

    @Override
    public RunOutput run(ScenarioPoint point, long seed, RunOptions options) throws InterruptedException {
        long sleep = sleepMillis.applyAsLong(seed);
        if (sleep > 0) {
            Thread.sleep(sleep);
        }
        if (fails.test(seed)) {
            throw new IllegalStateException("fake failure, seed " + seed);
        }
        RandomGenerator random = new RandomStreams(seed).stream("fake");
        long shift = point.parameters().values().stream().filter(v -> v.endsWith("ms")).mapToLong(Quantities::duration).sum();
        long detect = Durations.millis(2000) + (long) (random.nextDouble() * 3e9);
        long restart = shift + Durations.millis(300) + (long) (random.nextDouble() * 4e8);
        RunResult result = new RunResult()
                .putNanos(Metric.DETECT_DISCONNECTED_MS, detect)
                .putNanos(Metric.RESTART_LATENCY_MS, restart)
                .putNanos(Metric.SIGNALING_MS, restart / 3)
                .putNanos(Metric.RECOVERY_MS, detect + restart)
                .putNanos(Metric.MEDIA_GAP_MS, detect + restart + Durations.millis(20))
                .putNanos(Metric.MEDIA_LOST_MS, detect + restart)
                .putText(Metric.SELECTED_PAIR_BEFORE, "host/host")
                .putText(Metric.SELECTED_PAIR_AFTER, random.nextBoolean() ? "relay/host" : "srflx/host")
                .putFlag(Metric.USED_TURN, random.nextInt(4) == 0)
                .putCount(Metric.STUN_CHECKS_SENT, 20 + random.nextInt(30))
                .putCount(Metric.SIGNALING_MESSAGES, 6);
        if (random.nextInt(5) == 0) {
            result.putNanos(Metric.DETECT_FAILED_MS, detect + Durations.seconds(25));
        }
        List<RecordedEvent> events = List.of(
                new RecordedEvent(Durations.seconds(20), "net", new EventDetail.Fault("link-down wifi, \"alice\"")),
                new RecordedEvent(Durations.seconds(20) + detect, "alice", EventDetail.StateChange.ice("disconnected")),
                new RecordedEvent(Durations.seconds(20) + detect, "alice", new EventDetail.RestartIce("")));
        List<LoadSample> load = List.of(new LoadSample(Durations.seconds(1), "turn1", 1, 1, 1200, 0, 10),
                new LoadSample(Durations.seconds(2), "turn1", 1, 0, 2400 + random.nextInt(100), 1, 20));
        return new RunOutput(result, events, load, RunEffort.NONE);
    }
}
