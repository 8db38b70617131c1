package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.batch.FileChannels;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.icesim.stats.Json;
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
