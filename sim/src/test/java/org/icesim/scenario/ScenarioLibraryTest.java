package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunResult;
import org.icesim.testkit.SuiteChecks;
import org.icesim.world.CallRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario of the library (each sweep point, first seed) and checks the result its
 * header comment promises. A scenario added to {@code scenarios/} without an expectation here
 * fails the build.
 */
class ScenarioLibraryTest {

    private static final Path LIBRARY = Path.of("../scenarios");

    /** Each scenario's expectation, given the results of its sweep points by point parameters. */
    private static final Map<String, Consumer<Map<String, RunResult>>> EXPECTATIONS = new LinkedHashMap<>();

    static {
        EXPECTATIONS.put("healthy-call", runs -> runs.values().forEach(r -> {
            assertThat(text(r, Metric.USED_TURN)).isEqualTo("0");
            assertThat(ms(r, Metric.MEDIA_LOST_MS)).isZero();
            assertThat(text(r, Metric.SELECTED_PAIR_AFTER)).doesNotContain("relay").isNotEmpty();
        }));
        EXPECTATIONS.put("restart-healthy-path", runs -> {
            for (String keeper : List.of("libwebrtc", "rfc")) {
                RunResult r = point(runs, keeper);
                assertThat(ms(r, Metric.MEDIA_LOST_MS)).as(keeper).isZero();
                assertThat(ms(r, Metric.RESTART_LATENCY_MS)).as(keeper).isPositive();
            }
            assertThat(ms(point(runs, "pion"), Metric.MEDIA_LOST_MS)).as("pion drops the old pair").isPositive();
        });
        EXPECTATIONS.put("link-flap-short", runs -> runs.values().forEach(r -> {
            assertThat(text(r, Metric.DETECT_DISCONNECTED_MS)).isEmpty();
            assertThat(ms(r, Metric.RECOVERY_MS)).isBetween(2000.0, 2500.0);
        }));
        EXPECTATIONS.put("link-flap-long", runs -> {
            runs.values().forEach(r -> {
                // 5 s / 15 s after the first unanswered ping, which comes within one stable ping
                // interval (2.5 s) of the cut, on the connection's own schedule; failed shows in
                // connectionState only, iceConnectionState staying disconnected (as in Chromium).
                assertThat(ms(r, Metric.DETECT_DISCONNECTED_MS)).isBetween(5000.0, 7500.0);
                assertThat(text(r, Metric.DETECT_FAILED_MS)).isEmpty();
                assertThat(ms(r, Metric.DETECT_CONNECTION_FAILED_MS)).isBetween(15_000.0, 17_600.0);
            });
            // Every connection timed out at 15 s and was destroyed (HandleAllTimedOut): without a
            // restart nothing comes back, nor with on-failed, which watches iceConnectionState; with
            // a restart, media returns only after the link (25 s).
            assertThat(text(point(runs, "never"), Metric.RECOVERY_MS)).isEmpty();
            assertThat(text(point(runs, "policy=on-failed}"), Metric.RESTART_LATENCY_MS)).isEmpty();
            assertThat(text(point(runs, "policy=on-failed}"), Metric.RECOVERY_MS)).isEmpty();
            for (String policy : List.of("on-failed(connection)", "on-disconnected(2s)")) {
                assertThat(ms(point(runs, policy), Metric.RESTART_LATENCY_MS)).isPositive();
                assertThat(ms(point(runs, policy), Metric.RECOVERY_MS)).isGreaterThan(25_000.0);
            }
        });
        EXPECTATIONS.put("wifi-to-cellular", runs -> {
            double previous = 0;
            for (RunResult r : runs.values()) {
                double latency = ms(r, Metric.RESTART_LATENCY_MS);
                assertThat(latency).as("restart latency grows with the cellular delay").isGreaterThan(previous);
                assertThat(ms(r, Metric.RECOVERY_MS)).isPositive();
                previous = latency;
            }
        });
        EXPECTATIONS.put("cellular-to-wifi", runs -> runs.values().forEach(r -> {
            assertThat(ms(r, Metric.MEDIA_LOST_MS)).isZero();
            assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isPositive();
        }));
        EXPECTATIONS.put("nat-reboot", runs -> {
            assertThat(text(point(runs, "never"), Metric.RECOVERY_MS)).isEmpty();
            assertThat(ms(point(runs, "on-failed(connection)"), Metric.DETECT_CONNECTION_FAILED_MS)).isBetween(15_000.0, 17_600.0);
            assertThat(ms(point(runs, "on-failed(connection)"), Metric.RECOVERY_MS)).isBetween(15_000.0, 19_000.0);
            assertThat(text(point(runs, "policy=on-failed}"), Metric.RECOVERY_MS)).as("iceConnectionState never fails").isEmpty();
            assertThat(ms(point(runs, "on-disconnected"), Metric.RECOVERY_MS)).isBetween(7000.0, 11_000.0);
        });
        EXPECTATIONS.put("nat-timeout-silence", runs -> runs.values().forEach(r ->
                assertThat(text(r, Metric.DETECT_DISCONNECTED_MS)).isEmpty()));
        EXPECTATIONS.put("symmetric-both", runs -> runs.values().forEach(r -> {
            assertThat(text(r, Metric.USED_TURN)).isEqualTo("1");
            assertThat(text(r, Metric.SELECTED_PAIR_AFTER)).contains("relay");
            assertThat(ms(r, Metric.MEDIA_LOST_MS)).isZero();
            assertThat(ms(r, Metric.TURN_ALLOCATIONS)).as("the restart re-allocates").isGreaterThanOrEqualTo(4);
        }));
        EXPECTATIONS.put("udp-blocked", runs -> runs.values().forEach(r -> {
            assertThat(text(r, Metric.USED_TURN)).isEqualTo("1");
            assertThat(text(r, Metric.SELECTED_PAIR_AFTER)).contains("relay");
        }));
        EXPECTATIONS.put("turn-crash", runs -> runs.values().forEach(r -> {
            assertThat(ms(r, Metric.DETECT_DISCONNECTED_MS)).isPositive();
            assertThat(ms(r, Metric.DETECT_CONNECTION_FAILED_MS)).isBetween(15_000.0, 17_600.0);
            assertThat(ms(r, Metric.RECOVERY_MS)).isBetween(15_000.0, 19_000.0);
        }));
        EXPECTATIONS.put("signaling-outage-restart", runs -> runs.values().forEach(r -> {
            assertThat(ms(r, Metric.SIGNALING_MS)).isGreaterThan(5000.0);
            assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isGreaterThan(ms(r, Metric.SIGNALING_MS));
        }));
        EXPECTATIONS.put("glare", runs -> runs.values().forEach(r -> {
            assertThat(ms(r, Metric.MEDIA_LOST_MS)).isZero();
            assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isPositive();
        }));
        EXPECTATIONS.put("lossy-path", runs -> runs.values().forEach(r ->
                assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isPositive()));
        EXPECTATIONS.put("satellite", runs -> runs.values().forEach(r ->
                assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isGreaterThan(1200.0)));
        EXPECTATIONS.put("reference-call", runs -> runs.values().forEach(r -> {
            assertThat(text(r, Metric.SELECTED_PAIR_BEFORE)).doesNotContain("relay").isNotEmpty();
            // Behind the symmetric carrier NAT only a relayed pair reaches the port-restricted peer.
            assertThat(text(r, Metric.SELECTED_PAIR_AFTER)).contains("relay");
            assertThat(ms(r, Metric.RESTART_LATENCY_MS)).isPositive();
            assertThat(ms(r, Metric.RECOVERY_MS)).isBetween(300.0, 1500.0);
        }));
        EXPECTATIONS.put("profile-comparison", runs -> runs.values().forEach(r -> {
            assertThat(ms(r, Metric.DETECT_DISCONNECTED_MS)).isBetween(4000.0, 10_000.0);
            assertThat(text(r, Metric.DETECT_FAILED_MS)).isEmpty();
            assertThat(ms(r, Metric.RECOVERY_MS)).isBetween(8000.0, 9000.0);
        }));
    }

