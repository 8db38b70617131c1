package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.fidelity.FidelitySets.set;
import static org.icesim.fidelity.FidelitySets.times;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.batch.FakeExecutor;
import org.icesim.fidelity.FidelitySets;
import org.icesim.fidelity.RealStack;
import org.icesim.fidelity.SimulatedSuite;
import org.icesim.stats.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icesim fidelity} on a two-case suite and "real" sets derived from its simulation. */
class FidelityCommandTest {

    @TempDir
    static Path dir;

    private static Path suite;
    private static Path simulated;

    @BeforeAll
    static void simulate() throws Exception {
        suite = FidelitySets.twoCaseSuite(dir.resolve("suite"));
        simulated = dir.resolve("simulated");
        SimulatedSuite.simulate(suite, RealStack.CHROMIUM.profile(), 1, 2, simulated, FidelitySets.PROVENANCE);
    }

    /** A real root with one chromium baseline: one cell beyond the tolerance, one never that the simulation reaches. */
    private static Path realRoot(String name, String knownFailures) throws Exception {
        Path root = dir.resolve(name);
        Path baseline = FidelitySets.derive(simulated, root.resolve("chromium-120.0"), Map.of(
                "fidelity-restart-healthy/p2 restart_latency_ms", times(2),
                "fidelity-cut-12s-never/p0 recovery_ms", set("")));
        if (knownFailures != null) {
            Files.writeString(baseline.resolve("known-failures.yaml"), knownFailures);
        }
        return root;
    }

    private static CliRun fidelity(Path real, String... more) {
        List<String> args = new ArrayList<>(List.of("fidelity", "--suite", suite.toString(), "--real", real.toString(),
                "--out", dir.resolve("out").toString(), "--seeds", "1", "--threads", "2"));
        args.addAll(List.of(more));
        return CliRun.icesim(FakeExecutor::instant, args.toArray(String[]::new));
    }

    @Test
    void aCellOutsideToleranceFailsTheCommandAndEveryCellIsPrinted() throws Exception {
        CliRun run = fidelity(realRoot("failing", null));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(run.out())
                .contains("chromium-120.0 (" + dir.resolve("failing").resolve("chromium-120.0") + ", 6 runs, testbed stack version 'test') vs profile libwebrtc")
                .containsPattern("fidelity-restart-healthy\\s+200ms\\s+restart_latency_ms\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\s+1/1\\s+"
                        + "±\\d+\\.\\d\\s+FAIL\\s+off by more than the tolerance")
                .containsPattern("fidelity-cut-12s-never\\s+20ms\\s+recovery_ms\\s+\\d+\\.\\d\\s+never\\s+1/1\\s+-\\s+FAIL\\s+"
                        + "real never, simulated a value")
                .containsPattern("fidelity-cut-12s-never\\s+80ms\\s+detect_failed_ms\\s+never\\s+never\\s+1/1\\s+-\\s+pass")
                .contains("chromium-120.0: 28 of 30 cells pass, 0 known failures, 2 fail")
                .contains("FAIL: cells outside tolerance that no allow-list names");
        assertThat(run.out().lines().filter(l -> l.startsWith("  fidelity-"))).hasSize(30);
    }

    @Test
    void allowListedFailuresAreMarkedWithTheirReasonAndPass() throws Exception {
        CliRun run = fidelity(realRoot("allowed", """
                - {case: fidelity-restart-healthy, rtt: 200ms, metric: restart_latency_ms, reason: slow gathering}
                - {case: fidelity-cut-12s-never, metric: recovery_ms, reason: timed-out pairs are destroyed}
                - {case: fidelity-cut-12s-never, metric: detect_failed_ms, reason: nothing fails here}
                """));
        assertThat(run.status()).as(run.err()).isZero();
        Path list = dir.resolve("allowed").resolve("chromium-120.0").resolve("known-failures.yaml");
        assertThat(run.out())
                .containsPattern("fidelity-restart-healthy\\s+200ms\\s+restart_latency_ms.*known\\s+slow gathering")
                .containsPattern("fidelity-cut-12s-never\\s+20ms\\s+recovery_ms.*known\\s+timed-out pairs are destroyed")
                .contains(list + ":3:3: allow-list entry for fidelity-cut-12s-never covers no failing cell (remove it): "
                        + "nothing fails here")
                .contains("chromium-120.0: 28 of 30 cells pass, 2 known failures, 0 fail")
                .contains("OK: every cell passes or is a known failure");
    }

    @Test
    void jsonHasEveryCellAndTheTotalsAndTheReportDrawsTheChart() throws Exception {
        Path report = dir.resolve("report");
        CliRun run = fidelity(realRoot("json", null), "--format", "json", "--report", report.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.FOUND_FAILURES);
        JsonNode root = Json.mapper().readTree(run.out());
        assertThat(root.get("failed").asBoolean()).isTrue();
        JsonNode stack = root.get("stacks").get(0);
        assertThat(stack.get("baseline").asText()).isEqualTo("chromium-120.0");
        assertThat(stack.get("profile").asText()).isEqualTo("libwebrtc");
        assertThat(stack.get("cells")).hasSize(30);
        assertThat(stack.get("totals").get("fail").asInt()).isEqualTo(2);
        assertThat(stack.get("totals").get("pass").asInt()).isEqualTo(28);
        JsonNode never = stack.get("cells").get(4);
        assertThat(never.get("case").asText()).isEqualTo("fidelity-cut-12s-never");
        assertThat(never.get("metric").asText()).isEqualTo("recovery_ms");
        assertThat(never.get("real").get("never").asBoolean()).isTrue();
        assertThat(never.get("verdict").asText()).isEqualTo("fail");
        assertThat(run.err()).contains("report: " + report.resolve("index.html"));
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("chromium-120.0 vs libwebrtc").contains("28 of 30 cells pass, 0 known failures, 2 fail")
                .contains("<td>real never, simulated a value</td>").contains("fidelity-chromium-120.0-vs-libwebrtc.png");
        assertThat(report.resolve("fidelity-chromium-120.0-vs-libwebrtc.png")).isNotEmptyFile();
    }

    @Test
    void nothingToCompareOrABadAllowListIsInvalidInput() throws Exception {
        CliRun none = fidelity(dir.resolve("no-baselines"));
        assertThat(none.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("icesim fidelity: no real baseline of any stack under " + dir.resolve("no-baselines"));

        CliRun onlyPion = fidelity(realRoot("chromium-only", null), "--stack", "pion");
        assertThat(onlyPion.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(onlyPion.err()).contains("no real baseline of pion under");

        CliRun unknownStack = fidelity(realRoot("unknown-stack", null), "--stack", "safari");
        assertThat(unknownStack.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknownStack.err()).contains("unknown stack 'safari': allowed chromium, firefox, pion");

        CliRun badList = fidelity(realRoot("bad-list", "- {case: fidelity-cut-12s-never}\n"));
        assertThat(badList.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badList.err()).contains(dir.resolve("bad-list").resolve("chromium-120.0").resolve("known-failures.yaml")
                + ":1:3: [0].reason: required");
        assertThat(badList.out()).doesNotContain("cells pass");
    }
}
