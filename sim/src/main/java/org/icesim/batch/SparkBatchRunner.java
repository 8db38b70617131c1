package org.icesim.batch;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;
import scala.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * Runs the unfinished runs of a batch as one Apache Spark job. The positions of the runs are
 * split into partitions; a task plans the batch again from its {@link PlanRecipe} (once per JVM)
 * and runs its positions one after the other with {@link RunRecord#execute}, the same code the
 * local engine uses, so a run that throws becomes a failed record here as there. Each task sends
 * its records back as JSON; the driver records them in the {@link ResultStore} as tasks finish.
 * The store writes the final files in run order, so they are the same bytes as the local engine's.
 *
 * <p>Spark reruns a task whose executor was lost, and may run a slow task twice (speculation):
 * a run can arrive twice, and {@link ResultStore#record} keeps its first record only. A task
 * that failed for good fails the job; the runs recorded until then stay recorded for a resume.
 */
public final class SparkBatchRunner {

    /** The log4j2 configuration for Spark runs: warnings only, so the console shows the batch's own output. */
    static final String LOG_CONFIGURATION = "org/icesim/batch/spark-log4j2.properties";

    /** Runs per task at most: a lost task costs little, and records arrive at the driver steadily. */
    private static final int MAX_RUNS_PER_TASK = 64;
    /** Tasks per core at least, so that cores that finish early take over the remaining work. */
    private static final int TASKS_PER_CORE = 4;

    private final JavaSparkContext spark;
    private final RunExecutorFactory executors;

    public SparkBatchRunner(JavaSparkContext spark, RunExecutorFactory executors) {
        this.spark = spark;
        this.executors = executors;
    }

    /**
     * Starts a Spark context, runs the batch on it and stops it.
     *
     * @param master the Spark master URL, e.g. {@code local[*]} or {@code spark://host:7077}
     * @return the number of runs recorded by this call
     */
    public static int runOnce(String master, RunExecutorFactory executors, BatchPlan plan, ResultStore store,
            BatchListener listener) throws IOException, BatchException, SparkJobException, InterruptedException {
        quietLogging();
        try (JavaSparkContext spark = new JavaSparkContext(configuration(master, "icesim batch " + plan.name()))) {
            return new SparkBatchRunner(spark, executors).run(plan, store, listener);
        }
    }

    /** Points log4j2 at our configuration, unless the user chose one. Must run before Spark logs anything. */
    public static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIGURATION);
        }
    }

    /** The Spark configuration of a batch: settings given to {@code spark-submit} win over our defaults. */
    public static SparkConf configuration(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(master);
        // The progress bar and log lines of the batch itself say how far it is.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // An embedded run has nobody watching a web UI; not starting it saves start-up time and a port.
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    /**
     * Runs every run of {@code plan} that {@code store} does not hold yet and returns when all are
     * recorded.
     *
     * @return the number of runs recorded by this call
     * @throws IOException       if recording a run failed (the job is cancelled; recorded runs are kept)
     * @throws SparkJobException if the Spark job failed (recorded runs are kept)
     */
    public int run(BatchPlan plan, ResultStore store, BatchListener listener)
            throws IOException, BatchException, SparkJobException, InterruptedException {
        Set<Integer> finished = store.finished();
        List<Integer> pending = new ArrayList<>();
        Map<Integer, RunSpec> runs = new HashMap<>();
        for (RunSpec run : plan.runs()) {
            runs.put(run.position(), run);
            if (!finished.contains(run.position())) {
                pending.add(run.position());
            }
        }
        listener.started(plan.runs().size(), plan.runs().size() - pending.size(), store.failedSoFar());
        if (pending.isEmpty()) {
            return 0;
        }
        int partitions = partitions(pending.size(), spark.defaultParallelism());
        RDD<Integer> positions = spark.parallelize(pending, partitions).rdd();
        AtomicReference<Exception> stop = new AtomicReference<>();
        AtomicInteger ran = new AtomicInteger();
        String group = "icesim-" + plan.fingerprint();
        SparkContext context = spark.sc();
        // Spark hands each task's result to the handler on its scheduler thread; the records are written
        // (each one fsync'ed) on a thread of their own, so that the scheduler launches the next tasks meanwhile.
        ExecutorService recorder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "icesim-recorder");
            thread.setDaemon(true);
            return thread;
        });
        Function2<Object, ArrayList<byte[]>, BoxedUnit> handler = (partition, encoded) -> {
            recorder.execute(() -> {
                if (stop.get() != null) {
                    return;
                }
                try {
                    for (byte[] json : encoded) {
                        RunRecord record = RunRecordJson.read(json);
                        if (store.record(record)) {
                            ran.incrementAndGet();
                            listener.finished(runs.get(record.position()), record);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (stop.compareAndSet(null, e)) {
                        context.cancelJobGroup(group);
                    }
                }
            });
            return BoxedUnit.UNIT;
        };
        ClassTag<ArrayList<byte[]>> resultType = ClassTag$.MODULE$.apply(ArrayList.class);
        context.setJobGroup(group, "icesim batch " + plan.name(), false);
        try {
            context.runJob(positions, new RunTask(PlanRecipe.of(plan), executors), handler, resultType);
        } catch (Exception e) {
            // Spark's checked SparkException too (a failed task, a task that cannot be serialized).
            if (stop.get() == null) {
                throw new SparkJobException("the Spark job stopped: " + firstLine(e.getMessage()), e);
            }
        } finally {
            context.clearJobGroup();
            // What arrived before the job ended (or failed) is recorded before this returns.
            recorder.shutdown();
            while (!recorder.awaitTermination(1, TimeUnit.SECONDS)) {
                // Waiting for the last records; the loop lets an interrupt of this thread through.
            }
        }
        Exception cause = stop.get();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause != null) {
            throw new IllegalStateException("recording a run failed: " + cause, cause);
        }
        return ran.get();
    }

    /** Spark's job failures go on with the failed task's stack trace; the first line says what failed. */
    private static String firstLine(String message) {
        if (message == null) {
            return "(no reason given)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** As many tasks as {@link #TASKS_PER_CORE} and {@link #MAX_RUNS_PER_TASK} ask for, at most one per run. */
    static int partitions(int runs, int cores) {
        int forBalance = cores * TASKS_PER_CORE;
        int forSize = (runs + MAX_RUNS_PER_TASK - 1) / MAX_RUNS_PER_TASK;
        return Math.max(1, Math.min(runs, Math.max(forBalance, forSize)));
    }

    /** A task: runs the positions of one partition on an executor and returns their records as JSON. */
    private static final class RunTask implements Function2<TaskContext, Iterator<Integer>, ArrayList<byte[]>>, Serializable {

        private static final long serialVersionUID = 1L;

        /** The last plan this JVM made from a recipe: every task of a batch on this executor shares it. */
        private static PlannedBatch planned;

        private final PlanRecipe recipe;
        private final RunExecutorFactory executors;

        RunTask(PlanRecipe recipe, RunExecutorFactory executors) {
            this.recipe = recipe;
            this.executors = executors;
        }

        @Override
        public ArrayList<byte[]> apply(TaskContext context, Iterator<Integer> positions) {
            PlannedBatch batch = plan(recipe);
            RunExecutor executor = executors.get();
            RunOptions options = batch.plan().options().runOptions();
            ArrayList<byte[]> records = new ArrayList<>();
            try {
                while (positions.hasNext()) {
                    RunSpec run = batch.runs().get(positions.next());
                    records.add(RunRecordJson.write(RunRecord.execute(executor, run, options)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                // Spark interrupts a task it kills; the task ends without results, and nothing is recorded.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the task was interrupted", e);
            }
            return records;
        }

        private static synchronized PlannedBatch plan(PlanRecipe recipe) {
            if (planned == null || !planned.identity().equals(recipe.identity())) {
                try {
                    BatchPlan plan = recipe.plan();
                    Map<Integer, RunSpec> runs = new HashMap<>();
                    plan.runs().forEach(run -> runs.put(run.position(), run));
                    planned = new PlannedBatch(recipe.identity(), plan, runs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ScenarioException | BatchException e) {
                    throw new IllegalStateException("planning batch '" + recipe.name() + "' on an executor failed: " + e, e);
                }
            }
            return planned;
        }
    }

    private record PlannedBatch(String identity, BatchPlan plan, Map<Integer, RunSpec> runs) {
    }
}
