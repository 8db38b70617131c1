package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.TestScenarios;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.world.RunExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    private Path scenario;
    private Path baseline;

    /** The fake executor with restart latencies stretched by {@code factor}. */
    private static RunExecutor stretched(double factor) {
        return (point, seed, options) -> {
            RunOutput output = FakeExecutor.instant().run(point, seed, options);
            RunResult result = output.result();
            long latency = Math.round(Double.parseDouble(result.text(Metric.RESTART_LATENCY_MS)) * factor * Durations.NANOS_PER_MILLI);
            result.putNanos(Metric.RESTART_LATENCY_MS, latency);
            return output;
        };
    }

    @BeforeEach
    void baseline() throws Exception {
        scenario = TestScenarios.write(dir, "alpha", 30, "5ms", "50ms");
        baseline = dir.resolve("baseline");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", baseline.toString(), scenario.toString()).status())
                .isZero();
    }

    private Path current(String name, RunExecutor executor) {
        Path out = dir.resolve(name);
        assertThat(CliRun.icesim(() -> executor, "batch", "--out", out.toString(), scenario.toString()).status()).isZero();
        return out;
    }

    @Test
    void aRerunOfTheSameCodeChangesNothing() {
        Path rerun = current("rerun", FakeExecutor.instant());
        CliRun compare = CliRun.icesim(FakeExecutor::instant, "compare", baseline.toString(), rerun.toString(),
                "--rule", "*.median=+0%", "--rule", "*.p95=+0%");
        assertThat(compare.status()).isZero();
        assertThat(compare.out()).contains("no statistic changed significantly").contains("OK: no significant change beyond tolerance");
    }

    @Test
    void aRegressionBeyondTheToleranceFileFailsAndIsMarked() throws Exception {
        Path slower = current("slower", stretched(1.5));
        Path tolerance = Files.writeString(dir.resolve("tolerance.yaml"),
                "# how far each statistic may rise\nrestart_latency_ms.p95: +5%\nrestart_latency_ms.median: +60%\n");
        CliRun compare = CliRun.icesim(FakeExecutor::instant, "compare", baseline.toString(), slower.toString(),
                "--tolerance", tolerance.toString());
        assertThat(compare.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(compare.out())
                .containsPattern("alpha/p0 links.lan.delay=5ms\\s+restart_latency_ms\\s+median\\s+30→30.*\\+60%\\s+worse")
                .containsPattern("alpha/p0 links.lan.delay=5ms\\s+restart_latency_ms\\s+p95\\s+30→30.*\\+5%\\s+FAIL")
                .doesNotContain("recovery_ms")
                .contains("FAIL: significant changes beyond tolerance");
    }

    @Test
    void anImprovementIsMarkedAndPasses() {
        Path faster = current("faster", stretched(0.5));
        CliRun compare = CliRun.icesim(FakeExecutor::instant, "compare", baseline.toString(), faster.toString(),
                "--rule", "restart_latency_ms.p95=+5%");
        assertThat(compare.status()).isZero();
        assertThat(compare.out()).containsPattern("restart_latency_ms\\s+p95.*better");
    }

    @Test
    void aBadToleranceFileNamesTheLineOfTheProblem() throws Exception {
        Path tolerance = Files.writeString(dir.resolve("tolerance.yaml"), "restart_latency_ms.p95: +5%\nrecovery_ms.p50: +5%\n");
        CliRun compare = CliRun.icesim(FakeExecutor::instant, "compare", baseline.toString(), baseline.toString(),
                "--tolerance", tolerance.toString());
        assertThat(compare.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(compare.err()).contains("tolerance.yaml:2:1: recovery_ms.p50: statistic must be median or p95, was 'p50'");
    }
}
