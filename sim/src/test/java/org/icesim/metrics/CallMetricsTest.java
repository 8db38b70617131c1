package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every call metric on a hand-checked timeline: a 20 s link cut, then an on-failed restart. */
class CallMetricsTest {

    private static final long MS = 1_000_000L;

    private static void audio(MediaArrivals arrivals, long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 20) {
            arrivals.arrived(t * MS);
        }
    }

    private static Recorder cutAndRestart() {
        Recorder r = new Recorder();
        r.record(900 * MS, "alice", new SelectedPair(0, "host", "srflx"));
        r.record(900 * MS, "alice", EventDetail.StateChange.ice("connected"));
        r.record(950 * MS, "bob", new SelectedPair(0, "srflx", "host"));
        r.record(950 * MS, "bob", EventDetail.StateChange.ice("connected"));
        r.record(20_000 * MS, "world", new EventDetail.Fault("link-down alice/wifi"));
        r.record(25_000 * MS, "bob", EventDetail.StateChange.ice("disconnected"));
        r.record(25_100 * MS, "alice", EventDetail.StateChange.ice("disconnected"));
        r.record(30_000 * MS, "world", new EventDetail.Repair("link-up alice/wifi"));
        r.record(50_000 * MS, "alice", EventDetail.StateChange.ice("failed"));
        r.record(50_000 * MS, "alice", new EventDetail.RestartIce(""));
        r.record(50_010 * MS, "alice", new EventDetail.OfferSent(""));
        r.record(50_060 * MS, "alice", EventDetail.StateChange.ice("checking"));
        r.record(50_120 * MS, "alice", new EventDetail.GatheringComplete(1));
        r.record(50_130 * MS, "alice", new EventDetail.AnswerApplied());
        r.record(50_300 * MS, "alice", new SelectedPair(1, "relay", "host"));
        r.record(50_300 * MS, "alice", EventDetail.StateChange.ice("connected"));
        return r;
    }

    @Test
    void everyMetricOfACutFollowedByARestart() {
        MediaArrivals atAlice = new MediaArrivals();
        MediaArrivals atBob = new MediaArrivals();
        audio(atAlice, 1_000, 20_000);
        audio(atAlice, 50_320, 60_000);
        audio(atBob, 1_000, 20_000);
        audio(atBob, 50_340, 60_000);
        RunResult result = CallMetrics.compute(cutAndRestart(), List.of("alice", "bob"), List.of(atAlice, atBob),
                OptionalLong.of(20_000 * MS), 60_000 * MS, CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);

        assertThat(result.text(Metric.DETECT_DISCONNECTED_MS)).isEqualTo("5000");
        assertThat(result.text(Metric.DETECT_FAILED_MS)).isEqualTo("30000");
        assertThat(result.text(Metric.RESTART_LATENCY_MS)).isEqualTo("300");
        assertThat(result.text(Metric.SIGNALING_MS)).isEqualTo("120");
        assertThat(result.text(Metric.GATHERING_MS)).isEqualTo("120");
        assertThat(result.text(Metric.CHECKS_MS)).isEqualTo("170");
        assertThat(result.text(Metric.RECOVERY_MS)).isEqualTo("30340");
        assertThat(result.text(Metric.MEDIA_GAP_MS)).isEqualTo("30360");   // bob: 19 980 → 50 340
        assertThat(result.text(Metric.MEDIA_LOST_MS)).isEqualTo("30360");
        // Each direction: alice → bob arrives at bob (19 980 → 50 340), bob → alice at alice (19 980 → 50 320).
        assertThat(result.text(Metric.MEDIA_GAP_AB_MS)).isEqualTo("30360");
        assertThat(result.text(Metric.MEDIA_LOST_AB_MS)).isEqualTo("30360");
        assertThat(result.text(Metric.RECOVERY_AB_MS)).isEqualTo("30340");
        assertThat(result.text(Metric.MEDIA_GAP_BA_MS)).isEqualTo("30340");
        assertThat(result.text(Metric.MEDIA_LOST_BA_MS)).isEqualTo("30340");
        assertThat(result.text(Metric.RECOVERY_BA_MS)).isEqualTo("30320");
        assertThat(result.text(Metric.SELECTED_PAIR_BEFORE)).isEqualTo("host/srflx");
        assertThat(result.text(Metric.SELECTED_PAIR_AFTER)).isEqualTo("relay/host");
        assertThat(result.text(Metric.USED_TURN)).isEqualTo("1");
    }

    @Test
    void aRestartThatNeverConnectsHasNoLatencyAndMediaThatNeverReturnsHasNoRecovery() {
        Recorder r = new Recorder();
        r.record(900 * MS, "alice", new SelectedPair(0, "host", "host"));
        r.record(10_000 * MS, "world", new EventDetail.Fault("link-down"));
        r.record(15_000 * MS, "alice", new EventDetail.RestartIce(""));
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 1_000, 10_000);
        RunResult result = CallMetrics.compute(r, List.of("alice", "bob"), List.of(arrivals, new MediaArrivals()),
                OptionalLong.of(10_000 * MS), 40_000 * MS, CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);
        assertThat(result.text(Metric.RESTART_LATENCY_MS)).isEmpty();
        assertThat(result.text(Metric.RECOVERY_MS)).isEmpty();
        assertThat(result.text(Metric.DETECT_DISCONNECTED_MS)).isEmpty();
        assertThat(result.text(Metric.USED_TURN)).isEqualTo("0");
    }

    @Test
    void aRestartOnAHealthyPathCompletesWhenTheNewGenerationIsSelectedWhileConnected() {
        Recorder r = new Recorder();
        r.record(900 * MS, "alice", new SelectedPair(0, "host", "host"));
        r.record(900 * MS, "alice", EventDetail.StateChange.ice("connected"));
        r.record(10_000 * MS, "alice", new EventDetail.RestartIce(""));
        r.record(10_250 * MS, "alice", new SelectedPair(1, "host", "host"));
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 1_000, 20_000);
        RunResult result = CallMetrics.compute(r, List.of("alice", "bob"), List.of(arrivals, arrivals),
                OptionalLong.empty(), 20_000 * MS, CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);
        assertThat(result.text(Metric.RESTART_LATENCY_MS)).isEqualTo("250");
        assertThat(result.text(Metric.RECOVERY_MS)).isEqualTo("0");
        assertThat(result.text(Metric.MEDIA_GAP_MS)).isEqualTo("20");
        assertThat(result.text(Metric.MEDIA_LOST_MS)).isEqualTo("0");
    }

    @Test
    void aCutOfOneDirectionShowsInThatDirectionAndInTheWorseOneOnly() {
        Recorder r = new Recorder();
        r.record(900 * MS, "alice", new SelectedPair(0, "host", "host"));
        r.record(10_000 * MS, "world", new EventDetail.Fault("set-link alice/wifi"));
        MediaArrivals atAlice = new MediaArrivals();
        MediaArrivals atBob = new MediaArrivals();
        audio(atAlice, 1_000, 20_000);
        audio(atBob, 1_000, 10_000);
        audio(atBob, 12_000, 20_000);
        RunResult result = CallMetrics.compute(r, List.of("alice", "bob"), List.of(atAlice, atBob),
                OptionalLong.of(10_000 * MS), 20_000 * MS, CallMetrics.DEFAULT_INTERRUPTION_THRESHOLD_NANOS);
        assertThat(result.text(Metric.MEDIA_GAP_AB_MS)).isEqualTo("2020");   // at bob: 9 980 → 12 000
        assertThat(result.text(Metric.MEDIA_LOST_AB_MS)).isEqualTo("2020");
        assertThat(result.text(Metric.RECOVERY_AB_MS)).isEqualTo("2000");
        assertThat(result.text(Metric.MEDIA_GAP_BA_MS)).isEqualTo("20");
        assertThat(result.text(Metric.MEDIA_LOST_BA_MS)).isEqualTo("0");
        assertThat(result.text(Metric.RECOVERY_BA_MS)).isEqualTo("0");
        assertThat(result.text(Metric.MEDIA_GAP_MS)).isEqualTo("2020");
        assertThat(result.text(Metric.RECOVERY_MS)).isEqualTo("2000");
    }
}
