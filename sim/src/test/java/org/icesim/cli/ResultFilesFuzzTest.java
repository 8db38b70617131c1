package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the commands that read result sets (summary, compare, report, merge) damaged copies of a
 * sharded batch's files: runs.csv, manifest.json, summary.json, events.csv and load.csv truncated at
 * random offsets, with flipped bytes, replaced by binary garbage, with rows duplicated or dropped,
 * with NaN or text in numeric cells (report, which draws charts, on every third case). Each command must end in a valid result or in exit status 2
 * with a message naming the damaged directory's file (and, for a file it parses, the line and
 * column); another status, an exception or a stack trace fails the test with the case. Cases come
 * from a fixed seed, so a failure repeats.
 */
class ResultFilesFuzzTest {

    private static final long SEED = 0x2E5_017L;
    private static final int TRUNCATIONS = 4;
    private static final int FLIPS = 4;
    /** report draws charts, the slowest reader: it reads one case in this many. */
    private static final int REPORT_EVERY = 3;
    /** Where a parser names a place: {@code file:line:column}. */
    private static final Pattern LOCATED = Pattern.compile(":\\d+:\\d+: ");
    private static final List<String> FILES = List.of(ResultFiles.RUNS, ResultFiles.MANIFEST, ResultFiles.SUMMARY,
            ResultFiles.EVENTS, ResultFiles.LOAD);
    /** Cases per damage and outcome (valid result / located error), printed at the end. */
    private static final Map<String, int[]> TALLY = new LinkedHashMap<>();

    @TempDir
    static Path dir;
    private static Path shard0;
    private static Path shard1;
    private final Random random = new Random(SEED);
    private static int cases;

    @BeforeAll
    static void aShardedBatch() throws Exception {
        Path alpha = TestScenarios.write(dir, "alpha", 4, "5ms", "50ms");
        shard0 = dir.resolve("pristine-0");
        shard1 = dir.resolve("pristine-1");
        for (Path shard : List.of(shard0, shard1)) {
            CliRun made = CliRun.icesim(() -> new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 5)), "batch",
                    "--out", shard.toString(), "--shard", (shard == shard0 ? 0 : 1) + "/2", "--events", "--load-interval",
                    "1s", "--progress", "off", alpha.toString());
            assertThat(made.status()).as(made.err()).isIn(0, ExitCodes.FOUND_FAILURES);
        }
    }

    @AfterAll
    static void printTally() {
        StringBuilder text = new StringBuilder("result files fuzz cases (valid / located error):\n");
        TALLY.forEach((damage, counts) -> text.append(String.format("  %-24s %4d / %4d%n", damage, counts[0], counts[1])));
        System.out.print(text);
    }

    @Test
    void truncatedFiles() throws Exception {
        for (String file : FILES) {
            byte[] bytes = Files.readAllBytes(shard0.resolve(file));
            for (int i = 0; i < TRUNCATIONS; i++) {
                check("truncated", file, Arrays.copyOf(bytes, random.nextInt(bytes.length)));
            }
        }
    }

    @Test
    void flippedBytes() throws Exception {
        for (String file : FILES) {
            byte[] bytes = Files.readAllBytes(shard0.resolve(file));
            for (int i = 0; i < FLIPS; i++) {
                byte[] flipped = bytes.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                check("byte flips", file, flipped);
            }
        }
    }

    @Test
    void binaryGarbageAndEmptyFiles() throws Exception {
        for (String file : FILES) {
            byte[] garbage = new byte[1 + random.nextInt(8192)];
            random.nextBytes(garbage);
            check("binary garbage", file, garbage);
            check("empty", file, new byte[0]);
            check("a quote", file, "\"".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void duplicatedDroppedAndSwappedRows() throws Exception {
        for (String file : List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD)) {
            List<String> lines = Files.readAllLines(shard0.resolve(file));
            for (int i = 0; i < 2; i++) {
                List<String> duplicated = new ArrayList<>(lines);
                duplicated.add(1 + random.nextInt(lines.size() - 1), lines.get(1 + random.nextInt(lines.size() - 1)));
                check("duplicated row", file, text(duplicated));
                List<String> dropped = new ArrayList<>(lines);
                dropped.remove(1 + random.nextInt(lines.size() - 1));
                check("dropped row", file, text(dropped));
                List<String> quoted = new ArrayList<>(lines);
                int at = 1 + random.nextInt(lines.size() - 1);
                quoted.set(at, quoted.get(at).replaceFirst(",", ",\""));
                check("unclosed quote", file, text(quoted));
            }
        }
    }

    @Test
    void nanTextAndHugeNumbersInNumericCells() throws Exception {
        for (String file : List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD)) {
            List<String> lines = Files.readAllLines(shard0.resolve(file));
            for (String value : List.of("NaN", "-Infinity", "fast", "1e400", "99999999999999999999999", "")) {
                List<String> damaged = new ArrayList<>(lines);
                int row = 1 + random.nextInt(lines.size() - 1);
                String[] cells = damaged.get(row).split(",", -1);
                cells[1 + random.nextInt(cells.length - 1)] = value;
                damaged.set(row, String.join(",", cells));
                check("bad number " + value, file, text(damaged));
            }
        }
        String manifest = Files.readString(shard0.resolve(ResultFiles.MANIFEST));
        for (String edit : List.of("\"runs\" : NaN", "\"runs\" : -3", "\"runs\" : \"x\"", "\"runs\" : 1e400", "\"runs\" : null")) {
            check("manifest field", ResultFiles.MANIFEST, manifest.replaceFirst("\"runs\" : \\d+", edit)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] text(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Damages {@code file} of a copy of shard 0 and runs every reading command on it. */
    private void check(String damage, String file, byte[] content) throws IOException {
        int n = cases++;
        Path damaged = copy(shard0, dir.resolve("case-" + damage.replaceAll("\\W", "_") + "-" + n));
        Files.write(damaged.resolve(file), content);
        Path baseline = shard1;
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("summary", damaged.toString()),
                List.of("compare", baseline.toString(), damaged.toString()),
                List.of("merge", damaged.toString(), shard1.toString(), "--out", damaged.resolveSibling(damaged.getFileName()
                        + "-merged").toString())));
        if (n % REPORT_EVERY == 0) {
            commands.add(List.of("report", damaged.toString(), "--run", "alpha/p0/s0"));
        }
        for (List<String> command : commands) {
            // Each command gets a fresh copy: summary rewrites summary.json, report adds a directory.
            Path fresh = copy(damaged, dir.resolve("run-" + n + "-" + command.get(0)));
            List<String> arguments = command.stream().map(a -> a.equals(damaged.toString()) ? fresh.toString() : a).toList();
            CliRun run = CliRun.icesim(FakeExecutor::instant, arguments.toArray(String[]::new));
            String what = damage + " " + file + " (case " + n + "), " + arguments + ": " + run.err();
            assertThat(run.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("fasterxml");
            boolean valid = run.status() == 0 || run.status() == ExitCodes.FOUND_FAILURES && !command.get(0).equals("summary");
            if (!valid) {
                assertThat(run.status()).as(what).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(run.err()).as(what).startsWith("icesim " + command.get(0) + ": ").contains(fresh.toString());
                assertThat(run.err().length()).as(what).isLessThan(1500);
                if (run.err().contains(fresh.resolve(file) + ":")) {
                    assertThat(LOCATED.matcher(run.err()).find()).as("located: " + what).isTrue();
                }
            }
            TALLY.computeIfAbsent(damage, d -> new int[2])[valid ? 0 : 1]++;
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
