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
import java.util.concurrent.TimeUnit;
import org.icesim.batch.DirectoryLock;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.icesim.stats.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per result directory: a batch holds its directory's lock for its whole life, so a
 * second batch (--overwrite, --resume) into it is refused with the holder named; the operating
 * system releases the lock of a killed batch; merge and report never touch results without
 * --overwrite, and --overwrite replaces every file, so no directory mixes two batches.
 */
class SingleWriterTest {

    @TempDir
    Path dir;

    private Path alpha;

    @BeforeEach
    void scenarios() throws Exception {
        alpha = TestScenarios.write(dir, "alpha", 12, "5ms", "50ms");
    }

    @Test
    void aRunningBatchKeepsItsDirectoryAndAKilledOneLetsItGo() throws Exception {
        Path results = dir.resolve("results");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowBatchMain.class.getName(), "--out", results.toString(),
                "--threads", "1", "--progress", "off", alpha.toString()));
        Path log = dir.resolve("batch.log");
        Process batch = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (journalLines(results) < 3 && System.nanoTime() < deadline && batch.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(batch.isAlive()).as(Files.readString(log)).isTrue();
            String holder = "is being written by another icesim (pid " + batch.pid() + ", started ";
            for (String mode : List.of("--overwrite", "--resume")) {
                CliRun second = CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--seeds", "2",
                        "--progress", "off", alpha.toString(), mode);
                assertThat(second.status()).as(second.err()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(second.err()).startsWith("icesim batch: " + results + " " + holder)
                        .contains(", icesim batch alpha); a result directory has one writer at a time");
            }
            CliRun merge = CliRun.icesim(FakeExecutor::instant, "merge", dir.resolve("none").toString(), "--out",
                    results.toString());
            assertThat(merge.status()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(journalLines(results)).as("the first batch's runs are all still there").isGreaterThanOrEqualTo(3);
        } finally {
            batch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        int recorded = journalLines(results);
        // The killed batch never wrote its end; the operating system released its lock.
        CliRun resumed = CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--threads", "1",
                "--progress", "off", alpha.toString(), "--resume");
        assertThat(resumed.status()).as(resumed.err()).isIn(0, ExitCodes.FOUND_FAILURES);
        assertThat(Files.readAllLines(results.resolve(ResultFiles.RUNS))).hasSize(24 + 1);
        // The killed session is recorded with the runs it left, and marked interrupted.
        JsonNode sessions = Json.mapper().readTree(results.resolve(ResultFiles.MANIFEST).toFile()).get("sessions");
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).get("interrupted").asBoolean()).isTrue();
        assertThat(sessions.get(0).get("runs").asInt()).isEqualTo(recorded);
        assertThat(sessions.get(0).get("finished").isNull()).isTrue();
        assertThat(sessions.get(1).get("interrupted").asBoolean()).isFalse();
        assertThat(sessions.get(1).get("runs").asInt()).isEqualTo(24 - recorded);
    }

    @Test
    void aLockHeldInThisProcessIsRefusedToo() throws Exception {
        Path results = dir.resolve("results");
        try (DirectoryLock held = DirectoryLock.acquire(results, "icesim merge")) {
            CliRun batch = CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--progress", "off",
                    alpha.toString());
            assertThat(batch.status()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(batch.err()).contains("(pid " + ProcessHandle.current().pid() + ", started ")
                    .contains(", icesim merge)");
            assertThat(results.resolve(ResultFiles.MANIFEST)).doesNotExist();
        }
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--progress", "off",
                alpha.toString()).status()).isZero();
    }

    @Test
    void mergeNeverReplacesAnotherBatchWithoutOverwriteAndThenReplacesEveryFile() throws Exception {
        Path other = dir.resolve("other");
        Path beta = TestScenarios.write(dir, "beta", 3);
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", other.toString(), "--events", "--load-interval",
                "1s", "--progress", "off", beta.toString()).status()).isZero();
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path shard = dir.resolve("shard-" + i);
            shards.add(shard.toString());
            assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", shard.toString(), "--shard", i + "/2",
                    "--progress", "off", alpha.toString()).status()).isZero();
        }
        byte[] before = Files.readAllBytes(other.resolve(ResultFiles.RUNS));
        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(shards);
        merge.addAll(List.of("--out", other.toString()));
        CliRun refused = CliRun.icesim(FakeExecutor::instant, merge.toArray(String[]::new));
        assertThat(refused.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).isEqualTo("icesim merge: " + other + " already holds results; add --overwrite to replace "
                + "them all, or choose another directory with --out\n");
        assertThat(Files.readAllBytes(other.resolve(ResultFiles.RUNS))).isEqualTo(before);

        merge.add("--overwrite");
        CliRun replaced = CliRun.icesim(FakeExecutor::instant, merge.toArray(String[]::new));
        assertThat(replaced.status()).as(replaced.err()).isZero();
        // Nothing of batch beta is left beside alpha's merged files.
        assertThat(other.resolve(ResultFiles.EVENTS)).doesNotExist();
        assertThat(other.resolve(ResultFiles.LOAD)).doesNotExist();
        assertThat(CliRun.icesim(FakeExecutor::instant, "summary", other.toString()).out()).contains("batch 'alpha'");
    }

    @Test
    void aReportIsNeverReplacedWithoutOverwrite() throws Exception {
        Path results = dir.resolve("results");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--progress", "off",
                alpha.toString()).status()).isZero();
        assertThat(CliRun.icesim(FakeExecutor::instant, "report", results.toString()).status()).isZero();
        CliRun again = CliRun.icesim(FakeExecutor::instant, "report", results.toString());
        assertThat(again.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).isEqualTo("icesim report: " + results.resolve("report")
                + " already holds a report; add --overwrite to replace it\n");
        assertThat(CliRun.icesim(FakeExecutor::instant, "report", results.toString(), "--overwrite").status()).isZero();
    }

    @Test
    void runSpeaksAsRunAndOffersNoResume() throws Exception {
        Path results = dir.resolve("results");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), "--progress", "off",
                "--max-runs", "1", alpha.toString()).status()).isZero();
        CliRun run = CliRun.icesim(FakeExecutor::instant, "run", alpha.toString(), "--out", results.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).isEqualTo("icesim run: " + results + " already holds results, which icesim run never "
                + "touches; choose another directory with --out\n");
    }

    @Test
    void batchHelpHasNoFormattingWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CliRun help;
        try {
            help = CliRun.icesim(FakeExecutor::instant, "batch", "--help");
        } finally {
            System.setErr(original);
        }
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--set links.wifi.loss=5%");
        assertThat(captured.toString(StandardCharsets.UTF_8) + help.err()).doesNotContain("WARN");
    }

    private static int journalLines(Path results) throws Exception {
        Path journal = results.resolve(ResultFiles.JOURNAL);
        if (!Files.exists(journal)) {
            return 0;
        }
        return (int) new String(Files.readAllBytes(journal), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    }
}
