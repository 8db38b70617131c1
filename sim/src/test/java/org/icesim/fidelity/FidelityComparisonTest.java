package org.icesim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.fidelity.FidelitySets.plus;
import static org.icesim.fidelity.FidelitySets.set;
import static org.icesim.fidelity.FidelitySets.times;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityVerdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison machinery on a "real" set derived from a simulated one: cells changed within the
 * tolerance pass, cells moved beyond it or between never and a value fail, every other cell
 * passes, and an allow-list turns the failures it names into known failures.
 */
class FidelityComparisonTest {

    @TempDir
    static Path dir;

    private static SimulatedSuite simulated;

    @BeforeAll
    static void simulate() throws Exception {
        Path suite = FidelitySets.twoCaseSuite(dir.resolve("suite"));
        simulated = SimulatedSuite.simulate(suite, RealStack.CHROMIUM.profile(), 1, 2, dir.resolve("simulated"),
                FidelitySets.PROVENANCE);
    }

    /** The derived set: two cells within tolerance, three outside (one beyond the tolerance, two never ↔ value). */
    private static Path derived(String name) throws Exception {
        Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        // 80 ms round trip: the restart latency (a few hundred ms) may move by one round trip.
        edits.put("fidelity-restart-healthy/p1 restart_latency_ms", plus(79));
        // 200 ms round trip: doubling a latency of under a second is more than one round trip.
        edits.put("fidelity-restart-healthy/p2 restart_latency_ms", times(2));
        // 5 s detection: 9 % more is within 10 %.
        edits.put("fidelity-cut-12s-never/p2 detect_disconnected_ms", times(1.09));
        edits.put("fidelity-cut-12s-never/p0 recovery_ms", set(""));
        edits.put("fidelity-cut-12s-never/p1 detect_failed_ms", set("15000"));
        return FidelitySets.derive(dir.resolve("simulated"), dir.resolve(name).resolve("chromium-0.test"), edits);
    }

    private static FidelityCell cell(FidelityComparison comparison, String id, String metric) {
        return comparison.cells().stream().filter(c -> c.group().id().equals(id) && c.metric().column().equals(metric))
                .findFirst().orElseThrow();
    }

    @Test
    void theSimulationAgainstItselfPassesEveryCell() throws Exception {
        Path same = FidelitySets.derive(dir.resolve("simulated"), dir.resolve("same").resolve("pion-0.test"), Map.of());
        FidelityComparison comparison = FidelityComparison.of(simulated, RealBaseline.read(same));
        assertThat(comparison.cells()).hasSize(2 * 3 * FidelityMetrics.COMPARED.size());
        assertThat(comparison.cells()).allMatch(c -> c.verdict() == FidelityVerdict.PASS);
        assertThat(comparison.failed()).isFalse();
        assertThat(cell(comparison, "fidelity-restart-healthy/p1", "restart_latency_ms").rttMs()).isEqualTo(80);
        assertThat(cell(comparison, "fidelity-restart-healthy/p2", "restart_latency_ms").rttMs()).isEqualTo(200);
    }

    @Test
    void exactlyTheCellsMovedBeyondTheRuleFail() throws Exception {
        FidelityComparison comparison = FidelityComparison.of(simulated, RealBaseline.read(derived("moved")));
        assertThat(comparison.cells().stream().filter(c -> c.verdict() == FidelityVerdict.FAIL)
                .map(c -> c.group().id() + " " + c.metric().column() + ": " + c.reason()))
                .containsExactly(
                        "fidelity-cut-12s-never/p0 recovery_ms: real never, simulated a value",
                        "fidelity-cut-12s-never/p1 detect_failed_ms: real a value, simulated never",
                        "fidelity-restart-healthy/p2 restart_latency_ms: off by more than the tolerance");
        assertThat(cell(comparison, "fidelity-restart-healthy/p1", "restart_latency_ms").verdict())
                .isEqualTo(FidelityVerdict.PASS);
        assertThat(cell(comparison, "fidelity-cut-12s-never/p2", "detect_disconnected_ms").verdict())
                .isEqualTo(FidelityVerdict.PASS);
        // every cell of the two cases at three points passes but the three moved ones
        assertThat(comparison.tally().pass()).isEqualTo(2 * 3 * FidelityMetrics.COMPARED.size() - 3);
        assertThat(comparison.failed()).isTrue();
    }

