package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.micros;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    private final RttEstimator estimator = new RttEstimator(TcpConfig.defaults());

    @Test
    void beforeAnySampleTheRtoIsOneSecond() {
        // RFC 6298 §2.1
        assertThat(estimator.rto()).isEqualTo(seconds(1));
        assertThat(estimator.smoothedRtt()).isEqualTo(-1);
    }

    @Test
    void theFirstSampleSetsSrttToItAndRttvarToHalfOfIt() {
        // RFC 6298 §2.2: RTO = R + 4 * R/2 = 3R.
        estimator.addSample(millis(100));
        assertThat(estimator.smoothedRtt()).isEqualTo(millis(100));
        assertThat(estimator.rto()).isEqualTo(millis(300));
    }

    @Test
    void laterSamplesAreSmoothedWithAlphaOneEighthAndBetaOneQuarter() {
        // RFC 6298 §2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        estimator.addSample(millis(100));
        estimator.addSample(millis(200));
        assertThat(estimator.smoothedRtt()).isEqualTo(micros(112_500));
        assertThat(estimator.rto()).isEqualTo(micros(112_500 + 4 * 62_500));
    }

    @Test
    void theRtoIsHeldBetweenItsFloorAndCeiling() {
        // RFC 6298 §2.4 (floor, Linux 200 ms here) and §2.5 (ceiling, 120 s).
        estimator.addSample(millis(20));
        assertThat(estimator.rto()).isEqualTo(millis(200));
        RttEstimator rfcFloor = new RttEstimator(TcpConfig.defaults().withMinRto(seconds(1)));
        rfcFloor.addSample(millis(20));
        assertThat(rfcFloor.rto()).isEqualTo(seconds(1));
        RttEstimator slow = new RttEstimator(TcpConfig.defaults());
        slow.addSample(seconds(50));
        assertThat(slow.rto()).isEqualTo(seconds(120));
    }

    @Test
    void eachBackOffDoublesTheRtoUpToTheCeiling() {
        // RFC 6298 §5.5
        List<Long> rtos = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rtos.add(estimator.rto() / seconds(1));
            estimator.backOff();
        }
        assertThat(rtos).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L);
    }

    @Test
    void aNewSampleClearsTheBackOff() {
        // Karn's algorithm: the backed-off RTO stays until a valid sample arrives.
        estimator.addSample(millis(100));
        estimator.backOff();
        estimator.backOff();
        assertThat(estimator.rto()).isEqualTo(millis(1200));
        estimator.addSample(millis(100));
        assertThat(estimator.rto()).isLessThan(millis(300));
    }

    @Test
    void aHandshakeWithoutSampleLeavesDataAThreeSecondRto() {
        // RFC 6298 §5.7
        estimator.backOff();
        estimator.handshakeCompletedWithoutSample();
        assertThat(estimator.rto()).isEqualTo(seconds(3));

        RttEstimator sampled = new RttEstimator(TcpConfig.defaults());
        sampled.addSample(millis(100));
        sampled.handshakeCompletedWithoutSample();
        assertThat(sampled.rto()).isEqualTo(millis(300));
    }
}
