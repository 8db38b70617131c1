package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutOfOrderRangesTest {

    private final OutOfOrderRanges ranges = new OutOfOrderRanges();

    @Test
    void aHoleFilledUpToARangeJoinsItAndStopsAtTheNextHole() {
        ranges.add(200, 300);
        ranges.add(400, 500);
        assertThat(ranges.advance(150)).isEqualTo(150);
        assertThat(ranges.advance(200)).isEqualTo(300);
        assertThat(ranges.isEmpty()).isFalse();
        assertThat(ranges.advance(450)).isEqualTo(500);
        assertThat(ranges.isEmpty()).isTrue();
    }

    @Test
    void overlappingAndTouchingRangesMerge() {
        ranges.add(300, 400);
        ranges.add(100, 200);
        ranges.add(150, 320);
        ranges.add(400, 450);
        assertThat(ranges.advance(100)).isEqualTo(450);
        assertThat(ranges.isEmpty()).isTrue();
    }

    @Test
    void aRangeInsideAnotherChangesNothing() {
        ranges.add(100, 500);
        ranges.add(200, 300);
        assertThat(ranges.advance(100)).isEqualTo(500);
    }
}
