package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A set-link's change: only the properties it gives replace the link's; bringing a link up is no fault. */
class LinkChangeTest {

    private static final LinkChange NOTHING = new LinkChange(OptionalLong.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    @Test
    void onlyThePropertiesGivenReplaceTheLinksOwn() {
        LinkParams base = new LinkParams(10_000_000, new Jitter.HalfNormal(1_000_000), false, new LossModel.Bernoulli(0.01),
                5_000_000, 64_000, true);
        LinkChange slower = new LinkChange(OptionalLong.of(200_000_000), Optional.empty(), Optional.empty(),
                Optional.of(LossModel.NONE), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        assertThat(base.with(slower)).isEqualTo(new LinkParams(200_000_000, new Jitter.HalfNormal(1_000_000), false,
                LossModel.NONE, 5_000_000, 64_000, true));
        assertThat(base.with(NOTHING)).isEqualTo(base);
    }

    @Test
    void bringingALinkUpIsTheOnlyChangeThatDoesNotDegradeIt() {
        LinkChange up = new LinkChange(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.of(true));
        LinkChange down = new LinkChange(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.of(false));
        LinkChange queue = new LinkChange(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.of(1500), Optional.of(true));
        assertThat(up.degrades()).isFalse();
        assertThat(NOTHING.degrades()).isFalse();
        assertThat(down.degrades()).isTrue();
        assertThat(queue.degrades()).isTrue();
    }
}