    static {
        // The capacity files run here as 20-call fleets for 2 minutes (FLEET_SIZE_HERE).
        for (String name : List.of("capacity-100", "capacity-1k", "capacity-10k")) {
            EXPECTATIONS.put(name, runs -> runs.values().forEach(r -> {
                assertThat(text(r, Metric.CALLS)).isEqualTo("20");
                assertThat(text(r, Metric.CALLS_CONNECTED)).isEqualTo("20");
                assertThat(Long.parseLong(text(r, Metric.CALLS_RELAYED_AT_END))).isPositive();
                assertThat(text(r, Metric.USED_TURN)).isEqualTo("1");
            }));
        }
    }

    private static final String CAPACITY = "capacity";

    /** A fleet file is run at this size here; its full size is measured in docs/performance.md, Scale. */
    private static final Map<String, String> FLEET_SIZE_HERE = Map.of("fleet.calls", "20", "duration", "2m");

    /** The library's files, then the capacity files (kept in their own folder so a batch of the library skips them). */
    static Stream<Path> scenarioFiles() throws IOException {
        return Stream.concat(yamlIn(LIBRARY), yamlIn(LIBRARY.resolve(CAPACITY)));
    }

    private static Stream<Path> yamlIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void everyScenarioHasAnExpectation() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : scenarioFiles().toList()) {
            names.add(file.getFileName().toString().replace(".yaml", ""));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(12);
        assertThat(EXPECTATIONS.keySet()).containsExactlyInAnyOrderElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void theScenarioShowsWhatItsCommentExpects(Path file) throws Exception {
        Map<String, RunResult> runs = new LinkedHashMap<>();
        boolean fleet = file.getParent().getFileName().toString().equals(CAPACITY);
        for (ScenarioPoint point : new ScenarioLoader().load(file, fleet ? FLEET_SIZE_HERE : Map.of())) {
            long seed = RandomStreams.replicationSeed(point.scenario().baseSeed(), 0);
            runs.put(point.parameters().toString(), new CallRunner().run(point, seed, SuiteChecks.METRICS_ONLY).result());
        }
        EXPECTATIONS.get(file.getFileName().toString().replace(".yaml", "")).accept(runs);
    }

    private static RunResult point(Map<String, RunResult> runs, String parameterText) {
        return runs.entrySet().stream().filter(e -> e.getKey().contains(parameterText)).findFirst()
                .orElseThrow(() -> new AssertionError("no sweep point with " + parameterText + " in " + runs.keySet()))
                .getValue();
    }

    private static String text(RunResult result, Metric metric) {
        return result.text(metric);
    }

    private static double ms(RunResult result, Metric metric) {
        return result.number(metric).orElseThrow(() -> new AssertionError(metric.column() + " has no value"));
    }
}
