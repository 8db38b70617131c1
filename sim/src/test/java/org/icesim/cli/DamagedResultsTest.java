package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result set damaged by hand, by a tool or by a disk is read by one reader: every command that
 * reads one (summary, report, compare, merge) stops with exit status 2 and a message naming the
 * file, the line and the column, never a parser's stack trace.
 */
class DamagedResultsTest {

    @TempDir
    Path dir;

    private Path results;
    private Path runs;
    private List<String> lines;

    @BeforeEach
    void aResultSet() throws Exception {
        Path alpha = TestScenarios.write(dir, "alpha", 4, "5ms", "50ms");
        results = dir.resolve("results");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", results.toString(), alpha.toString())
                .status()).isZero();
        runs = results.resolve(ResultFiles.RUNS);
        lines = new ArrayList<>(Files.readAllLines(runs));
    }

    /** The run of every reading command on {@code results}: each must fail with status 2 and {@code expected}. */
    private void everyReaderSays(String expected) throws Exception {
        Path other = dir.resolve("other-" + System.nanoTime());
        List<CliRun> readers = List.of(
                CliRun.icesim(FakeExecutor::instant, "summary", results.toString()),
                CliRun.icesim(FakeExecutor::instant, "report", results.toString()),
                CliRun.icesim(FakeExecutor::instant, "compare", results.toString(), results.toString()),
                CliRun.icesim(FakeExecutor::instant, "merge", results.toString(), "--out", other.toString()));
        for (CliRun run : readers) {
            assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("com.fasterxml");
        }
    }

    private void writeRuns() throws Exception {
        Files.write(runs, lines);
    }

    private int column(String name) {
        return List.of(lines.get(0).split(",")).indexOf(name);
    }

    /** 1-based character column where cell {@code cell} of a line without quotes starts. */
    private static int characterColumn(String line, int cell) {
        int at = 0;
        for (int i = 0; i < cell; i++) {
            at = line.indexOf(',', at) + 1;
        }
        return at + 1;
    }

    private void replaceCell(int line, String name, String value) {
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[column(name)] = value;
        lines.set(line - 1, String.join(",", cells));
    }

    @Test
    void anUnclosedQuoteIsNamedByFileAndLine() throws Exception {
        replaceCell(3, "error", "\"half a message");
        writeRuns();
        everyReaderSays(runs + ":3:1: the row that starts here is not valid CSV: Missing closing quote");
    }

    @Test
    void nanOrTextInANumericCellIsNamedByFileLineColumnAndMetric() throws Exception {
        replaceCell(4, "restart_latency_ms", "NaN");
        writeRuns();
        everyReaderSays(runs + ":4:" + characterColumn(lines.get(3), column("restart_latency_ms"))
                + ": restart_latency_ms: must be milliseconds as a decimal number");
        replaceCell(4, "restart_latency_ms", "fast");
        writeRuns();
        everyReaderSays("restart_latency_ms: must be milliseconds as a decimal number such as 12.5 (at most 6 decimals)"
                + " or empty, was 'fast'");
    }

    @Test
    void aDuplicatedRowIsAnErrorNotAnExtraRun() throws Exception {
        lines.add(lines.get(2));
        writeRuns();
        String runId = lines.get(2).split(",")[0];
        everyReaderSays(runs + ":" + lines.size() + ":1: run_id: run '" + runId + "' appears again (first at line 3)");
    }

    @Test
    void aBinaryRunsCsvIsInvalidInputNamingTheFile() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(runs, garbage);
        everyReaderSays(runs.toString());
    }

    @Test
    void aCutShortManifestIsInvalidInputNamingTheFileAndWhere() throws Exception {
        Path manifest = results.resolve(ResultFiles.MANIFEST);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.substring(0, text.length() / 2));
        everyReaderSays(manifest + ":");
        everyReaderSays("not a manifest of icesim");
    }

    @Test
    void aForeignManifestIsInvalidInput() throws Exception {
        Path manifest = results.resolve(ResultFiles.MANIFEST);
        Files.writeString(manifest, "{\"name\": \"something else\", \"version\": 3}\n");
        everyReaderSays(manifest + ":1:");
        Files.writeString(manifest, "null\n");
        everyReaderSays(manifest + ":1:1: not a manifest of icesim");
    }

    @Test
    void runsOfAnotherBatchDoNotPassForThisManifestsRuns() throws Exception {
        Path beta = TestScenarios.write(dir, "beta", 3);
        Path other = dir.resolve("beta-results");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", other.toString(), beta.toString()).status())
                .isZero();
        Files.copy(other.resolve(ResultFiles.RUNS), runs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        everyReaderSays(runs + ":2:");
        everyReaderSays("batch: the run belongs to batch 'beta', the manifest.json to 'alpha'");
    }

    @Test
    void aRowWhoseSeedIsNotThePlannedOneIsRejected() throws Exception {
        replaceCell(2, "seed", "12345");
        writeRuns();
        everyReaderSays(runs + ":2:" + characterColumn(lines.get(1), column("seed")) + ": seed: run alpha/p0/s0 of batch "
                + "'alpha' of manifest.json has seed");
    }

    @Test
    void aMissingRowIsCaughtByTheManifestsCount() throws Exception {
        lines.remove(5);
        writeRuns();
        everyReaderSays("holds 7 runs, but " + results.resolve(ResultFiles.MANIFEST) + " says batch 'alpha' has 8");
    }

    @Test
    void invalidUtf8IsNamed() throws Exception {
        byte[] bytes = Files.readAllBytes(runs);
        bytes[bytes.length - 5] = (byte) 0xC3;
        bytes[bytes.length - 4] = (byte) 0x28;
        Files.write(runs, bytes);
        everyReaderSays(runs + ":");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isNotEmpty();
    }
}
