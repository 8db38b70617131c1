package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelNumbersTest {

    @Test
    void bindsLooksUpReplacesAndUnbindsNumbers() {
        ChannelNumbers<String> table = new ChannelNumbers<>();
        assertThat(table.get(0x4000)).isNull();
        assertThat(table.put(0x4001, "b")).isNull();
        assertThat(table.put(0x4000, "a")).isNull();
        assertThat(table.put(0x4FFF, "z")).isNull();
        assertThat(table.get(0x4000)).isEqualTo("a");
        assertThat(table.get(0x4001)).isEqualTo("b");
        assertThat(table.get(0x4FFF)).isEqualTo("z");
        assertThat(table.get(0x4002)).isNull();

        assertThat(table.put(0x4001, "b2")).isEqualTo("b");
        assertThat(table.size()).isEqualTo(3);
        table.remove(0x4000);
        assertThat(table.get(0x4000)).isNull();
        assertThat(table.get(0x4001)).isEqualTo("b2");
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aConditionalRemovalLeavesANumberBoundToSomethingElse() {
        ChannelNumbers<String> table = new ChannelNumbers<>();
        String first = new String("peer");
        String second = new String("peer");
        table.put(0x4000, second);
        table.remove(0x4000, first); // equal, but not the binding it is bound to now
        assertThat(table.get(0x4000)).isSameAs(second);
        table.remove(0x4000, second);
        assertThat(table.get(0x4000)).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void nullIsNoBinding() {
        assertThatThrownBy(() -> new ChannelNumbers<String>().put(0x4000, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel 16384 must be bound to something, was null");
    }

    @Test
    void agreesWithAMapOverRandomBindingsAndRemovalsAcrossTheWholeRange() {
        Random random = new Random(7);
        ChannelNumbers<Integer> table = new ChannelNumbers<>();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            int number = 0x4000 + random.nextInt(step < 10_000 ? 64 : 0x1000);
            Integer value = step; // one object in both, so the conditional removal can match it
            switch (random.nextInt(4)) {
                case 0, 1 -> assertThat(table.put(number, value)).isEqualTo(expected.put(number, value));
                case 2 -> {
                    table.remove(number);
                    expected.remove(number);
                }
                default -> {
                    Integer bound = expected.get(number);
                    table.remove(number, bound);
                    if (bound != null) {
                        expected.remove(number);
                    }
                }
            }
            assertThat(table.get(number)).isEqualTo(expected.get(number));
            assertThat(table.size()).isEqualTo(expected.size());
        }
        for (int number = 0x4000; number <= 0x4FFF; number++) {
            assertThat(table.get(number)).isEqualTo(expected.get(number));
        }
    }
}
