package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.world.CallRunner;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --fleet-threads}: a fleet split over threads writes the result files of one thread, byte for byte. */
class FleetThreadsTest {

    private static final String[] SAME_BYTES = {"runs.csv", "fleet-values.csv", "load.csv", "summary.json"};

    @TempDir
    Path dir;

    private CliRun batch(Path scenario, String out, String... more) {
        String[] args = new String[] {"batch", scenario.toString(), "--seeds", "2", "--threads", "1", "--load-interval", "5s",
                "--check", "--progress", "off", "--out", dir.resolve(out).toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliRun run = CliRun.icesim(CallRunner::new, all);
        assertThat(run.status()).as(run.err()).isZero();
        return run;
    }

    private void assertSameFiles(String first, String second) throws Exception {
        for (String file : SAME_BYTES) {
            assertThat(Files.readAllBytes(dir.resolve(second).resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve(first).resolve(file)));
        }
    }

    @Test
    void aFleetSplitOverThreadsWritesTheSameBytesAsOnOne() throws Exception {
        Path scenario = dir.resolve("fleet.yaml");
        Files.writeString(scenario, SplitFleetScenario.YAML);
        batch(scenario, "one");
        CliRun two = batch(scenario, "two", "--fleet-threads", "2");
        batch(scenario, "four", "--fleet-threads", "4");
        assertThat(two.err()).doesNotContain("one thread");
        assertSameFiles("one", "two");
        assertSameFiles("one", "four");
        assertThat(Files.readAllLines(dir.resolve("one").resolve("load.csv"))).hasSizeGreaterThan(40);
        assertThat(Files.readAllLines(dir.resolve("one").resolve("fleet-values.csv"))).hasSizeGreaterThan(20);
    }

    @Test
    void aFleetThatCannotBeSplitRunsOnOneThreadAndSaysWhy() throws Exception {
        Path scenario = dir.resolve("fleet.yaml");
        Files.writeString(scenario, SplitFleetScenario.YAML.replace("round-robin", "least-loaded"));
        batch(scenario, "one");
        CliRun asked = batch(scenario, "asked", "--fleet-threads", "2");
        assertThat(asked.err()).contains("icesim batch: split-fleet: the fleet runs on one thread, --fleet-threads cannot "
                + "split it exactly: fleet.turn-assignment least-loaded gives a call the server with the fewest live "
                + "allocations when it starts");
        assertSameFiles("one", "asked");
    }
}
