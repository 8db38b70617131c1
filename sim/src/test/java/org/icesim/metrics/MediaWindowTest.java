package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MediaWindowTest {

    private static final long MS = 1_000_000L;
    private static final long THRESHOLD = 200 * MS;

    /** Audio every 20 ms from {@code from} (inclusive) to {@code to} (exclusive). */
    private static void audio(MediaArrivals arrivals, long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 20) {
            arrivals.arrived(t * MS);
        }
    }

    @Test
    void aCutOfTenSecondsIsAGapOfTenSecondsAndAPacket() {
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 0, 20_000);        // last packet before the fault at 19 980 ms
        audio(arrivals, 30_000, 60_000);   // back at 30 000 ms
        MediaWindow window = MediaWindow.of(arrivals, 20_000 * MS, 60_000 * MS, THRESHOLD);
        assertThat(window.longestGapNanos()).isEqualTo(10_020 * MS);
        assertThat(window.lostNanos()).isEqualTo(10_020 * MS);
        assertThat(window.recoveryNanos()).isEqualTo(OptionalLong.of(10_000 * MS));
    }

    @Test
    void uninterruptedMediaRecoversInZero() {
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 0, 60_000);
        MediaWindow window = MediaWindow.of(arrivals, 20_010 * MS, 60_000 * MS, THRESHOLD);
        assertThat(window.longestGapNanos()).isEqualTo(20 * MS);
        assertThat(window.lostNanos()).isZero();
        assertThat(window.recoveryNanos()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void mediaThatNeverComesBackHasNoRecoveryAndCountsUntilTheEnd() {
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 0, 20_000);
        MediaWindow window = MediaWindow.of(arrivals, 20_000 * MS, 50_000 * MS, THRESHOLD);
        assertThat(window.longestGapNanos()).isEqualTo(30_020 * MS);
        assertThat(window.lostNanos()).isEqualTo(30_020 * MS);
        assertThat(window.recoveryNanos()).isEmpty();
    }

    @Test
    void shortGapsBelowTheThresholdAreNotLossButTwoInterruptionsAddUp() {
        MediaArrivals arrivals = new MediaArrivals();
        audio(arrivals, 0, 1_000);
        audio(arrivals, 1_150, 2_000);   // 170 ms gap: jitter, not an interruption
        audio(arrivals, 3_000, 4_000);   // 1 010 ms gap (last packet at 1 990 ms)
        audio(arrivals, 4_500, 6_000);   // 520 ms gap
        MediaWindow window = MediaWindow.of(arrivals, 500 * MS, 6_000 * MS, THRESHOLD);
        assertThat(window.longestGapNanos()).isEqualTo(1_010 * MS);
        assertThat(window.lostNanos()).isEqualTo(1_530 * MS);
        assertThat(window.recoveryNanos()).isEqualTo(OptionalLong.of(2_500 * MS));
    }

    @Test
    void arrivalsMustNotGoBackInTime() {
        MediaArrivals arrivals = new MediaArrivals();
        arrivals.arrived(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> arrivals.arrived(5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(arrivals.firstAfter(10)).isEqualTo(1);
        assertThat(arrivals.firstAfter(9)).isZero();
    }

    @Test
    void millisecondsAreWrittenExactly() {
        assertThat(RunResult.millisText(1_500_000)).isEqualTo("1.5");
        assertThat(RunResult.millisText(20 * MS)).isEqualTo("20");
        assertThat(RunResult.millisText(1)).isEqualTo("0.000001");
        assertThat(new RunResult().putNanos(Metric.MEDIA_GAP_MS, 10_020 * MS).text(Metric.MEDIA_GAP_MS)).isEqualTo("10020");
        assertThat(new RunResult().text(Metric.RECOVERY_MS)).isEmpty();
    }
}
