package org.icesim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.Scenario;

/**
 * Runs a fleet: whole on the calling thread, or — when the run options allow more than one thread
 * and {@link FleetSplit} finds the split exact — in parts by TURN server, one thread per part
 * (the calling thread runs the first), with the parts' figures added up into one output.
 */
final class FleetRunner {

    private FleetRunner() {
    }

    static RunOutput run(Scenario scenario, long seed, RunOptions options) {
        int count = FleetSplit.parts(scenario, options, options.fleetThreads());
        List<String> turnServers = FleetSplit.turnServers(scenario);
        if (count == 1) {
            return new FleetWorld(scenario, seed, options, FleetPart.WHOLE).run().output(turnServers);
        }
        SplitProgress progress = new SplitProgress(options.progress(), count);
        ExecutorService pool = Executors.newFixedThreadPool(count - 1, task -> {
            Thread thread = new Thread(task, "icesim-fleet-part");
            // Like the batch's workers: Ctrl-C ends the JVM at once.
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FleetTally>> others = new ArrayList<>();
            for (int k = 1; k < count; k++) {
                FleetPart part = new FleetPart(k, count);
                others.add(pool.submit(() -> runPart(scenario, seed, options, progress, part)));
            }
            List<FleetTally> tallies = new ArrayList<>();
            tallies.add(runPart(scenario, seed, options, progress, new FleetPart(0, count)));
            for (Future<FleetTally> other : others) {
                tallies.add(other.get());
            }
            return FleetTally.sum(tallies).output(turnServers);
        } catch (ExecutionException e) {
            // A part's failure is the run's failure, as if the whole fleet had met it.
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the fleet's parts ran", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static FleetTally runPart(Scenario scenario, long seed, RunOptions options, SplitProgress progress,
            FleetPart part) {
        return new FleetWorld(scenario, seed, options.withProgress(progress.of(part.index())), part).run();
    }

    /**
     * The progress of a split run: the least simulated time any part has reached and the events
     * of all parts so far, told to the run's listener whenever a part moves on.
     */
    private static final class SplitProgress {
        private final RunProgress listener;
        private final long[] reached;
        private final long[] events;

        SplitProgress(RunProgress listener, int parts) {
            this.listener = listener;
            this.reached = new long[parts];
            this.events = new long[parts];
        }

        RunProgress of(int part) {
            return (simulatedNanos, endNanos, eventsRun) -> advanced(part, simulatedNanos, endNanos, eventsRun);
        }

        private synchronized void advanced(int part, long simulatedNanos, long endNanos, long eventsRun) {
            reached[part] = simulatedNanos;
            events[part] = eventsRun;
            long least = Long.MAX_VALUE;
            long total = 0;
            for (int p = 0; p < reached.length; p++) {
                least = Math.min(least, reached[p]);
                total += events[p];
            }
            listener.advanced(least, endNanos, total);
        }
    }
}
