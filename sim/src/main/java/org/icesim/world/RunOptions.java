package org.icesim.world;

import org.icesim.kernel.Invariants;

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
 */
public record RunOptions(boolean events, long loadIntervalNanos, java.nio.file.Path pcap, boolean checkInvariants) {

    public static final RunOptions METRICS_ONLY = new RunOptions(false, 0);

    /** Checks on if the {@value Invariants#PROPERTY} system property asks for them (the test suite does). */
    public RunOptions(boolean events, long loadIntervalNanos, java.nio.file.Path pcap) {
        this(events, loadIntervalNanos, pcap, Invariants.requestedBySystemProperty());
    }

    /** No pcap; checks as {@link #RunOptions(boolean, long, java.nio.file.Path)}. */
    public RunOptions(boolean events, long loadIntervalNanos) {
        this(events, loadIntervalNanos, null);
    }

    public RunOptions {
        if (loadIntervalNanos < 0) {
            throw new IllegalArgumentException("load interval must be >= 0, was " + loadIntervalNanos + " ns");
        }
    }
}
