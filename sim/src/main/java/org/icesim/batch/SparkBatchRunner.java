package org.icesim.batch;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.icesim.world.DistributedFleet;
import org.icesim.world.FleetSplit;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;
import scala.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * Runs the unfinished runs of a batch as one Apache Spark job. Each run is one piece of work, or —
 * a fleet that {@link FleetSplit} splits exactly into up to {@code fleetParts} parts — one piece
 * per part. The pieces are split into partitions; a task plans the batch again from its
 * {@link PlanRecipe} (once per JVM) and runs its pieces one after the other: a whole run with
 * {@link RunRecord#execute}, the same code the local engine uses, so a run that throws becomes a
 * failed record here as there; a part with {@link DistributedFleet#runPart}. Each task sends back,
 * per piece, a {@link PieceResult}: a record, or a part's figures or error; the driver records a run in the
 * {@link ResultStore} when its record, or its last part ({@link SplitRuns}), arrives. The store
 * writes the final files in run order, so they are the same bytes as the local engine's.
 *
 * <p>Spark reruns a task whose executor was lost, and may run a slow task twice (speculation):
 * a run or a part can arrive twice, and the first arrival is kept. A task that failed for good
 * fails the job; the runs recorded until then stay recorded for a resume, and a split run with
 * a part missing is not recorded, so a resume runs it again.
 */
public final class SparkBatchRunner {

    /** The log4j2 configuration for Spark runs: warnings only, so the console shows the batch's own output. */
    static final String LOG_CONFIGURATION = "org/icesim/batch/spark-log4j2.properties";

    /** Pieces (runs or fleet parts) per task at most: a lost task costs little, and records arrive at the driver steadily. */
    private static final int MAX_PIECES_PER_TASK = 64;
    /** Tasks per core at least, so that cores that finish early take over the remaining work. */
    private static final int TASKS_PER_CORE = 4;

    private final JavaSparkContext spark;
    private final RunExecutorFactory executors;
    private final int fleetParts;

    /**
     * @param executors  makes the executor of whole runs (a fleet's parts are always simulated)
     * @param fleetParts the most parts (tasks) a fleet run is split into where the split is exact; 1: none is split
     */
    public SparkBatchRunner(JavaSparkContext spark, RunExecutorFactory executors, int fleetParts) {
        if (fleetParts < 1) {
            throw new IllegalArgumentException("fleet parts must be >= 1, was " + fleetParts);
        }
        this.spark = spark;
        this.executors = executors;
        this.fleetParts = fleetParts;
    }

    /**
     * Starts a Spark context, runs the batch on it and stops it.
     *
     * @param master the Spark master URL, e.g. {@code local[*]} or {@code spark://host:7077}
     * @return the number of runs recorded by this call
     */
    public static int runOnce(String master, RunExecutorFactory executors, int fleetParts, BatchPlan plan,
            ResultStore store, BatchListener listener)
            throws IOException, BatchException, SparkJobException, InterruptedException {
        quietLogging();
        try (JavaSparkContext spark = new JavaSparkContext(configuration(master, "icesim batch " + plan.name()))) {
            return new SparkBatchRunner(spark, executors, fleetParts).run(plan, store, listener);
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
        List<RunSpec> pending = new ArrayList<>();
        Map<Integer, RunSpec> runs = new HashMap<>();
        for (RunSpec run : plan.runs()) {
            runs.put(run.position(), run);
            if (!finished.contains(run.position())) {
                pending.add(run);
            }
        }
        listener.started(plan.runs().size(), plan.runs().size() - pending.size(), store.failedSoFar());
        if (pending.isEmpty()) {
            return 0;
        }
        RunOptions options = plan.options().runOptions();
        List<Piece> pieces = pieces(pending, options, fleetParts);
        SplitRuns split = new SplitRuns(options);
        int partitions = partitions(pieces.size(), spark.defaultParallelism());
        // Pieces travel as int arrays, which every serializer a cluster may choose for data (Java's, Kryo) knows.
        RDD<int[]> work = spark.parallelize(pieces.stream().map(Piece::toArray).toList(), partitions).rdd();
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
                        PieceResult result = PieceResult.read(json);
                        Piece piece = Piece.of(result.piece());
                        RunSpec run = runs.get(piece.position());
                        Optional<RunRecord> record = piece.whole() ? Optional.of(RunRecordJson.read(result.record()))
                                : split.arrived(run, piece.index(), piece.count(), result.part(), result.error());
                        if (record.isPresent() && store.record(record.get())) {
                            ran.incrementAndGet();
                            listener.finished(run, record.get());
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
            context.runJob(work, new RunTask(PlanRecipe.of(plan), executors), handler, resultType);
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

    /**
     * The pieces of work of {@code pending} in run order: a fleet run that {@link FleetSplit} splits
     * exactly into up to {@code fleetParts} parts gives one piece per part, any other run one piece.
     */
    static List<Piece> pieces(List<RunSpec> pending, RunOptions options, int fleetParts) {
        List<Piece> pieces = new ArrayList<>();
        for (RunSpec run : pending) {
            int count = FleetSplit.parts(run.scenarioPoint().scenario(), options, fleetParts);
            for (int index = 0; index < count; index++) {
                pieces.add(new Piece(run.position(), index, count));
            }
        }
        return pieces;
    }

    /** As many tasks as {@link #TASKS_PER_CORE} and {@link #MAX_PIECES_PER_TASK} ask for, at most one per piece. */
    static int partitions(int pieces, int cores) {
        int forBalance = cores * TASKS_PER_CORE;
        int forSize = (pieces + MAX_PIECES_PER_TASK - 1) / MAX_PIECES_PER_TASK;
        return Math.max(1, Math.min(pieces, Math.max(forBalance, forSize)));
    }

    /**
     * One task's share of a run: the run at {@code position} whole ({@code count} 1), or part {@code index} of
     * the {@code count} its fleet is split into.
     */
    record Piece(int position, int index, int count) {

        static Piece of(int[] fields) {
            return new Piece(fields[0], fields[1], fields[2]);
        }

        int[] toArray() {
            return new int[] {position, index, count};
        }

        boolean whole() {
            return count == 1;
        }
    }

    /** A task: runs the pieces of one partition on an executor and returns what each gave as JSON. */
    private static final class RunTask implements Function2<TaskContext, Iterator<int[]>, ArrayList<byte[]>>, Serializable {

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
        public ArrayList<byte[]> apply(TaskContext context, Iterator<int[]> pieces) {
            PlannedBatch batch = plan(recipe);
            RunExecutor executor = executors.get();
            RunOptions options = batch.plan().options().runOptions();
            ArrayList<byte[]> results = new ArrayList<>();
            try {
                while (pieces.hasNext()) {
                    int[] fields = pieces.next();
                    Piece piece = Piece.of(fields);
                    RunSpec run = batch.runs().get(piece.position());
                    PieceResult result = piece.whole() ? PieceResult.whole(fields, RunRecord.execute(executor, run, options))
                            : RunRecord.guarded(() -> PieceResult.part(fields, DistributedFleet.runPart(
                                    run.scenarioPoint().scenario(), run.seed(), options, piece.index(), piece.count())),
                                    error -> PieceResult.failedPart(fields, error));
                    results.add(result.write());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                // Spark interrupts a task it kills; the task ends without results, and nothing is recorded.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the task was interrupted", e);
            }
            return results;
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
