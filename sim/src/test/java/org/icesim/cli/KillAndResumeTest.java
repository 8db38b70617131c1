package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.RunExecutorFactory;
import org.icesim.batch.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kills a real batch process with SIGKILL (kill -9) while runs are in flight, then resumes it:
 * every run is in the results exactly once and the files are the same bytes as a batch that was
 * never interrupted.
 */
class KillAndResumeTest {

    private static final int RUNS = 48;

    @TempDir
    Path dir;

    @Test
    void aBatchKilledWithSigkillResumesWithEveryRunOnceAndTheSameBytes() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 12, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 24);
        Path killed = dir.resolve("killed");
        List<String> arguments = List.of("--threads", "2", "--events", "--load-interval", "1s", "--progress", "off",
                a.toString(), b.toString());

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowBatchMain.class.getName(), "--out", killed.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("process.log").toFile()).start();
        Path journal = killed.resolve(ResultFiles.JOURNAL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (journalLines(journal) < 10 && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(5);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        int recordedBeforeKill = journalLines(journal);
        assertThat(recordedBeforeKill).as("runs finished before the kill (log: %s)", Files.readString(dir.resolve("process.log")))
                .isBetween(10, RUNS - 1);
        assertThat(killed.resolve(ResultFiles.RUNS)).doesNotExist();

        AtomicInteger resumedRuns = new AtomicInteger();
        int resumed = batch(() -> (point, seed, options) -> {
            resumedRuns.incrementAndGet();
            return SlowBatchMain.executor(0).run(point, seed, options);
        }, killed, arguments, "--resume");
        Path whole = dir.resolve("whole");
        int uninterrupted = batch(() -> SlowBatchMain.executor(0), whole, arguments);

        assertThat(resumed).isEqualTo(uninterrupted).isEqualTo(ExitCodes.FOUND_FAILURES);
        // Runs in flight at the kill run again; runs recorded before it never do.
        assertThat(resumedRuns.get()).isEqualTo(RUNS - recordedBeforeKill);
        for (String file : List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD, ResultFiles.SUMMARY)) {
            assertThat(Files.readAllBytes(killed.resolve(file))).as(file).isEqualTo(Files.readAllBytes(whole.resolve(file)));
        }
        List<String> rows = Files.readAllLines(killed.resolve(ResultFiles.RUNS));
        Set<String> runIds = new HashSet<>();
        rows.subList(1, rows.size()).forEach(row -> runIds.add(row.substring(0, row.indexOf(','))));
        assertThat(rows).hasSize(RUNS + 1);
        assertThat(runIds).hasSize(RUNS);
        assertThat(killed.resolve(ResultFiles.JOURNAL)).doesNotExist();
    }

    private static int batch(RunExecutorFactory executor, Path out,
            List<String> arguments, String... more) {
        List<String> all = new ArrayList<>(List.of("--out", out.toString()));
        all.addAll(arguments);
        all.addAll(List.of(more));
        CommandLine cli = new CommandLine(new BatchCommand(executor));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(all.toArray(String[]::new));
    }

    /** Whole lines in the journal (a record being written may be torn; the store ignores it). */
    private static int journalLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(journal);
        int lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }
}
