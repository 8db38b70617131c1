package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Fluid-mode stretches in {@link MediaArrivals} and how {@link MediaWindow} reads them. */
class MediaArrivalsStretchTest {

    @Test
    void noGapInsideAStretch_onlyBetweenStretches() {
        MediaArrivals arrivals = new MediaArrivals();
        arrivals.arrivedThrough(millis(0), millis(1000));
        arrivals.arrivedThrough(millis(1020), millis(2000));
        arrivals.arrivedThrough(millis(3500), millis(4000));
        MediaWindow window = MediaWindow.of(arrivals, millis(500), millis(4000), millis(200));
        assertThat(window.longestGapNanos()).isEqualTo(millis(1500));
        assertThat(window.lostNanos()).isEqualTo(millis(1500));
        assertThat(window.recoveryNanos()).isEqualTo(OptionalLong.of(millis(3000)));
    }

    @Test
    void aStretchStartingBeforeThePreviousArrivalStartsAtIt() {
        MediaArrivals arrivals = new MediaArrivals();
        arrivals.arrived(millis(100));
        arrivals.arrivedThrough(millis(50), millis(150));
        assertThat(arrivals.count()).isEqualTo(3);
        assertThat(arrivals.time(1)).isEqualTo(millis(100));
        assertThat(arrivals.continuousWithPrevious(2)).isTrue();
        assertThat(arrivals.continuousWithPrevious(1)).isFalse();
    }
}
