package org.icesim.batch;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;

/**
 * Runs the unfinished runs of a batch on a pool of threads, one run per thread at a time, each
 * run single-threaded. Every finished run is recorded in the {@link ResultStore} as it finishes;
 * results never depend on which thread ran what or in which order, because each run depends
 * only on its scenario point and seed and the final files are written in run order.
 *
 * <p>A run that throws is recorded as failed, with the exception text, and the batch goes on.
 * Only what no later run could escape stops the batch: the results cannot be written, the JVM is
 * out of memory, or the thread is interrupted; runs already recorded stay recorded.
 */
public final class BatchRunner {

    private final RunExecutor executor;
    private final int threads;

    public BatchRunner(RunExecutor executor, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.executor = executor;
        this.threads = threads;
    }

    /**
     * Runs every run of {@code plan} that {@code store} does not hold yet and returns when all are
     * recorded.
     *
     * @return the number of runs this call ran
     * @throws IOException if recording a run failed (the batch stops; recorded runs are kept)
     */
    public int run(BatchPlan plan, ResultStore store, BatchListener listener)
            throws IOException, BatchException, InterruptedException {
        Set<Integer> finished = store.finished();
        List<RunSpec> pending = plan.runs().stream().filter(run -> !finished.contains(run.position())).toList();
        listener.started(plan.runs().size(), plan.runs().size() - pending.size(), store.failedSoFar());
        if (pending.isEmpty()) {
            return 0;
        }
        RunOptions options = plan.options().runOptions();
        AtomicReference<Throwable> stop = new AtomicReference<>();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, workers());
        try {
            for (RunSpec run : pending) {
                if (stop.get() != null) {
                    // A worker met a stopping error and shut the pool down: submit no more.
                    break;
                }
                submit(pool, () -> {
                    if (stop.get() != null) {
                        return;
                    }
                    try {
                        RunRecord record = RunRecord.execute(executor, run, options);
                        if (store.record(record)) {
                            ran.incrementAndGet();
                            listener.finished(run, record);
                        }
                    } catch (Throwable t) {
                        if (stop.compareAndSet(null, t)) {
                            pool.shutdownNow();
                        }
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // Waiting for the remaining runs; the loop lets an interrupt of this thread through.
            }
        } finally {
            pool.shutdownNow();
        }
        Throwable cause = stop.get();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause != null) {
            throw new IllegalStateException("the batch stopped: " + cause, cause);
        }
        return ran.get();
    }

    /**
     * Hands a run to the pool. A worker that meets a stopping error shuts the pool down, possibly
     * while runs are still being handed out: the refused run is left for --resume like the others.
     */
    private static void submit(ExecutorService pool, Runnable run) {
        try {
            pool.execute(run);
        } catch (RejectedExecutionException stopping) {
            // The batch is stopping; the error that stopped it is reported by run().
        }
    }

    private static ThreadFactory workers() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "icesim-run-" + count.incrementAndGet());
            // Daemon workers let Ctrl-C end the JVM at once: every finished run is already on disk.
            thread.setDaemon(true);
            return thread;
        };
    }
}
