package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryStatisticAndRewritesTheSameSummaryJson() throws Exception {
        Path scenario = TestScenarios.write(dir, "alpha", 10, "5ms", "50ms");
        Path out = dir.resolve("out");
        assertThat(CliRun.icesim(() -> new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 5)), "batch",
                "--out", out.toString(), scenario.toString()).status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        byte[] written = Files.readAllBytes(out.resolve(ResultFiles.SUMMARY));
        Files.delete(out.resolve(ResultFiles.SUMMARY));

        CliRun summary = CliRun.icesim(FakeExecutor::instant, "summary", out.toString());
        assertThat(summary.status()).as(summary.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve(ResultFiles.SUMMARY))).isEqualTo(written);
        assertThat(summary.out())
                .contains("batch 'alpha'")
                .contains("alpha/p1 links.lan.delay=50ms: 10 runs,")
                .contains("metric", "mean 95% CI", "median 95% CI")
                .containsPattern("restart_latency_ms\\s+\\d+\\s+[\\d.]+")
                .contains("share", "95% CI (Wilson)")
                .containsPattern("run_failed\\s+\\d+\\s+10\\s+[\\d.]+%\\s+\\[")
                .contains("selected_pair_before: host/host ×")
                .doesNotContain("turn_allocations");
    }

    @Test
    void jsonFormatPrintsExactlyTheSummaryJsonItWrites() throws Exception {
        Path scenario = TestScenarios.write(dir, "alpha", 6, "5ms");
        Path out = dir.resolve("out");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", out.toString(), scenario.toString()).status()).isZero();
        CliRun summary = CliRun.icesim(FakeExecutor::instant, "summary", out.toString(), "--format", "json");
        assertThat(summary.status()).as(summary.err()).isZero();
        assertThat(summary.out()).isEqualTo(Files.readString(out.resolve(ResultFiles.SUMMARY)))
                .startsWith("{\n  \"batch\" : \"alpha\",");
        CliRun bad = CliRun.icesim(FakeExecutor::instant, "summary", out.toString(), "--format", "csv");
        assertThat(bad.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).isEqualTo("icesim summary: format must be text or json, was 'csv'\n");
    }

    @Test
    void aDirectoryWithoutResultsIsNamed() {
        CliRun summary = CliRun.icesim(FakeExecutor::instant, "summary", dir.toString());
        assertThat(summary.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(summary.err()).isEqualTo("icesim summary: no runs.csv in " + dir + "\n");
    }
}
