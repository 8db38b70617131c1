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
    void aDirectoryIsNotAScenarioFile() throws Exception {
        String directory = Files.createDirectory(dir.resolve("a-directory.yaml")).toString();
        assertRefused(List.of("validate", directory), directory, "not a regular file");
        // batch and run read a directory as the scenario files in it
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
