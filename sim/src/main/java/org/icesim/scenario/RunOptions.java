package org.icesim.scenario;

/**
 * What a run records beyond its metrics.
 *
 * @param events          keep the event log (for events.csv and timeline charts)
 * @param loadIntervalNanos sample server load every this long (0: no samples)
 * @param pcap            write every packet crossing the internet core to this pcap file (one
 *                        run only: the file is replaced), or null
 */
public record RunOptions(boolean events, long loadIntervalNanos, java.nio.file.Path pcap) {

    public static final RunOptions METRICS_ONLY = new RunOptions(false, 0);

    public RunOptions(boolean events, long loadIntervalNanos) {
        this(events, loadIntervalNanos, null);
    }

    public RunOptions {
        if (loadIntervalNanos < 0) {
            throw new IllegalArgumentException("load interval must be >= 0, was " + loadIntervalNanos + " ns");
        }
    }
}
