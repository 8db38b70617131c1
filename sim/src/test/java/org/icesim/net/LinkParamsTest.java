package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;

import org.junit.jupiter.api.Test;

class LinkParamsTest {

    private final LinkParams ideal = LinkParams.ideal(millis(10));

    @Test
    void idealLinkOnlyDelays() {
        assertThat(ideal).isEqualTo(new LinkParams(millis(10), Jitter.NONE, false, LossModel.NONE,
                LinkParams.UNLIMITED_BANDWIDTH, LinkParams.UNLIMITED_QUEUE, true));
        assertThat(ideal.serializationNanos(1500)).isZero();
    }

    @Test
    void withersChangeOneParameter() {
        LinkParams changed = ideal.withDelay(millis(20)).withJitter(Jitter.halfNormal(millis(1))).withReorder(true)
                .withLoss(LossModel.bernoulli(0.01)).withBandwidth(1_000_000).withQueueCapacity(64_000).withUp(false);
        assertThat(changed).isEqualTo(new LinkParams(millis(20), new Jitter.HalfNormal(millis(1)), true,
                new LossModel.Bernoulli(0.01), 1_000_000, 64_000, false));
    }

    @Test
    void serializationIsWireBitsOverBandwidthRoundedUpToAWholeNanosecond() {
        assertThat(ideal.withBandwidth(1_000_000).serializationNanos(1500)).isEqualTo(millis(12));
        // 100 bytes at 3 Mbit/s = 266666.66... ns
        assertThat(ideal.withBandwidth(3_000_000).serializationNanos(100)).isEqualTo(266_667);
        assertThat(ideal.withBandwidth(Long.MAX_VALUE).serializationNanos(1)).isEqualTo(1);
    }

    @Test
    void invalidValuesAreRejectedWithNameValueAndRange() {
        assertThatThrownBy(() -> LinkParams.ideal(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be in [0, 86400000000000] ns, was -1 ns");
        assertThatThrownBy(() -> ideal.withBandwidth(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bandwidth must be >= 0 bit/s, was -5 bit/s");
        assertThatThrownBy(() -> ideal.withQueueCapacity(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue capacity must be >= 0 bytes, was -1 bytes");
        assertThatThrownBy(() -> ideal.withLoss(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss must not be null");
        assertThatThrownBy(() -> ideal.withJitter(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must not be null");
    }
}
