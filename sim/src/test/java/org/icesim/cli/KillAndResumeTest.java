package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.RunExecutorFactory;
import org.icesim.batch.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kills a real batch process with SIGKILL (kill -9) again and again — at seeded random moments
 * while runs are in flight, then while it writes its final files — resuming it each time: no
 * finished run is lost or run twice, and the final files are the same bytes as a batch that was
 * never interrupted.
 */
class KillAndResumeTest {

    private static final int RUNS = 48;
    private static final long SEED = 48_2026L;

    @TempDir
    Path dir;

    /** When to kill a batch process, given its results directory. */
    @FunctionalInterface
    private interface Moment {
        boolean reached(Path results) throws Exception;
    }

    @Test
    void aBatchKilledRepeatedlyWithSigkillResumesWithEveryRunOnceAndTheSameBytes() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 12, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 24);
        Path killed = dir.resolve("killed");
        List<String> arguments = List.of("--threads", "2", "--events", "--load-interval", "1s", "--progress", "off",
                a.toString(), b.toString());

        Random random = new Random(SEED);
        List<Moment> moments = new ArrayList<>();
        int target = 0;
        for (int kill = 0; kill < 3; kill++) {
            int runsRecorded = target + 3 + random.nextInt(RUNS / 4);
            moments.add(results -> journalLines(results) >= runsRecorded);
            target = runsRecorded;
        }
        // While the final files are written: before runs.csv is in place, and after it is.
        moments.add(results -> Files.exists(results.resolve(ResultFiles.RUNS + ".tmp")));
        moments.add(results -> Files.exists(results.resolve(ResultFiles.RUNS)));

        int recorded = 0;
        for (int kill = 0; kill < moments.size(); kill++) {
            int now = killAt(killed, arguments, moments.get(kill), kill);
            assertThat(now).as("runs recorded after kill %d (none lost)", kill).isGreaterThanOrEqualTo(recorded);
            recorded = now;
        }
        assertThat(recorded).as("every run recorded before the kills during the final files").isEqualTo(RUNS);
        assertThat(killed.resolve(ResultFiles.SUMMARY)).doesNotExist();

        AtomicInteger resumedRuns = new AtomicInteger();
        int resumed = batch(() -> (point, seed, options) -> {
            resumedRuns.incrementAndGet();
            return SlowBatchMain.executor(0).run(point, seed, options);
        }, killed, arguments, "--resume");
        Path whole = dir.resolve("whole");
        int uninterrupted = batch(() -> SlowBatchMain.executor(0), whole, arguments);

        assertThat(resumed).isEqualTo(uninterrupted).isEqualTo(ExitCodes.FOUND_FAILURES);
        // Runs recorded before a kill never run again.
        assertThat(resumedRuns.get()).isZero();
        for (String file : List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.MEDIA, ResultFiles.LOAD, ResultFiles.SUMMARY)) {
            assertThat(Files.readAllBytes(killed.resolve(file))).as(file).isEqualTo(Files.readAllBytes(whole.resolve(file)));
        }
        List<String> rows = Files.readAllLines(killed.resolve(ResultFiles.RUNS));
        Set<String> runIds = new HashSet<>();
        rows.subList(1, rows.size()).forEach(row -> runIds.add(row.substring(0, row.indexOf(','))));
        assertThat(rows).hasSize(RUNS + 1);
        assertThat(runIds).hasSize(RUNS);
        assertThat(killed.resolve(ResultFiles.JOURNAL)).doesNotExist();
        try (Stream<Path> left = Files.list(killed)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(Files.readString(killed.resolve(ResultFiles.MANIFEST))).contains("\"complete\" : true");
    }

    /** Starts the batch (resuming after the first kill), kills it at {@code moment}; returns the runs then recorded. */
    private int killAt(Path results, List<String> arguments, Moment moment, int kill) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowBatchMain.class.getName(), "--out", results.toString()));
        command.addAll(arguments);
        if (kill > 0) {
            command.add("--resume");
        }
        Path log = dir.resolve("process-" + kill + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!moment.reached(results) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(2);
        }
        assertThat(process.isAlive()).as("process %d alive at its kill moment (log: %s)", kill, Files.readString(log)).isTrue();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return journalLines(results);
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
    private static int journalLines(Path results) throws Exception {
        Path journal = results.resolve(ResultFiles.JOURNAL);
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
