package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {

    @Test
    void wilsonIntervalOfHalf() {
        Proportion p = Proportion.of(5, 10);
        assertThat(p.proportion()).isEqualTo(0.5);
        assertThat(p.ci95().low()).isCloseTo(0.2366, within(1e-4));
        assertThat(p.ci95().high()).isCloseTo(0.7634, within(1e-4));
    }

    @Test
    void wilsonStaysInsideZeroToOneAtTheEdges() {
        // At 0 of n the Wilson upper bound is z²/(n + z²) = 0.2775 for n = 10; the normal approximation would give [0, 0].
        Proportion none = Proportion.of(0, 10);
        assertThat(none.ci95().low()).isEqualTo(0);
        assertThat(none.ci95().high()).isCloseTo(0.2775, within(1e-4));
        Proportion all = Proportion.of(10, 10);
        assertThat(all.ci95().low()).isCloseTo(0.7225, within(1e-4));
        assertThat(all.ci95().high()).isEqualTo(1);
    }

    @Test
    void noTrialsHaveNoProportion() {
        Proportion p = Proportion.of(0, 0);
        assertThat(p.proportion()).isNull();
        assertThat(p.ci95()).isNull();
    }

    @Test
    void successesMustFitTheTrials() {
        assertThatThrownBy(() -> Proportion.of(11, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("successes must be in [0, trials], was 11 of 10");
    }
}