    @Test
    void theAllowListTurnsTheFailuresItNamesIntoKnownFailuresAndReportsStaleEntries() throws Exception {
        Path real = derived("allowed");
        Files.writeString(real.resolve(KnownFailures.FILE), """
                - {case: fidelity-cut-12s-never, reason: the stack destroys timed-out connections}
                - case: fidelity-restart-healthy
                  rtt: 200ms
                  metric: restart_latency_ms
                  reason: gathering waits for the TURN allocation
                - {case: fidelity-restart-healthy, rtt: 20ms, reason: no cell fails here}
                """);
        FidelityComparison comparison = FidelityComparison.of(simulated, RealBaseline.read(real));
        assertThat(comparison.failed()).isFalse();
        assertThat(comparison.tally().known()).isEqualTo(3);
        assertThat(cell(comparison, "fidelity-restart-healthy/p2", "restart_latency_ms").knownReason())
                .isEqualTo("gathering waits for the TURN allocation");
        assertThat(cell(comparison, "fidelity-cut-12s-never/p0", "recovery_ms").knownReason())
                .isEqualTo("the stack destroys timed-out connections");
        assertThat(comparison.unusedKnown()).extracting(KnownFailure::reason).containsExactly("no cell fails here");
    }

    @Test
    void anAllowListEntryForACaseTheSuiteDoesNotHaveIsALocatedError() throws Exception {
        Path real = derived("unknown-case");
        Files.writeString(real.resolve(KnownFailures.FILE), "- {case: fidelity-cut-12s-nevr, reason: typo}\n");
        RealBaseline baseline = RealBaseline.read(real);
        assertThatThrownBy(() -> FidelityComparison.of(simulated, baseline)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(KnownFailures.FILE + ":1:3")
                .hasMessageContaining("'fidelity-cut-12s-nevr' is no case of the suite (did you mean 'fidelity-cut-12s-never'?)");
    }

    @Test
    void aRealGroupTheSuiteDoesNotHaveIsListedAndACaseWithoutRealRunsFails() throws Exception {
        // "Measured": cut-12s-never as simulated, cut-2s-never instead of restart-healthy.
        Path other = FidelitySets.suite(dir.resolve("other-suite"), "cut-12s-never.yaml", "cut-2s-never.yaml");
        Path real = dir.resolve("other").resolve("firefox-0.test");
        SimulatedSuite.simulate(other, RealStack.CHROMIUM.profile(), 1, 2, real, FidelitySets.PROVENANCE);
        FidelitySets.markAsMeasured(real);
        FidelityComparison comparison = FidelityComparison.of(simulated, RealBaseline.read(real));
        assertThat(comparison.notInSuite()).extracting(g -> g.id())
                .containsExactly("fidelity-cut-2s-never/p0", "fidelity-cut-2s-never/p1", "fidelity-cut-2s-never/p2");
        assertThat(comparison.cells().stream().filter(c -> c.verdict() == FidelityVerdict.FAIL))
                .hasSize(3 * FidelityMetrics.COMPARED.size())
                .allMatch(c -> c.group().scenario().equals("fidelity-restart-healthy") && c.reason().equals("no real runs"));
        assertThat(comparison.tally().pass()).isEqualTo(3 * FidelityMetrics.COMPARED.size());
    }

    @Test
    void baselinesAreFoundByStackAndTheirDirectoryNamesChecked() throws Exception {
        Path root = dir.resolve("root");
        FidelitySets.derive(dir.resolve("simulated"), root.resolve("chromium-1.2.3"), Map.of());
        FidelitySets.derive(dir.resolve("simulated"), root.resolve("pion-3.0"), Map.of());
        assertThat(RealBaseline.under(root, EnumSet.allOf(RealStack.class))).extracting(RealBaseline::label)
                .containsExactly("chromium-1.2.3", "pion-3.0");
        assertThat(RealBaseline.under(root, EnumSet.of(RealStack.PION))).extracting(RealBaseline::version)
                .containsExactly("3.0");
        assertThat(RealBaseline.under(dir.resolve("absent"), EnumSet.allOf(RealStack.class))).isEmpty();
        Files.createDirectories(root.resolve("safari-17"));
        assertThatThrownBy(() -> RealBaseline.under(root, EnumSet.allOf(RealStack.class)))
                .hasMessageContaining("safari-17: a real baseline's directory is named <stack>-<version>");
    }

    @Test
    void aManifestThatIsNotTheTestbedsOfThisStackIsRefusedNamingTheFile() throws Exception {
        Path wrong = FidelitySets.derive(dir.resolve("simulated"), dir.resolve("wrong").resolve("firefox-115"), Map.of());
        Path manifest = wrong.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"stack\" : \"firefox\"", "\"stack\" : \"chromium\""));
        assertThatThrownBy(() -> RealBaseline.read(wrong))
                .hasMessage(manifest + ": testbed.stack is 'chromium', but the directory name says 'firefox'");
        Path simulatedOnly = dir.resolve("simulated-only").resolve("pion-1");
        Files.createDirectories(simulatedOnly);
        for (String file : List.of("manifest.json", "runs.csv")) {
            Files.copy(dir.resolve("simulated").resolve(file), simulatedOnly.resolve(file));
        }
        assertThatThrownBy(() -> RealBaseline.read(simulatedOnly)).hasMessageStartingWith(simulatedOnly.resolve("manifest.json")
                + ": no testbed.stack: this is not a measurement of icesim testbed");
        Files.writeString(manifest, "{\n  \"batch\": \"x\",\n  oops\n}\n");
        assertThatThrownBy(() -> RealBaseline.read(wrong)).hasMessageContaining(manifest + ":3:");
        Files.delete(manifest);
        assertThatThrownBy(() -> RealBaseline.read(wrong)).hasMessageContaining("no manifest.json in " + wrong);
    }

    @Test
    void aBaselineOfSeveralMeasurementSetsTakesTheRunsOfAllOfThemAndRefusesMixedVersions() throws Exception {
        Path baseline = dir.resolve("sets").resolve("chromium-0.test");
        Files.createDirectories(baseline);
        // Each set is written as a baseline of its own (so it is marked as the stack's measurement), then moved in.
        Path first = FidelitySets.derive(dir.resolve("simulated"), dir.resolve("set-a").resolve("chromium-0.test"),
                Map.of("fidelity-restart-healthy/p1 restart_latency_ms", times(2)));
        Path second = FidelitySets.derive(dir.resolve("simulated"), dir.resolve("set-b").resolve("chromium-0.test"),
                Map.of("fidelity-restart-healthy/p1 restart_latency_ms", times(2)));
        int perSet = RealBaseline.read(first).runs().rows().size();
        Files.move(first, baseline.resolve("rtt-80ms"));
        Files.move(second, baseline.resolve("rtt-80ms-again"));
        RealBaseline real = RealBaseline.read(baseline);
        assertThat(real.runs().rows()).hasSize(2 * perSet);
        assertThat(real.stackVersion()).isEqualTo("test");
        FidelityComparison comparison = FidelityComparison.of(simulated, real);
        FidelityCell doubled = cell(comparison, "fidelity-restart-healthy/p1", "restart_latency_ms");
        assertThat(doubled.real().runs()).isEqualTo(2 * doubled.simulated().runs());
        assertThat(doubled.verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(cell(comparison, "fidelity-restart-healthy/p0", "restart_latency_ms").verdict())
                .isEqualTo(FidelityVerdict.PASS);

        Path manifest = baseline.resolve("rtt-80ms-again").resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"stack_version\" : \"test\"",
                "\"stack_version\" : \"other\""));
        assertThatThrownBy(() -> RealBaseline.read(baseline)).hasMessage(manifest
                + ": testbed.stack_version is 'other', but " + baseline.resolve("rtt-80ms").resolve("manifest.json")
                + " measured 'test': a baseline holds measurements of one version");
    }

    @Test
    void aBrokenRunsCsvIsRefusedNamingTheFileAndLine() throws Exception {
        Path broken = FidelitySets.derive(dir.resolve("simulated"), dir.resolve("broken").resolve("pion-1"), Map.of());
        List<String> lines = Files.readAllLines(broken.resolve("runs.csv"));
        int columns = lines.get(0).split(",", -1).length;
        lines.set(3, lines.get(3) + ",extra");
        Files.write(broken.resolve("runs.csv"), lines);
        assertThatThrownBy(() -> RealBaseline.read(broken)).hasMessageContaining(broken.resolve("runs.csv")
                + ":4:1: the row has " + (columns + 1) + " cells, the header " + columns);
    }
}
