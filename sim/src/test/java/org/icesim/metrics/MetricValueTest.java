package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** runs.csv's cell of each kind of metric value, and reading it back into the same value. */
class MetricValueTest {

    @Test
    void everyKindReadsBackAsTheValueItWasWrittenFrom() {
        Map<Metric, MetricValue> values = Map.of(
                Metric.RESTART_LATENCY_MS, new MetricValue.Duration(1_234_567_891L),
                Metric.REFERENCE_MS, new MetricValue.Instant(20_000_000_001L),
                Metric.STUN_CHECKS_SENT, new MetricValue.Count(42),
                Metric.USED_TURN, new MetricValue.Flag(true),
                Metric.SELECTED_PAIR_AFTER, new MetricValue.Text("relay/host"));
        assertThat(values.keySet().stream().map(Metric::kind)).containsExactlyInAnyOrder(Metric.Kind.values());
        values.forEach((metric, value) -> assertThat(MetricValue.parse(metric, value.text())).isEqualTo(value));
        assertThat(values.get(Metric.RESTART_LATENCY_MS).text()).isEqualTo("1234.567891");
        assertThat(values.get(Metric.REFERENCE_MS).text()).isEqualTo("20000.000001");
        assertThat(values.get(Metric.USED_TURN).text()).isEqualTo("1");
    }

    @Test
    void statisticsTakeTimesInMillisecondsAndFlagsAsOneOrZero() {
        assertThat(new MetricValue.Duration(1_500_000).number()).isEqualTo(1.5);
        assertThat(new MetricValue.Count(7).number()).isEqualTo(7);
        assertThat(new MetricValue.Flag(false).number()).isEqualTo(0);
        assertThatThrownBy(() -> new MetricValue.Text("host/host").number()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCellNotInItsKindsFormIsRefusedSayingTheForm() {
        assertThatThrownBy(() -> MetricValue.parse(Metric.MEDIA_GAP_MS, "1e3"))
                .hasMessageStartingWith("must be milliseconds as a decimal number");
        assertThatThrownBy(() -> MetricValue.parse(Metric.MEDIA_GAP_MS, "1.0000001"))
                .hasMessageContaining("at most 6 decimals");
        assertThatThrownBy(() -> MetricValue.parse(Metric.MEDIA_GAP_MS, "9999999999999"))
                .hasMessageStartingWith("must be at most 9223372036854.775807 ms");
        assertThatThrownBy(() -> MetricValue.parse(Metric.CALLS, "1.5")).hasMessageStartingWith("must be a whole number");
        assertThatThrownBy(() -> MetricValue.parse(Metric.CALLS, "9999999999999999999"))
                .hasMessageStartingWith("must be at most 9223372036854775807");
        assertThatThrownBy(() -> MetricValue.parse(Metric.USED_TURN, "yes")).hasMessageStartingWith("must be 0 or 1");
        assertThatThrownBy(() -> MetricValue.parse(Metric.SELECTED_PAIR_AFTER, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
