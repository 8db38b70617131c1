package org.icesim.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.RunEffort;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;
import org.icesim.scenario.ScenarioPoint;

/**
 * Times whole runs of one scenario point through the same {@link RunExecutor} a batch uses:
 * replications 0, 1, 2, … on a number of threads, as a batch would run them, measuring the CPU
 * time and the heap allocations of the threads that ran them (so other work on a shared machine
 * does not count) and the heap left after a full collection between equal slices of the runs
 * (so a leak shows as growth).
 */
public final class CallBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final ScenarioPoint point;
    private final RunExecutor executor;

    public CallBenchmark(ScenarioPoint point, RunExecutor executor) {
        this.point = point;
        this.executor = executor;
    }

    /**
     * What a measurement found.
     *
     * @param heapAfterGc bytes of heap in use after a full collection: before the first measured
     *                    run, then after each slice of the runs
     */
    public record Figures(int runs, int threads, long wallNanos, long cpuNanos, long allocatedBytes,
            long events, long packetHops, List<Long> heapAfterGc) {

        public Figures {
            heapAfterGc = List.copyOf(heapAfterGc);
        }

        public double runsPerSecond() {
            return runs / (wallNanos / 1e9);
        }

        public double cpuMillisPerRun() {
            return cpuNanos / 1e6 / runs;
        }

        public double eventsPerRun() {
            return (double) events / runs;
        }

        public double eventsPerCpuSecond() {
            return events / (cpuNanos / 1e9);
        }

        public double packetHopsPerRun() {
            return (double) packetHops / runs;
        }

        public double allocatedBytesPerRun() {
            return (double) allocatedBytes / runs;
        }

        public double allocatedBytesPerPacketHop() {
            return (double) allocatedBytes / packetHops;
        }
    }

    /**
     * Runs {@code warmupRuns} unmeasured runs (so the JIT has compiled the hot paths), then
     * {@code runs} measured ones on {@code threads} threads, in {@code slices} slices with a heap
     * sample after each.
     */
    public Figures measure(int warmupRuns, int runs, int threads, int slices) throws InterruptedException {
        check("warm-up runs", warmupRuns, 0);
        check("runs", runs, 1);
        check("threads", threads, 1);
        check("slices", slices, 1);
        Totals warmup = new Totals();
        runSlice(runs, runs + warmupRuns, threads, warmup);
        List<Long> heap = new ArrayList<>();
        heap.add(heapAfterGc());
        Totals totals = new Totals();
        long start = System.nanoTime();
        long pausedForGc = 0;
        for (int slice = 0; slice < slices; slice++) {
            runSlice((int) ((long) runs * slice / slices), (int) ((long) runs * (slice + 1) / slices), threads, totals);
            long gcStart = System.nanoTime();
            heap.add(heapAfterGc());
            pausedForGc += System.nanoTime() - gcStart;
        }
        long wall = System.nanoTime() - start - pausedForGc;
        return new Figures(runs, threads, wall, totals.cpuNanos, totals.allocatedBytes, totals.events,
                totals.packetHops, heap);
    }

    /** Runs replications [from, to) on {@code threads} threads, adding what they cost to {@code totals}. */
    private void runSlice(int from, int to, int threads, Totals totals) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                Totals mine = new Totals();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    for (int index = next.getAndIncrement(); index < to && failure.get() == null; index = next.getAndIncrement()) {
                        long seed = RandomStreams.replicationSeed(point.scenario().baseSeed(), index);
                        RunEffort effort = executor.run(point, seed, RunOptions.METRICS_ONLY).effort();
                        mine.events += effort.events();
                        mine.packetHops += effort.packetHops();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
                mine.cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
                mine.allocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocatedStart;
                totals.add(mine);
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a benchmark run failed: " + failure.get(), failure.get());
        }
    }

    private static long heapAfterGc() {
        // Two collections: the first may only queue objects with finalizers or references.
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static void check(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    /** Sums of the measured quantities, from several threads. */
    private static final class Totals {
        private long cpuNanos;
        private long allocatedBytes;
        private long events;
        private long packetHops;

        synchronized void add(Totals other) {
            cpuNanos += other.cpuNanos;
            allocatedBytes += other.allocatedBytes;
            events += other.events;
            packetHops += other.packetHops;
        }
    }
}
