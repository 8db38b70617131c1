package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.icesim.batch.BatchException;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.Manifest;
import org.icesim.batch.PlanFile;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.ResultReader;
import org.icesim.batch.RunExecutorFactory;
import org.icesim.batch.RunExecutors;
import org.icesim.batch.TestScenarios;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.world.RunExecutor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression baselines: every result set committed under {@code results/baselines/} is run
 * again, as its manifest records it (scenario files, --seeds, --filter, --max-runs), with the
 * simulator of this build, and {@code icesim compare} judges the new results against it with its
 * default rules (every headline metric fails on a significant worsening beyond its default
 * tolerance; groups or metrics gone from the new results fail), plus the baseline's
 * {@code tolerance.yaml} if it has one.
 * A change that alters restart behaviour therefore fails the build until the baseline is
 * regenerated on purpose (docs/batches.md, "Regression baselines").
 */
class BaselineRegressionTest {

    /** Tests run in the sim module; baselines and scenario paths are relative to the repository root. */
    private static final Path ROOT = Path.of("..");
    private static final Path BASELINES = ROOT.resolve("results").resolve("baselines");
    private static final String TOLERANCE = "tolerance.yaml";

    @TempDir
    Path scratch;


    @TestFactory
    Stream<DynamicTest> everyCommittedBaselineStillHolds() throws IOException {
        if (!Files.isDirectory(BASELINES)) {
            return Stream.empty();
        }
        List<Path> baselines;
        try (Stream<Path> list = Files.list(BASELINES)) {
            baselines = list.filter(dir -> Files.isRegularFile(dir.resolve(ResultFiles.MANIFEST))).sorted().toList();
        }
        return baselines.stream().map(baseline -> DynamicTest.dynamicTest(baseline.getFileName().toString(),
                () -> check(baseline, RunExecutors::simulation, scratch.resolve(baseline.getFileName()))));
    }

    @Test
    void aRerunOfTheSameBehaviourPasses() throws Exception {
        Path baseline = fakeBaseline();
        check(baseline, FakeExecutor::instant, scratch.resolve("rerun"));
        assertThat(Files.readAllLines(scratch.resolve("rerun").resolve(ResultFiles.RUNS)))
                .hasSize(1 + 30).element(30).asString().startsWith("alpha/p1/s9,restart,");
    }

    @Test
    void aChangeOfBehaviourFailsUntilTheBaselineIsRegenerated() throws Exception {
        Path baseline = fakeBaseline();
        RunExecutor slower = (point, seed, options) -> {
            RunOutput output = FakeExecutor.instant().run(point, seed, options);
            output.result().putNanos(Metric.DETECT_DISCONNECTED_MS, Durations.seconds(30) + seed % 1000);
            return output;
        };
        assertThatThrownBy(() -> check(baseline, () -> slower, scratch.resolve("slower")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("detect_disconnected_ms").hasMessageContaining("FAIL");
    }

    @Test
    void aRerunThatLosesAMetricFails() throws Exception {
        Path baseline = fakeBaseline();
        RunExecutor silent = (point, seed, options) -> {
            RunOutput output = FakeExecutor.instant().run(point, seed, options);
            RunResult result = new RunResult();
            output.result().values().forEach((metric, value) -> {
                if (metric == Metric.MEDIA_GAP_MS) {
                    return;
                }
                if (value instanceof MetricValue.Duration d) {
                    result.putNanos(metric, d.nanos());
                } else if (value instanceof MetricValue.Instant instant) {
                    result.putNanos(metric, instant.nanos());
                } else if (value instanceof MetricValue.Count c) {
                    result.putCount(metric, c.count());
                } else if (value instanceof MetricValue.Flag f) {
                    result.putFlag(metric, f.set());
                } else {
                    result.putText(metric, value.text());
                }
            });
            return new RunOutput(result, output.events(), output.load(), output.effort());
        };
        assertThatThrownBy(() -> check(baseline, () -> silent, scratch.resolve("silent")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("media_gap_ms has 20 values in the baseline and none");
    }

    /** A baseline made with the fake executor: 20 + 10 runs of 2 groups, cut by --seeds, --filter and --max-runs. */
    private Path fakeBaseline() throws IOException {
        Path alpha = TestScenarios.write(scratch, "alpha", 30, "5ms", "50ms", "80ms");
        Path baseline = scratch.resolve("baselines").resolve("restart");
        CliRun made = CliRun.icesim(FakeExecutor::instant, "batch", "--name", "restart", "--seeds", "20", "--set", "duration=20s", "--filter",
                "links.lan.delay=5ms", "--filter", "links.lan.delay=50ms", "--max-runs", "30", "--out", baseline.toString(),
                alpha.toAbsolutePath().toString());
        assertThat(made.status()).as(made.err()).isZero();
        return baseline;
    }

    private static void check(Path baseline, RunExecutorFactory executor, Path current) throws IOException, BatchException {
        Manifest manifest = ResultReader.manifest(baseline.resolve(ResultFiles.MANIFEST));
        CliRun batch = CliRun.icesim(executor, batchArguments(manifest, current));
        assertThat(batch.status()).as("re-running baseline %s:%n%s%s", baseline, batch.out(), batch.err()).isZero();

        List<String> compare = new ArrayList<>(List.of("compare", baseline.toString(), current.toString()));
        if (Files.isRegularFile(baseline.resolve(TOLERANCE))) {
            compare.addAll(List.of("--tolerance", baseline.resolve(TOLERANCE).toString()));
        }
        CliRun verdict = CliRun.icesim(executor, compare.toArray(String[]::new));
        assertThat(verdict.status()).as("icesim %s%n%s%s", String.join(" ", compare), verdict.out(), verdict.err()).isZero();
    }

    /** The batch command that regenerates {@code manifest}'s result set, writing to {@code out}. */
    static String[] batchArguments(Manifest manifest, Path out) {
        List<String> args = new ArrayList<>(List.of("batch", "--name", manifest.batch(), "--out", out.toString(),
                "--progress", "off"));
        Manifest.Options options = manifest.options();
        if (options.seeds() > 0) {
            args.addAll(List.of("--seeds", Integer.toString(options.seeds())));
        }
        if (options.maxRuns() > 0) {
            args.addAll(List.of("--max-runs", Integer.toString(options.maxRuns())));
        }
        for (String filter : options.filters()) {
            args.addAll(List.of("--filter", filter));
        }
        options.overrides().forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        if (options.runSeed() != null) {
            args.add("--seed=" + options.runSeed());
        }
        for (PlanFile file : manifest.files()) {
            args.add(ROOT.resolve(file.file()).toString());
        }
        return args.toArray(String[]::new);
    }
}
