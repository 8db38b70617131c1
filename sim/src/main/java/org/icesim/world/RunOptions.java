package org.icesim.world;

import org.icesim.kernel.InvariantTally;

/**
 * What a run records beyond its metrics, and whether it checks itself.
 *
 * @param events          keep the event log (for events.csv and timeline charts)
 * @param loadIntervalNanos sample server load every this long (0: no samples)
 * @param pcap            write every packet crossing the internet core to this pcap file (one
 *                        run only: the file is replaced), or null
 * @param checkInvariants check the model's {@linkplain org.icesim.kernel.Invariant invariants}
 *                        while running (a violation fails the run); changes no result of a run
 *                        that passes, so it is not part of a batch's identity
 * @param progress        told how far a fleet run got as simulated time advances; changes no
 *                        result, so it is not part of a batch's identity either
 * @param invariantTally  counts, beyond the run, every check that held when checks are on (a test
 *                        suite totals its checks this way); changes no result either
 * @param fleetThreads    threads a fleet run may split its calls over (1: one thread); a fleet is
 *                        split only where the split is exact ({@link FleetSplit}), so this changes
 *                        no result and is not part of a batch's identity
 */
public record RunOptions(boolean events, long loadIntervalNanos, java.nio.file.Path pcap, boolean checkInvariants,
        RunProgress progress, InvariantTally invariantTally, int fleetThreads) {

    /** Metrics only: no event log, no load samples, no pcap, no checks. */
    public static final RunOptions METRICS_ONLY = new RunOptions(false, 0, null, false);

    /** Tells nobody of its progress and counts checks only in the run. */
    public RunOptions(boolean events, long loadIntervalNanos, java.nio.file.Path pcap, boolean checkInvariants) {
        this(events, loadIntervalNanos, pcap, checkInvariants, RunProgress.NONE, InvariantTally.NONE, 1);
    }

    public RunOptions {
        if (loadIntervalNanos < 0) {
            throw new IllegalArgumentException("load interval must be >= 0, was " + loadIntervalNanos + " ns");
        }
        if (progress == null) {
            throw new IllegalArgumentException("progress must not be null; use RunProgress.NONE");
        }
        if (invariantTally == null) {
            throw new IllegalArgumentException("invariant tally must not be null; use InvariantTally.NONE");
        }
        if (fleetThreads < 1) {
            throw new IllegalArgumentException("fleet threads must be >= 1, was " + fleetThreads);
        }
    }

    /** These options, telling {@code listener} how far the run got. */
    public RunOptions withProgress(RunProgress listener) {
        return new RunOptions(events, loadIntervalNanos, pcap, checkInvariants, listener, invariantTally, fleetThreads);
    }

    /** These options with checks on, each check that held also counted by {@code tally}. */
    public RunOptions checkedInto(InvariantTally tally) {
        return new RunOptions(events, loadIntervalNanos, pcap, true, progress, tally, fleetThreads);
    }

    /** These options, a fleet run splitting its calls over up to {@code threads} threads where that is exact. */
    public RunOptions withFleetThreads(int threads) {
        return new RunOptions(events, loadIntervalNanos, pcap, checkInvariants, progress, invariantTally, threads);
    }
}
