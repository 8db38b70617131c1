package org.icesim.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, 250000000", "1.5s, 1500000000", "2m, 120000000000", "1h, 3600000000000",
        "0.1s, 100000000", "10us, 10000", "7ns, 7", "0s, 0", "' 20ms ', 20000000"})
    void durationsAreExactNanoseconds(String text, long nanos) {
        assertThat(Quantities.duration(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "-5ms", "5 parsecs", "ms", "1.5ns", "1e3ms", "99999999999999999999h"})
    void badDurationsSayWhatIsAllowed(String text) {
        assertThatThrownBy(() -> Quantities.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.trim().isEmpty() ? "" : "'" + text + "'")
                .hasMessageContaining("unit");
    }

    @ParameterizedTest
    @CsvSource({"5Mbps, 5000000", "500kbps, 500000", "1.5Gbps, 1500000000", "64000bps, 64000"})
    void bitRates(String text, long bps) {
        assertThat(Quantities.bitRate(text)).isEqualTo(bps);
    }

    @ParameterizedTest
    @CsvSource({"64KB, 64000", "64KiB, 65536", "1500B, 1500", "1MiB, 1048576"})
    void sizes(String text, long bytes) {
        assertThat(Quantities.bytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"1%, 0.01", "0.5%, 0.005", "0.02, 0.02", "100%, 1.0", "0, 0.0"})
    void ratios(String text, double value) {
        assertThat(Quantities.ratio(text)).isEqualTo(value);
    }

    @Test
    void ratiosAboveOneAreRefused() {
        assertThatThrownBy(() -> Quantities.ratio("150%")).hasMessageContaining("more than 100%");
        assertThatThrownBy(() -> Quantities.ratio("1.5")).hasMessageContaining("more than 100%");
        assertThatThrownBy(() -> Quantities.ratio("5 pct")).hasMessageContaining("percentage");
    }

    @Test
    void durationsFormatBackToTheShortestExactText() {
        assertThat(Quantities.formatDuration(Quantities.duration("1.5s"))).isEqualTo("1500ms");
        assertThat(Quantities.formatDuration(Quantities.duration("2m"))).isEqualTo("2m");
        assertThat(Quantities.formatDuration(0)).isEqualTo("0ms");
    }
}
