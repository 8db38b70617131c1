package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.icesim.kernel.Durations;
import org.icesim.world.RunOptions;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the local one: the same batch gives the same bytes. One embedded
 * Spark context serves the whole class: two cores, and a task may fail once and be retried
 * ({@code local[2,2]}: Spark's local mode otherwise never retries a task).
 */
class SparkBatchRunnerTest {

    private static final Provenance PROVENANCE = new Provenance("test", null, "host1", List.of("icesim", "batch"));
    private static final List<String> DETERMINISTIC_FILES =
            List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.MEDIA, ResultFiles.LOAD, ResultFiles.SUMMARY);

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SparkBatchRunner.quietLogging();
        spark = new JavaSparkContext(SparkBatchRunner.configuration("local[2,2]", "icesim test"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A failure of the task, not of the run: Spark retries the task (it is not fatal to the JVM either). */
    static final class ExecutorLost extends Error {
        private static final long serialVersionUID = 1L;

        ExecutorLost(String message) {
            super(message);
        }
    }

    private BatchPlan fakePlan() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 6, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 5);
        return new BatchPlanner().plan("b1", List.of(a, b),
                new PlanOptions(0, List.of(), 0, Shard.WHOLE, new RunOptions(true, Durations.seconds(1), null, true)));
    }

    private static Completion local(BatchPlan plan, Path out, RunExecutorFactory executors) throws Exception {
        return BatchRunnerTest.runBatch(plan, out, executors.get(), 2);
    }

    private static Completion onSpark(BatchPlan plan, Path out, RunExecutorFactory executors, StartMode mode)
            throws Exception {
        return onSpark(plan, out, executors, mode, 1);
    }

    private static Completion onSpark(BatchPlan plan, Path out, RunExecutorFactory executors, StartMode mode,
            int fleetParts) throws Exception {
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 0, mode)) {
            new SparkBatchRunner(spark, executors, fleetParts).run(plan, store, BatchListener.NONE);
            return store.complete();
        }
    }

    private void assertSameFiles(Path expected, Path actual, List<String> files) throws Exception {
        for (String file : files) {
            assertThat(Files.readAllBytes(actual.resolve(file))).as(file).isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
    }

    @Test
    void theSimulatorOnLocal2GivesTheSameBytesAsTheLocalEngine() throws Exception {
        // Two library scenarios, one of which extends a base file: the executors plan from the files' bytes.
        PlanOptions options = new PlanOptions(3, List.of(GroupFilter.parse("glare"), GroupFilter.parse("wifi-to-cellular/p1")),
                0, Shard.WHOLE, new RunOptions(true, 0, null, true));
        BatchPlan plan = new BatchPlanner().plan("library",
                List.of(Path.of("../scenarios/glare.yaml"), Path.of("../scenarios/wifi-to-cellular.yaml")), options);
        assertThat(plan.runs()).hasSize(6);

        Completion local = local(plan, dir.resolve("local"), RunExecutors::simulation);
        Completion spark = onSpark(plan, dir.resolve("spark"), RunExecutors::simulation, StartMode.NEW);

        assertThat(spark.runs()).isEqualTo(6);
        assertThat(local.failed()).isZero();
        assertSameFiles(dir.resolve("local"), dir.resolve("spark"), List.of(ResultFiles.RUNS, ResultFiles.EVENTS,
                ResultFiles.SUMMARY));
    }

    @Test
    void aRunThatThrowsOnAnExecutorIsAFailedRecordAsOnTheLocalEngine() throws Exception {
        BatchPlan plan = fakePlan();
        RunExecutorFactory failing = () -> new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 4));
        Completion local = local(plan, dir.resolve("local"), failing);
        Completion spark = onSpark(plan, dir.resolve("spark"), failing, StartMode.NEW);

        assertThat(local.failed()).isPositive();
        assertThat(spark.failed()).isEqualTo(local.failed());
        assertSameFiles(dir.resolve("local"), dir.resolve("spark"), DETERMINISTIC_FILES);
    }

    @Test
    void aRetriedTaskNeitherLosesNorDuplicatesARun() throws Exception {
        BatchPlan plan = fakePlan();
        // Every task's first attempt dies after its first run, as if its executor were lost.
        RunExecutorFactory lostOnce = () -> {
            FakeExecutor fake = FakeExecutor.instant();
            int[] runs = {0};
            return (point, seed, options) -> {
                if (TaskContext.get().attemptNumber() == 0 && runs[0]++ == 1) {
                    throw new ExecutorLost("executor lost");
                }
                return fake.run(point, seed, options);
            };
        };
        local(plan, dir.resolve("local"), FakeExecutor::instant);
        Completion spark = onSpark(plan, dir.resolve("spark"), lostOnce, StartMode.NEW);

        assertThat(spark.runs()).isEqualTo(plan.runs().size());
        assertThat(spark.failed()).isZero();
        assertSameFiles(dir.resolve("local"), dir.resolve("spark"), DETERMINISTIC_FILES);
    }

    @Test
    void aJobThatFailsKeepsItsRecordedRunsAndResumesOnSpark() throws Exception {
        BatchPlan plan = fakePlan();
        int lost = plan.runs().get(7).position();
        long lostSeed = plan.runs().get(7).seed();
        // The run at one position kills its task on every attempt: the job fails after the retry.
        RunExecutorFactory brokenExecutor = () -> {
            FakeExecutor fake = FakeExecutor.instant();
            return (point, seed, options) -> {
                if (seed == lostSeed) {
                    throw new ExecutorLost("executor lost for good");
                }
                return fake.run(point, seed, options);
            };
        };
        Path out = dir.resolve("spark");
        assertThatThrownBy(() -> onSpark(plan, out, brokenExecutor, StartMode.NEW))
                .isInstanceOf(SparkJobException.class).hasMessageContaining("the Spark job stopped")
                .hasMessageContaining("executor lost for good");
        int recorded;
        try (Journal journal = Journal.open(out.resolve(ResultFiles.JOURNAL), FileChannels.DISK, position -> null)) {
            recorded = journal.positions().size();
            assertThat(journal.positions()).doesNotContain(lost);
        }

        int[] ranOnResume = {0};
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 0, StartMode.RESUME)) {
            ranOnResume[0] = new SparkBatchRunner(spark, FakeExecutor::instant, 1).run(plan, store, BatchListener.NONE);
            store.complete();
        }
        local(plan, dir.resolve("local"), FakeExecutor::instant);

        assertThat(ranOnResume[0]).isEqualTo(plan.runs().size() - recorded);
        assertSameFiles(dir.resolve("local"), out, DETERMINISTIC_FILES);
    }

    /** Two seeds of a fleet that splits into its 4 TURN servers' parts, and one of a fleet that cannot split. */
    private BatchPlan fleetPlan() throws Exception {
        Path split = dir.resolve("split.yaml");
        Files.writeString(split, SplitFleetScenario.YAML);
        Path whole = dir.resolve("whole.yaml");
        Files.writeString(whole, SplitFleetScenario.YAML.replace("name: split-fleet", "name: whole-fleet")
                .replace("round-robin", "least-loaded"));
        return new BatchPlanner().plan("fleets", List.of(split, whole),
                new PlanOptions(2, List.of(), 3, Shard.WHOLE, new RunOptions(false, Durations.seconds(5), null, true)));
    }

    @Test
    void aSplitFleetIsOneTaskPerPartAndAFleetThatCannotSplitIsOne() throws Exception {
        BatchPlan plan = fleetPlan();
        List<RunSpec> runs = plan.runs();
        RunOptions options = plan.options().runOptions();

        assertThat(SparkBatchRunner.pieces(runs, options, 8)).containsExactly(
                new SparkBatchRunner.Piece(runs.get(0).position(), 0, 4), new SparkBatchRunner.Piece(runs.get(0).position(), 1, 4),
                new SparkBatchRunner.Piece(runs.get(0).position(), 2, 4), new SparkBatchRunner.Piece(runs.get(0).position(), 3, 4),
                new SparkBatchRunner.Piece(runs.get(1).position(), 0, 4), new SparkBatchRunner.Piece(runs.get(1).position(), 1, 4),
                new SparkBatchRunner.Piece(runs.get(1).position(), 2, 4), new SparkBatchRunner.Piece(runs.get(1).position(), 3, 4),
                new SparkBatchRunner.Piece(runs.get(2).position(), 0, 1));
        assertThat(SparkBatchRunner.pieces(runs, options, 2)).hasSize(5);
        assertThat(SparkBatchRunner.pieces(runs, options, 1)).hasSize(3).allMatch(SparkBatchRunner.Piece::whole);
    }

    @Test
    void fleetsSplitIntoTasksWriteTheSameBytesAsTheLocalEngineOnOneThread() throws Exception {
        BatchPlan plan = fleetPlan();
        Completion local = local(plan, dir.resolve("local"), RunExecutors::simulation);
        // 2 parts: a task holds more than one part's calls but less than the fleet's.
        Completion spark = onSpark(plan, dir.resolve("spark"), RunExecutors::simulation, StartMode.NEW, 2);

        assertThat(local.failed()).isZero();
        assertThat(spark.runs()).isEqualTo(3);
        assertSameFiles(dir.resolve("local"), dir.resolve("spark"),
                List.of(ResultFiles.RUNS, ResultFiles.FLEET_VALUES, ResultFiles.LOAD, ResultFiles.SUMMARY));
        assertThat(Files.readAllLines(dir.resolve("spark").resolve(ResultFiles.LOAD))).hasSizeGreaterThan(60);
    }

    @Test
    void tasksAreAtLeastFourPerCoreAndAtMost64RunsEachButNeverMoreThanRuns() {
        assertThat(SparkBatchRunner.partitions(3, 2)).isEqualTo(3);
        assertThat(SparkBatchRunner.partitions(100, 2)).isEqualTo(8);
        assertThat(SparkBatchRunner.partitions(6400, 2)).isEqualTo(100);
    }
}
