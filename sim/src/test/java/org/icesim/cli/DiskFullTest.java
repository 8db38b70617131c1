package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.FaultyDisk;
import org.icesim.batch.FileChannels;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.icesim.world.RunExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The disk filling up at any byte of a batch's writing — the manifest, a journal record, a final
 * file — stops it with a message naming the file and saying that finished runs are kept and
 * --resume continues; resumed on a disk with room, the batch ends with the same bytes as one that
 * never stopped, having run again only the runs the journal did not hold. A journal whose last
 * record was torn by a crash loses only that record.
 */
class DiskFullTest {

    private static final int RUNS = 30;
    private static final List<String> FINAL_FILES = List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD,
            ResultFiles.SUMMARY);

    @TempDir
    Path dir;
    private List<String> arguments;
    private Path whole;
    private long bytesOfAWholeBatch;

    @BeforeEach
    void uninterruptedBatch() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 5, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 20);
        arguments = List.of("--threads", "2", "--events", "--load-interval", "1s", "--progress", "off", a.toString(), b.toString());
        whole = dir.resolve("whole");
        FaultyDisk roomy = FaultyDisk.fillingAfter(Long.MAX_VALUE);
        assertThat(batch(whole, roomy, new AtomicInteger()).status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        bytesOfAWholeBatch = roomy.written();
    }

    @Test
    void aFullDiskAnywhereIsAClearErrorAndResumeEndsWithTheSameBytes() throws Exception {
        Random random = new Random(11);
        List<Long> capacities = new ArrayList<>(List.of(0L, 1L, bytesOfAWholeBatch - 1));
        for (int i = 0; i < 17; i++) {
            capacities.add((long) (random.nextDouble() * bytesOfAWholeBatch));
        }
        for (long capacity : capacities) {
            Path out = dir.resolve("full-" + capacity);
            CliRun full = batch(out, FaultyDisk.fillingAfter(capacity), new AtomicInteger());
            assertThat(full.status()).as("capacity %d: %s", capacity, full.err()).isEqualTo(ExitCodes.CANNOT_RUN);
            assertThat(full.err()).as("capacity %d", capacity)
                    .startsWith("icesim batch: cannot write the results: " + out.resolve(""))
                    .contains(": " + FaultyDisk.NO_SPACE + " (while ")
                    .contains("runs finished so far are kept, continue with --resume")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            int kept = journalRecords(out);

            AtomicInteger rerun = new AtomicInteger();
            CliRun resumed = batch(out, FileChannels.DISK, rerun, "--resume");
            assertThat(resumed.status()).as("capacity %d: %s", capacity, resumed.err()).isEqualTo(ExitCodes.FOUND_FAILURES);
            assertThat(rerun.get()).as("runs run again after a full disk at byte %d", capacity).isEqualTo(RUNS - kept);
            assertSameFinalFiles(out);
        }
    }

    @Test
    void aTornOrRottenJournalRecordIsDiscardedOnResumeAndOnlyItsRunRunsAgain() throws Exception {
        // A full disk stops the batch part-way and leaves a journal of whole records.
        Path out = dir.resolve("torn");
        assertThat(batch(out, FaultyDisk.fillingAfter(bytesOfAWholeBatch / 2), new AtomicInteger()).status())
                .isEqualTo(ExitCodes.CANNOT_RUN);
        Path journal = out.resolve(ResultFiles.JOURNAL);
        byte[] records = Files.readAllBytes(journal);
        List<Integer> lineEnds = new ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            if (records[i] == '\n') {
                lineEnds.add(i + 1);
            }
        }
        assertThat(lineEnds).hasSizeGreaterThan(3);
        int lastStart = lineEnds.get(lineEnds.size() - 2);
        int middle = (lastStart + records.length) / 2;
        // The last record torn by a crash in its write: half of it, then what the file system had
        // allocated but never written (zeros).
        byte[] torn = Arrays.copyOf(Arrays.copyOf(records, middle), middle + 4096);
        // An earlier record rotten in place: one character changed, its line end intact.
        int rotten = lineEnds.get(0) + 20;
        torn[rotten] = (byte) (torn[rotten] == '7' ? '8' : '7');
        Files.write(journal, torn);

        AtomicInteger rerun = new AtomicInteger();
        CliRun resumed = batch(out, FileChannels.DISK, rerun, "--resume");
        assertThat(resumed.status()).as(resumed.err()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(rerun.get()).isEqualTo(RUNS - (lineEnds.size() - 2));
        assertSameFinalFiles(out);
        assertThat(new String(Files.readAllBytes(out.resolve(ResultFiles.RUNS)), StandardCharsets.UTF_8).lines())
                .hasSize(RUNS + 1);
    }

    @Test
    void anUnwritableResultsDirectoryIsAClearErrorForRunToo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun run = CliRun.icesim(FakeExecutor::instant, "run", dir.resolve("beta.yaml").toString(), "--out",
                file.resolve("sub").toString());
        assertThat(run.status()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("icesim batch: cannot write the results: " + file)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private void assertSameFinalFiles(Path out) throws Exception {
        for (String name : FINAL_FILES) {
            assertThat(Files.readAllBytes(out.resolve(name))).as("%s of %s", name, out)
                    .isEqualTo(Files.readAllBytes(whole.resolve(name)));
        }
        assertThat(out.resolve(ResultFiles.JOURNAL)).doesNotExist();
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static int journalRecords(Path out) throws Exception {
        Path journal = out.resolve(ResultFiles.JOURNAL);
        if (!Files.exists(journal)) {
            return 0;
        }
        int lines = 0;
        for (byte b : Files.readAllBytes(journal)) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    private CliRun batch(Path out, FileChannels disk, AtomicInteger executions, String... more) {
        RunExecutor counting = (point, seed, options) -> {
            executions.incrementAndGet();
            return SlowBatchMain.executor(0).run(point, seed, options);
        };
        List<String> all = new ArrayList<>(List.of("--out", out.toString()));
        all.addAll(arguments);
        all.addAll(List.of(more));
        CommandLine cli = new CommandLine(new BatchCommand(() -> counting, disk));
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(all.toArray(String[]::new));
        return new CliRun(status, "", err.toString());
    }
}
