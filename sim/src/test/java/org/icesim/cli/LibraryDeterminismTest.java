package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.RunExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole scenario library, one seed per sweep point, on the real simulator at full length:
 * one thread and two threads (the runs finishing in another order) give the same bytes in every
 * result file.
 */
class LibraryDeterminismTest {

    private static final Path LIBRARY = Path.of("../scenarios");
    private static final List<String> FILES = List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD, ResultFiles.SUMMARY);

    @TempDir
    Path dir;

    @Test
    void theLibraryGivesByteIdenticalResultsAtOneAndTwoThreads() throws Exception {
        Path single = batch("single", 1);
        Path parallel = batch("parallel", 2);

        long scenarios;
        try (Stream<Path> files = Files.list(LIBRARY)) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        List<String> rows = Files.readAllLines(single.resolve(ResultFiles.RUNS));
        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.split(",")[2]).distinct().count())
                .as("scenarios in runs.csv").isEqualTo(scenarios);
        assertThat(Files.size(single.resolve(ResultFiles.EVENTS))).as("events.csv").isGreaterThan(10_000);
        for (String file : FILES) {
            byte[] expected = Files.readAllBytes(single.resolve(file));
            assertThat(Files.readAllBytes(parallel.resolve(file))).as("%s at 2 threads", file).isEqualTo(expected);
        }
    }

    private Path batch(String name, int threads) {
        Path out = dir.resolve(name);
        CliRun run = CliRun.icesim(RunExecutors::simulation, "batch", LIBRARY.toString(), "--name", "library", "--seeds", "1",
                "--threads", String.valueOf(threads), "--events", "--load-interval", "1s", "--progress", "off",
                "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        return out;
    }
}
