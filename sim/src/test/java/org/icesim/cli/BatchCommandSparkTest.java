package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.icesim.batch.FileChannels;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.icesim.stats.Json;
import org.icesim.world.CallRunner;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BatchCommandSparkTest {

    @TempDir
    Path dir;

    private Path alpha;
    private Path beta;

    @BeforeEach
    void scenarios() throws Exception {
        alpha = TestScenarios.write(dir, "alpha", 4, "5ms", "50ms");
        beta = TestScenarios.write(dir, "beta", 3);
    }

    @Test
    void theSparkEngineOnLocal2WritesTheSameFilesAsTheLocalEngine() throws Exception {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        CliRun localRun = CliRun.icesim(FakeExecutor::instant, "batch", "--out", local.toString(), "--threads", "2",
                "--events", "--load-interval", "1s", alpha.toString(), beta.toString());
        CliRun sparkRun = CliRun.icesim(FakeExecutor::instant, "batch", "--out", spark.toString(), "--engine", "spark",
                "--master", "local[2]", "--events", "--load-interval", "1s", alpha.toString(), beta.toString());

        assertThat(localRun.status()).as(localRun.err()).isZero();
        assertThat(sparkRun.status()).as(sparkRun.err()).isZero();
        assertThat(sparkRun.out()).contains("batch 'alpha': 11 runs into " + spark + " on Spark, master local[2]")
                .contains("11 runs, 0 failed; results in " + spark);
        for (String file : new String[] {ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.LOAD, ResultFiles.SUMMARY}) {
            assertThat(Files.readAllBytes(spark.resolve(file))).as(file).isEqualTo(Files.readAllBytes(local.resolve(file)));
        }
        assertThat(Json.mapper().readTree(spark.resolve(ResultFiles.MANIFEST).toFile()).get("threads").asInt()).isZero();

        CliRun resumed = CliRun.icesim(FakeExecutor::instant, "batch", "--out", spark.toString(), "--engine", "spark",
                "--master", "local[2]", "--events", "--load-interval", "1s", "--resume", alpha.toString(), beta.toString());
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("is already complete (11 runs)");
    }

    @Test
    void aFleetThatCannotSplitIntoTasksRunsAsOneAndSaysWhyWithTheFilesOfTheLocalEngine() throws Exception {
        Path split = dir.resolve("split.yaml");
        Files.writeString(split, SplitFleetScenario.YAML.replace("calls: 24", "calls: 8"));
        Path whole = dir.resolve("whole.yaml");
        Files.writeString(whole, SplitFleetScenario.YAML.replace("name: split-fleet", "name: whole-fleet")
                .replace("calls: 24", "calls: 8").replace("round-robin", "least-loaded"));
        String[] batch = {"batch", split.toString(), whole.toString(), "--seeds", "1", "--load-interval", "5s",
            "--progress", "off"};
        CliRun local = CliRun.icesim(CallRunner::new, concat(batch, "--threads", "1", "--out", dir.resolve("local").toString()));
        CliRun spark = CliRun.icesim(CallRunner::new, concat(batch, "--engine", "spark", "--master", "local[2]",
                "--fleet-parts", "4", "--out", dir.resolve("spark").toString()));

        assertThat(local.status()).as(local.err()).isZero();
        assertThat(spark.status()).as(spark.err()).isZero();
        assertThat(spark.err()).contains("icesim batch: whole-fleet: the fleet runs as one task, --fleet-parts cannot split it "
                + "exactly: fleet.turn-assignment least-loaded gives a call the server with the fewest live allocations")
                .doesNotContain("split-fleet:");
        for (String file : new String[] {ResultFiles.RUNS, ResultFiles.FLEET_VALUES, ResultFiles.LOAD, ResultFiles.SUMMARY}) {
            assertThat(Files.readAllBytes(dir.resolve("spark").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve(file)));
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void fleetPartsBelowOneOrOnTheLocalEngineAndFleetThreadsOnSparkAreInvalidInput() {
        String out = dir.resolve("out").toString();
        CliRun none = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, "--engine", "spark", "--fleet-parts", "0",
                alpha.toString());
        CliRun local = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, "--fleet-parts", "2", alpha.toString());
        CliRun threads = CliRun.icesim(FakeExecutor::instant, "batch", "--out", out, "--engine", "spark", "--fleet-threads",
                "3", alpha.toString());

        assertThat(none.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("--fleet-parts must be >= 1, was 0");
        assertThat(local.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(local.err()).contains("--fleet-parts is for --engine spark; on the local engine, split fleets over threads "
                + "with --fleet-threads 2");
        assertThat(threads.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(threads.err()).contains("--fleet-threads is for --engine local; on Spark, split fleets into tasks with "
                + "--fleet-parts 3");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void withoutSparkOnTheClassPathTheEngineSaysHowToRunItAndCannotRun() {
        ClassLoader withoutSpark = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        CommandLine cli = new CommandLine(new BatchCommand(FakeExecutor::instant, FileChannels.DISK, withoutSpark));
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        Path out = dir.resolve("out");

        int status = cli.execute("--out", out.toString(), "--engine", "spark", alpha.toString());

        assertThat(status).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString()).contains("--engine spark needs Apache Spark on the class path")
                .contains("./icesim launcher")
                .contains("spark-submit --class org.icesim.cli.Main --master URL sim/target/icesim.jar batch --engine spark");
        assertThat(out).doesNotExist();
    }

    @Test
    void sparkIsFoundWhereItIsOnTheClassPath() {
        assertThat(BatchCommand.sparkPresent(BatchCommand.class.getClassLoader())).isTrue();
    }

    @Test
    void aMasterWithoutTheSparkEngineIsInvalidInput() {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "batch", "--out", dir.resolve("out").toString(), "--master",
                "local[2]", alpha.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--master is for --engine spark");
    }

    @Test
    void anUnknownEngineIsInvalidInput() {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "batch", "--out", dir.resolve("out").toString(), "--engine",
                "flink", alpha.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--engine must be local or spark, was 'flink'");
    }
}
