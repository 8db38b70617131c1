package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"1h, 3600000000000", "2min, 120000000000", "2m, 120000000000", "250µs, 250000", "250us, 250000",
        "0.1s, 100000000", "7ns, 7", "0s, 0"})
    void theGrammarReadsEveryUnitExactly(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "5", "-1s", "1.5ns", "3 parsecs", "1e3ms"})
    void anythingElseIsRefusedWithTheForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("unit");
    }

    @Test
    void formatGivesTheShortestTextTheGrammarReadsBack() {
        for (long nanos : new long[] {0, 7, 250_000, 1_500_000_000L, 120_000_000_000L, 3_600_000_000_000L}) {
            assertThat(Durations.parse(Durations.format(nanos))).isEqualTo(nanos);
        }
        assertThat(Durations.format(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(Durations.format(3_600_000_000_000L)).isEqualTo("1h");
    }
}
