package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.icesim.batch.BatchPlanner;
import org.icesim.batch.FakeExecutor;
import org.icesim.scenario.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile scenario files and option values through the commands users type: {@code validate},
 * {@code run} and {@code batch} each answer with located problems and the invalid-input status,
 * never a stack trace, and write no results.
 */
class HostileInputCommandTest {

    @TempDir
    Path dir;

    @Test
    void hostileFilesAreLocatedProblemsInEveryCommand() throws Exception {
        Map<Path, String> files = new LinkedHashMap<>();
        byte[] library = Files.readAllBytes(Path.of("../scenarios/healthy-call.yaml"));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        files.put(Files.write(dir.resolve("garbage.yaml"), garbage), ":1:1: ");
        files.put(Files.write(dir.resolve("truncated.yaml"), Arrays.copyOf(library, library.length / 3)), ":");
        files.put(Files.writeString(dir.resolve("deep.yaml"), "a: " + "[".repeat(1000) + "]".repeat(1000)),
                "nesting deeper than " + YamlReader.MAX_DEPTH);
        files.put(Files.writeString(dir.resolve("laughs.yaml"), "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                + "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"), "more than " + YamlReader.MAX_EXPANDED_VALUES);
        files.put(Files.writeString(dir.resolve("long-line.yaml"), "name: " + "y".repeat(YamlReader.MAX_LINE_CHARS + 1)),
                "at most " + YamlReader.MAX_LINE_CHARS);
        files.put(Files.writeString(dir.resolve("huge.yaml"), "x".repeat((int) YamlReader.MAX_FILE_BYTES + 1)),
                "at most " + YamlReader.MAX_FILE_BYTES + " bytes");
        // A named pipe nobody writes to would block a reader forever.
        Path fifo = dir.resolve("fifo.yaml");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            files.put(fifo, "not a regular file");
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            String name = file.getKey().toString();
            for (List<String> command : List.of(List.of("validate", name), List.of("run", name, "--out", out()),
                    List.of("batch", name, "--out", out(), "--progress", "off"))) {
                assertRefused(command, name, file.getValue());
            }
        }
    }

    @Test
    void aDirectoryNamedLikeAScenarioIsReadAsTheScenarioFilesInIt() throws Exception {
        String directory = Files.createDirectory(dir.resolve("a-directory.yaml")).toString();
        // validate, batch and run read a directory as the scenario files in it
        assertRefused(List.of("validate", directory), directory, "holds no scenario files");
        assertRefused(List.of("batch", directory, "--out", out()), directory, "holds no scenario files");
    }

    @Test
    void hostileOverridesAreLocatedProblems() throws Exception {
        String scenario = "../scenarios/healthy-call.yaml";
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--duration", "1e400s"), "duration");
        cases.put(List.of("--duration", "9999999999999h"), "too large");
        cases.put(List.of("--set", "duration=" + "[".repeat(500)), "--set duration");
        cases.put(List.of("--set", "links=" + "9".repeat(5000)), "links");
        cases.put(List.of("--set", "peers.alice.policy=on-disconnected(-1s)"), "peers.alice.policy");
        cases.put(List.of("--set", "seeds=1180591620717411303424"), "seeds");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> command = new ArrayList<>(List.of("run", scenario, "--out", out()));
            command.addAll(c.getKey());
            assertRefused(command, "", c.getValue());
        }
    }

