package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;

import org.junit.jupiter.api.Test;

/** The online figures of a fleet follow the definitions of the two-party metrics. */
class FleetFiguresTest {
    private static final long THRESHOLD = millis(200);

    private final FleetStats stats = new FleetStats(millis(1000));

    @Test
    void recoveryIsFaultToTheArrivalThatEndsTheFirstInterruption_asMediaWindow() {
        InterruptionTracker tracker = new InterruptionTracker(THRESHOLD, stats);
        tracker.arrivedThrough(millis(0), millis(1000));
        tracker.fault(millis(1010));
        tracker.arrived(millis(1020));
        tracker.arrivedThrough(millis(3000), millis(3100));
        tracker.finish(millis(3200));
        RunResult result = new RunResult();
        stats.putInto(result);
        assertThat(result.text(Metric.RECOVERY_P50_MS)).isEqualTo("1990");
        assertThat(result.text(Metric.INTERRUPTIONS)).isEqualTo("1");
        assertThat(result.text(Metric.UNRECOVERED)).isEqualTo("0");
    }

    @Test
    void aFaultWithoutInterruptionRecoversInZeroAndOneStillOpenAtTheEndIsUnrecovered() {
        InterruptionTracker flowing = new InterruptionTracker(THRESHOLD, stats);
        flowing.arrivedThrough(millis(0), millis(500));
        flowing.fault(millis(400));
        flowing.arrivedThrough(millis(520), millis(900));
        flowing.finish(millis(1000));
        InterruptionTracker stopped = new InterruptionTracker(THRESHOLD, stats);
        stopped.arrivedThrough(millis(0), millis(500));
        stopped.fault(millis(500));
        stopped.finish(millis(1000));
        assertThat(stats.recoveryCount()).isEqualTo(1);
        assertThat(stats.unrecovered()).isEqualTo(1);
        RunResult result = new RunResult();
        stats.putInto(result);
        assertThat(result.text(Metric.RECOVERY_P50_MS)).isEqualTo("0");
    }

    @Test
    void aSecondFaultInsideAnOpenInterruptionJoinsTheFirst() {
        InterruptionTracker tracker = new InterruptionTracker(THRESHOLD, stats);
        tracker.arrived(millis(100));
        tracker.fault(millis(110));
        tracker.fault(millis(900));
        tracker.arrived(millis(1500));
        tracker.finish(millis(1600));
        assertThat(stats.recoveryCount()).isEqualTo(1);
        RunResult result = new RunResult();
        stats.putInto(result);
        assertThat(result.text(Metric.RECOVERY_P50_MS)).isEqualTo("1390");
    }

    @Test
    void restartLatencyEndsWhenThePeerIsConnectedOnANewerGeneration_asRestartLatencyMs() {
        CallEvents call = new CallEvents(stats, "c/a", "c/b");
        call.record(millis(100), "c/a", new SelectedPair(0, "host", "host"));
        call.record(millis(100), "c/a", EventDetail.StateChange.ice("connected"));
        call.record(millis(100), "c/b", EventDetail.StateChange.ice("connected"));
        call.record(millis(5000), "c/a", EventDetail.StateChange.ice("disconnected"));
        call.record(millis(7000), "c/a", new EventDetail.RestartIce("on-disconnected"));
        call.record(millis(7400), "c/a", EventDetail.StateChange.ice("connected"));
        call.record(millis(7500), "c/a", new SelectedPair(1, "srflx", "relay"));
        assertThat(stats.restarts()).isEqualTo(1);
        assertThat(stats.restartLatencyCount()).isEqualTo(1);
        RunResult result = new RunResult();
        stats.putInto(result);
        assertThat(result.text(Metric.RESTART_LATENCY_P50_MS)).isEqualTo("500");
        assertThat(call.connected()).isTrue();
        assertThat(call.upNow()).isTrue();
        assertThat(call.relayedNow()).isTrue();
        assertThat(stats.restartsInIntervalEnding(millis(7000))).isEqualTo(1);
        assertThat(stats.restartsInIntervalEnding(millis(8000))).isZero();
    }

    @Test
    void percentilesAreNearestRank() {
        for (int i = 1; i <= 20; i++) {
            stats.restartLatency(millis(i));
        }
        RunResult result = new RunResult();
        stats.putInto(result);
        assertThat(result.text(Metric.RESTART_LATENCY_P50_MS)).isEqualTo("10");
        assertThat(result.text(Metric.RESTART_LATENCY_P95_MS)).isEqualTo("19");
    }
}
