package org.icesim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownFailuresTest {

    @TempDir
    Path dir;

    private List<KnownFailure> read(String text) throws Exception {
        Files.writeString(dir.resolve(KnownFailures.FILE), text);
        return KnownFailures.in(dir);
    }

    @Test
    void entriesNameACaseAndOptionallyARoundTripAndAMetric() throws Exception {
        List<KnownFailure> entries = read("""
                # cells known to fail, each with its reason
                - case: fidelity-cut-32s-never
                  reason: libwebrtc destroys timed-out connections (HandleAllTimedOut)
                - {case: fidelity-restart-healthy, rtt: 200ms, metric: recovery_ms, reason: pacing}
                """);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).rttNanos()).isEmpty();
        assertThat(entries.get(0).metric()).isEmpty();
        assertThat(entries.get(0).at().line()).isEqualTo(2);
        assertThat(entries.get(1).rttNanos()).hasValue(200 * Durations.NANOS_PER_MILLI);
        assertThat(entries.get(1).metric()).hasValue(Metric.RECOVERY_MS);
    }

    @Test
    void noFileOrAnEmptyFileAllowsNothing() throws Exception {
        assertThat(KnownFailures.in(dir)).isEmpty();
        assertThat(read("# nothing known to fail\n")).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithLineAndColumn() {
        assertThatThrownBy(() -> read("""
                - {case: a, reason: r, metric: media_gap_ms}
                - {case: b, rtt: fast, reason: r}
                - {case: c}
                - {case: d, reason: r, rrt: 80ms}
                - just text
                - {case: e, reason: "  "}
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                .containsExactly(
                        dir.resolve(KnownFailures.FILE) + ":1:32: [0].metric: 'media_gap_ms' is not a compared metric; allowed: "
                                + "detect_disconnected_ms, detect_failed_ms, detect_connection_failed_ms, restart_latency_ms, "
                                + "recovery_ms",
                        dir.resolve(KnownFailures.FILE) + ":2:18: [1].rtt: 'fast' is not a duration with a unit: ns, us, ms, "
                                + "s, m or h (e.g. 250ms, 1.5s, 2m)",
                        dir.resolve(KnownFailures.FILE) + ":3:3: [2].reason: required",
                        dir.resolve(KnownFailures.FILE) + ":4:24: [3].rrt: unknown key (did you mean 'rtt'?); allowed: case, "
                                + "rtt, metric, reason",
                        dir.resolve(KnownFailures.FILE) + ":5:3: [4]: must be a map {case, rtt, metric, reason}, was a value",
                        dir.resolve(KnownFailures.FILE) + ":6:21: [5].reason: must say why the cells fail"));
    }

    @Test
    void anAllowListMustBeAList() {
        assertThatThrownBy(() -> read("case: a\nreason: b\n")).hasMessageContaining(
                KnownFailures.FILE + ":1:1: an allow-list is a YAML list of {case, rtt, metric, reason} entries, was a map");
    }
}
