package org.icesim.fidelity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.fidelity.FidelitySets.set;
import static org.icesim.fidelity.FidelitySets.times;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityVerdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real baseline committed under {@code results/baselines/real/} is compared with the
 * fidelity suite simulated by this build (the profile of its stack, the suite's own seeds), as
 * {@code icesim fidelity} does: a cell outside the rule that the baseline's known-failures.yaml
 * does not name fails the build, and the message lists every such cell. So no change can move a
 * profile away from a measured stack unnoticed. Without committed baselines the factory yields no
 * test; the check itself is tested here on sets derived from a simulation.
 */
class RealBaselinesTest {

    /** Tests run in the sim module; the baselines are relative to the repository root. */
    private static final Path REAL = Path.of("..").resolve(RealBaseline.DEFAULT_ROOT);

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> everyCommittedRealBaselineMatchesTheSimulator() throws Exception {
        List<RealBaseline> baselines = RealBaseline.under(REAL, EnumSet.allOf(RealStack.class));
        Map<String, SimulatedSuite> byProfile = new HashMap<>();
        return baselines.stream().map(baseline -> DynamicTest.dynamicTest(baseline.label(), () -> {
            String profile = baseline.stack().profile();
            if (!byProfile.containsKey(profile)) {
                byProfile.put(profile, SimulatedSuite.simulate(FidelitySets.SUITE, profile, 0, 2,
                        scratch.resolve("simulated-" + profile), FidelitySets.PROVENANCE));
            }
            assertFaithful(FidelityComparison.of(byProfile.get(profile), baseline));
        }));
    }

    /** Fails listing every cell outside the rule that the allow-list does not name. */
    static void assertFaithful(FidelityComparison comparison) {
        List<FidelityCell> failing = comparison.cells().stream().filter(c -> c.verdict() == FidelityVerdict.FAIL).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(comparison.baseline().label() + " vs profile " + comparison.profile() + ": "
                    + failing.size() + " cells outside tolerance and not in " + KnownFailures.FILE + " ("
                    + comparison.tally() + "):\n" + failing.stream().map(RealBaselinesTest::line)
                    .collect(Collectors.joining("\n")));
        }
    }

    private static String line(FidelityCell cell) {
        return "  " + cell.group().scenario() + " rtt " + Math.round(cell.rttMs()) + "ms " + cell.metric().column()
                + ": simulated " + cell.simulated().text() + ", real " + cell.real().text() + " (" + cell.reason() + ")";
    }

    @Test
    void theCheckListsEveryFailingCellAndPassesOnceTheyAreAllowListed() throws Exception {
        Path suite = FidelitySets.twoCaseSuite(scratch.resolve("suite"));
        Path simulatedDir = scratch.resolve("simulated");
        SimulatedSuite simulated = SimulatedSuite.simulate(suite, RealStack.FIREFOX.profile(), 1, 2, simulatedDir,
                FidelitySets.PROVENANCE);
        Path real = FidelitySets.derive(simulatedDir, scratch.resolve("real").resolve("firefox-115.0"), Map.of(
                "fidelity-restart-healthy/p0 restart_latency_ms", times(3),
                "fidelity-cut-12s-never/p1 recovery_ms", set(""),
                "fidelity-cut-12s-never/p2 detect_disconnected_ms", times(1.5)));
        assertThatThrownBy(() -> assertFaithful(FidelityComparison.of(simulated, RealBaseline.read(real))))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("firefox-115.0 vs profile firefox: 3 cells outside tolerance and not in "
                        + "known-failures.yaml (27 of 30 cells pass, 0 known failures, 3 fail):")
                .hasMessageContaining("fidelity-cut-12s-never rtt 80ms recovery_ms: simulated ")
                .hasMessageContaining(", real never (real never, simulated a value)")
                .hasMessageContaining("fidelity-cut-12s-never rtt 200ms detect_disconnected_ms: simulated ")
                .hasMessageContaining("fidelity-restart-healthy rtt 20ms restart_latency_ms: simulated ");
        Files.writeString(real.resolve(KnownFailures.FILE), """
                - {case: fidelity-restart-healthy, rtt: 20ms, reason: first reason}
                - {case: fidelity-cut-12s-never, reason: second reason}
                """);
        assertThatCode(() -> assertFaithful(FidelityComparison.of(simulated, RealBaseline.read(real)))).doesNotThrowAnyException();
    }
}