    @Test
    void valuesBeyondWhatALinkCanAddAreLocatedProblemsInEveryCommand() throws Exception {
        Path file = Files.writeString(dir.resolve("day-of-jitter.yaml"), """
                name: day-of-jitter
                duration: 10s
                servers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms, jitter: 100000s}}
                peers:
                  alice: {interfaces: [{name: eth, link: lan}]}
                  bob: {interfaces: [{name: eth, link: lan}]}
                """);
        String name = file.toString();
        String expected = name + ":4:35: links.lan.jitter: '100000s' is more than 24h, the most allowed here";
        for (List<String> command : List.of(List.of("validate", name), List.of("run", name, "--out", out()),
                List.of("batch", name, "--out", out(), "--progress", "off"))) {
            assertRefused(command, name, expected);
        }
        Path calm = Files.writeString(dir.resolve("calm.yaml"), Files.readString(file).replace("jitter: 100000s", "jitter: 1ms"));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("links.lan.jitter=100000s", "links.lan.jitter: '100000s' is more than 24h");
        overrides.put("links.lan.delay=25h", "links.lan.delay: '25h' is more than 24h");
        overrides.put("links.lan.jitter={dist: pareto, scale: 100000s, shape: 1}", "links.lan.jitter.scale: '100000s' is more than 24h");
        overrides.put("links.lan.jitter={dist: lognormal, median: 1ms, p99: 30h}", "links.lan.jitter.p99: '30h' is more than 24h");
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            assertRefused(List.of("run", calm.toString(), "--out", out(), "--set", override.getKey()), "--set",
                    override.getValue());
            assertRefused(List.of("batch", calm.toString(), "--out", out(), "--set", override.getKey()), "--set",
                    override.getValue());
        }
    }

    @Test
    void aPlanTooLargeToHoldIsRefusedBeforeItIsMade() throws Exception {
        assertRefused(List.of("batch", "../scenarios/healthy-call.yaml", "--seeds", "1000000000", "--out", out()), "",
                "the batch would have 1000000000 runs (seeds × sweep points of every file), more than the "
                        + BatchPlanner.MAX_RUNS + " a batch may hold");
        List<String> values = IntStream.range(0, 100).mapToObj(i -> i + "ms").toList();
        Path wide = Files.writeString(dir.resolve("wide.yaml"), """
                name: wide
                seeds: 100000
                duration: 1s
                sweep: {links.lan.delay: [%s], links.lan.jitter: [%s]}
                servers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms}}
                peers:
                  alice: {interfaces: [{name: eth, link: lan}]}
                  bob: {interfaces: [{name: eth, link: lan}]}
                """.formatted(String.join(", ", values), String.join(", ", values)));
        assertRefused(List.of("validate", wide.toString()), wide.toString(), "plans 1000000000 runs (seeds: × 10000 sweep "
                + "points), more than the " + BatchPlanner.MAX_RUNS + " a batch may hold");
        assertRefused(List.of("batch", wide.toString(), "--out", out()), "", "the batch would have 1000000000 runs");
        // --max-runs cuts the plan before it is made: the same file is a batch of 3 runs.
        CliRun cut = CliRun.icesim(FakeExecutor::instant, "batch", wide.toString(), "--max-runs", "3", "--out",
                dir.resolve("cut").toString(), "--progress", "off");
        assertThat(cut.status()).as(cut.err()).isNotEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(Files.readAllLines(dir.resolve("cut").resolve("runs.csv"))).hasSize(4);
    }

    @Test
    void resultsNeverGoIntoTheCurrentDirectoryOrAboveIt() throws Exception {
        String scenario = "../scenarios/healthy-call.yaml";
        assertRefused(List.of("batch", scenario, "--out", ""), "", "--out must name a results directory, was ''");
        assertRefused(List.of("run", scenario, "--out", ""), "", "--out must name a results directory, was ''");
        assertRefused(List.of("batch", scenario, "--out", "."), "", "the results directory . is the current directory");
        assertRefused(List.of("batch", scenario, "--out", ".."), "", "is a directory containing the current one");
        assertRefused(List.of("batch", scenario, "--name", ".."), "", "batch name must be non-empty without slashes, "
                + "and not . or .., was '..'");
        Path repository = Files.createDirectories(dir.resolve("repo").resolve(".git")).getParent();
        assertRefused(List.of("batch", scenario, "--out", repository.toString()), "", "is the root of a source repository");
        assertRefused(List.of("merge", dir.resolve("shard").toString(), "--out", ""), "",
                "--out must name a results directory, was ''");
    }

    private void assertRefused(List<String> command, String file, String expected) {
        CliRun run = CliRun.icesim(FakeExecutor::instant, command.toArray(String[]::new));
        assertThat(run.status()).as("%s: %s", command, run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).as(command.toString()).contains(file).contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().length()).as(command.toString()).isLessThan(2000);
        assertThat(dir.resolve("out")).as(command.toString()).doesNotExist();
    }

    private String out() {
        return dir.resolve("out").toString();
    }
}
