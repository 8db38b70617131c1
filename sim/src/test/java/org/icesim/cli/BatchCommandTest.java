package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.Shard;
import org.icesim.batch.TestScenarios;
import org.icesim.stats.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    @TempDir
    Path dir;

    private Path alpha;
    private Path beta;

    @BeforeEach
    void scenarios() throws Exception {
        alpha = TestScenarios.write(dir, "alpha", 8, "5ms", "50ms");
        beta = TestScenarios.write(dir, "beta", 6);
    }

    @Test
    void aBatchWritesItsResultsAndPrintsASummaryTable() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out.toString(), "--threads", "2",
                alpha.toString(), beta.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("batch 'alpha': 22 runs into " + out + " on 2 threads")
                .contains("alpha/p1 links.lan.delay=50ms")
                .contains("recovery_ms p50")
                .contains("22 runs, 0 failed; results in " + out);
        assertThat(out.resolve(ResultFiles.RUNS)).exists();
        assertThat(out.resolve(ResultFiles.SUMMARY)).exists();
        assertThat(out.resolve(ResultFiles.MANIFEST)).exists();
        JsonNode commandLine = Json.mapper().readTree(out.resolve(ResultFiles.MANIFEST).toFile()).get("command_line");
        assertThat(commandLine.get(0).asText()).isEqualTo("icesim");
        assertThat(commandLine.get(1).asText()).isEqualTo("batch");
        assertThat(commandLine).hasSize(8);
    }

    @Test
    void theProgressBarIsDrawnOnATerminalAndPlainLinesElsewhere() throws Exception {
        // Tests run without a console: "auto" prints lines, the first after --progress-every, so a quick batch prints none.
        String quiet = systemErrOf(() -> assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out",
                dir.resolve("quiet").toString(), beta.toString()).status()).isZero());
        assertThat(quiet).isEmpty();
        String drawn = systemErrOf(() -> assertThat(CliRun.icesim(() -> new FakeExecutor(seed -> 0,
                seed -> FakeExecutor.everyNth(seed, 3)), "batch", "--progress", "on", "--out", dir.resolve("drawn").toString(),
                beta.toString()).status()).isEqualTo(ExitCodes.FOUND_FAILURES));
        assertThat(drawn).contains("runs").contains("6/6").contains("runs/s").contains("failed");
    }

    @Test
    void withoutATerminalALongBatchPrintsAPlainLineEveryFewSeconds() throws Exception {
        // Before, stderr stayed empty without a terminal however long the batch ran.
        String lines = systemErrOf(() -> assertThat(CliRun.icesim(() -> new FakeExecutor(seed -> 1200, seed -> false),
                "batch", "--progress", "auto", "--progress-every", "1s", "--threads", "1", "--max-runs", "3", "--out",
                dir.resolve("lines").toString(), beta.toString()).status()).isZero());
        assertThat(lines).containsPattern("(?m)^icesim: [0-2]/3 runs done, elapsed 0:00:0\\d");
        assertThat(lines).doesNotContain("\r", "[");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--progress-every", "10ms", "--out",
                dir.resolve("x").toString(), beta.toString()).err()).contains("--progress-every must be at least 1s");
    }

    @Test
    void runningOutOfHeapEndsWithTheFleetsNeedAndTheRemedyNotAStackTrace() throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, Files.readString(beta).replaceFirst("(?m)^name: beta$", "name: fleet")
                + "fleet: {calls: 5000}\n");
        CliRun run = CliRun.icesim(() -> (point, seed, options) -> {
            throw new OutOfMemoryError("Java heap space");
        }, "batch", "--progress", "off", "--max-runs", "1", "--out", dir.resolve("oom").toString(), fleet.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(ExitCodes.OUT_OF_MEMORY).isEqualTo(4);
        assertThat(run.err()).contains("out of memory", "a fleet of 5000 calls needs about 767 MB of live heap per run",
                "ICESIM_JAVA_OPTS=-Xmx3g", "--resume").doesNotContain("at org.icesim", "Exception in thread");
    }

    private static String systemErrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void failedRunsAreListedWithTheirSeedsAndTheExitStatusSaysSo() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.icesim(() -> new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 3)), "batch",
                "--out", out.toString(), alpha.toString(), beta.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(run.err()).contains("failed runs, each with the command that replays it:")
                .containsPattern("alpha/p0/s\\d: java.lang.IllegalStateException: fake failure, seed (-?\\d+)\\R"
                        + "    icesim run \\S*alpha.yaml --seed=\\1 --set links.lan.delay=5ms");
        assertThat(Files.readString(out.resolve(ResultFiles.RUNS))).contains(",failed,\"java.lang.IllegalStateException: fake failure");
    }

    @Test
    void theDefaultDirectoryIsResultsSlashNameWithShardsInside() {
        assertThat(BatchCommand.defaultDirectory("nightly", Shard.WHOLE)).isEqualTo(Path.of("results", "nightly"));
        assertThat(BatchCommand.defaultDirectory("nightly", new Shard(1, 2)))
                .isEqualTo(Path.of("results", "nightly", "shard-1-of-2"));
    }

    @Test
    void aShardRunsItsSliceOfTheBatch() throws Exception {
        CliRun shard = CliRun.icesim(FakeExecutor::instant, "batch", "--name", "nightly", "--shard", "1/2",
                "--out", dir.resolve("s").toString(), beta.toString());
        assertThat(shard.status()).isZero();
        assertThat(shard.out()).contains("batch 'nightly': 3 runs (shard 1/2 of 6 runs)");
        assertThat(Files.readAllLines(dir.resolve("s").resolve(ResultFiles.RUNS))).hasSize(4)
                .element(1).asString().startsWith("beta/p0/s1,nightly,");
    }

    @Test
    void anExistingBatchIsKeptUnlessResumedOrOverwritten() throws Exception {
        String out = dir.resolve("out").toString();
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, beta.toString()).status()).isZero();
        CliRun again = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, beta.toString());
        assertThat(again.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).contains("already holds results").doesNotContain("Exception");
        CliRun resumed = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, "--resume", beta.toString());
        assertThat(resumed.status()).isZero();
        assertThat(resumed.out()).contains("already complete (6 runs)");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, "--overwrite", "--seeds", "2", beta.toString())
                .status()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out").resolve(ResultFiles.RUNS))).hasSize(3);
    }

    @Test
    void anUnwritableResultsDirectoryIsAClearErrorNotAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun run = CliRun.icesim(FakeExecutor::instant, "batch", "--out", file.resolve("sub").toString(), beta.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("icesim batch: cannot write the results: " + file)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidScenariosAndOptionsAreInvalidInput() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nduration: soon\n");
        CliRun invalid = CliRun.icesim(FakeExecutor::instant, "batch", "--out", dir.resolve("o").toString(), bad.toString());
        assertThat(invalid.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(invalid.err()).contains("bad.yaml:2:11: duration: 'soon' is not a duration");
        for (List<String> options : List.of(List.of("--shard", "2/2"), List.of("--seeds", "0"), List.of("--threads", "0"),
                List.of("--filter", "zzz"), List.of("--load-interval", "soon"), List.of("--resume", "--overwrite"))) {
            List<String> args = new ArrayList<>(List.of("batch", "--out", dir.resolve("o").toString()));
            args.addAll(options);
            args.add(beta.toString());
            CliRun run = CliRun.icesim(FakeExecutor::instant, args.toArray(String[]::new));
            assertThat(run.status()).as(options.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err()).as(options.toString()).startsWith("icesim batch: ").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void shardsMergeIntoTheSameBytesAsTheUnshardedBatch() throws Exception {
        List<String> common = List.of("--events", "--load-interval", "1s", "--name", "nightly", alpha.toString(), beta.toString());
        Path whole = dir.resolve("whole");
        CliRun unsharded = CliRun.icesim(FakeExecutor::instant, args("--out", whole.toString(), common));
        assertThat(unsharded.status()).isZero();
        String[] shards = new String[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = dir.resolve("nightly/shard-" + i + "-of-3").toString();
            CliRun shard = CliRun.icesim(FakeExecutor::instant, args("--out", shards[i], common, "--shard", i + "/3"));
            assertThat(shard.status()).as(shard.err()).isZero();
        }
        Path merged = dir.resolve("nightly/merged");
        CliRun merge = CliRun.icesim(FakeExecutor::instant, "merge", shards[2], shards[0], shards[1], "--out", merged.toString());
        assertThat(merge.status()).as(merge.err()).isZero();
        assertThat(merge.out()).contains("3 shards merged: 22 runs, 0 failed");
        for (String file : List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.MEDIA, ResultFiles.LOAD, ResultFiles.SUMMARY)) {
            assertThat(Files.readAllBytes(merged.resolve(file))).as(file).isEqualTo(Files.readAllBytes(whole.resolve(file)));
        }
        assertThat(Files.readString(merged.resolve(ResultFiles.MANIFEST))).contains("\"merged_from\"");

        CliRun missing = CliRun.icesim(FakeExecutor::instant, "merge", shards[0], shards[2], "--out", merged.toString());
        assertThat(missing.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("shards [1] of 3 of batch 'nightly' are missing");
        CliRun twice = CliRun.icesim(FakeExecutor::instant, "merge", shards[0], shards[0], "--out", merged.toString());
        assertThat(twice.err()).contains("are both shard 0/3");
        CliRun counts = CliRun.icesim(FakeExecutor::instant, "merge", shards[0], shards[1], whole.toString(), "--out",
                merged.toString());
        assertThat(counts.err()).contains("is shard 0/1").contains("shard counts differ");
        String other = dir.resolve("other").toString();
        assertThat(CliRun.icesim(FakeExecutor::instant, args("--out", other, common, "--seeds", "2", "--shard", "1/3"))
                .status()).isZero();
        CliRun foreign = CliRun.icesim(FakeExecutor::instant, "merge", shards[0], other, shards[2], "--out", merged.toString());
        assertThat(foreign.err()).contains("planned differently");
    }

    private static String[] args(String option, String value, List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of("batch", option, value));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
