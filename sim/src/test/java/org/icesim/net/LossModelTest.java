package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossModelTest {

    @Test
    void gilbertFromMeanLossAndBurstLeavesTheBadStateOncePerBurstOnAverage() {
        LossModel.GilbertElliott model = LossModel.GilbertElliott.fromMeanLossAndBurst(0.05, 4);
        assertThat(model.badToGood()).isEqualTo(0.25);
        assertThat(model.goodToBad()).isCloseTo(0.05 / (0.95 * 4), within(1e-15));
        assertThat(model.lossInGood()).isZero();
        assertThat(model.lossInBad()).isEqualTo(1);
        assertThat(model.meanLossRate()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void invalidProbabilitiesAreRejectedWithNameValueAndRange() {
        assertThatThrownBy(() -> LossModel.bernoulli(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss probability p must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> LossModel.bernoulli(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss probability p must be in [0, 1], was NaN");
        assertThatThrownBy(() -> new LossModel.GilbertElliott(0.1, 0.2, -0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gilbert-Elliott lossInGood must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> new LossModel.GilbertElliott(0.1, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Gilbert-Elliott badToGood must be > 0 when goodToBad is > 0");
    }

    @Test
    void impossibleGilbertTargetsAreRejected() {
        assertThatThrownBy(() -> LossModel.GilbertElliott.fromMeanLossAndBurst(1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gilbert-Elliott mean loss rate must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> LossModel.GilbertElliott.fromMeanLossAndBurst(0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gilbert-Elliott mean burst length must be a finite number >= 1 (packets), was 0.5");
        // Bursts of 1 packet cannot make up more than half of all packets.
        assertThatThrownBy(() -> LossModel.GilbertElliott.fromMeanLossAndBurst(0.6, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gilbert-Elliott mean loss rate must be <= burst / (burst + 1) = 0.5"
                        + " for mean burst length 1.0 packets, was 0.6");
    }
}
