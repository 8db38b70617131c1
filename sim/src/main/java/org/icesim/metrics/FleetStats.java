package org.icesim.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The figures of a fleet of calls in one run, gathered as they happen (nothing per packet is
 * kept): faults, restarts and their latencies, interruptions and recoveries, and restarts per
 * load interval for the restart-storm curve.
 */
public final class FleetStats {
    private final long intervalNanos;
    private final LongList restartLatencies = new LongList();
    private final LongList recoveries = new LongList();
    private long[] restartsPerInterval = new long[16];
    private long faults;
    private long restarts;
    private long interruptions;
    private long unrecovered;

    /**
     * The figures as plain values, to send them to another JVM and add them up there.
     *
     * @param restartLatencies    every restart latency, in no particular order
     * @param recoveries          every recovery, in no particular order
     * @param restartsPerInterval restartIce() calls per load interval from the first, up to the last with any
     */
    public record Totals(long intervalNanos, long faults, long restarts, long interruptions, long unrecovered,
            List<Long> restartLatencies, List<Long> recoveries, List<Long> restartsPerInterval) {

        public Totals {
            restartLatencies = List.copyOf(restartLatencies);
            recoveries = List.copyOf(recoveries);
            restartsPerInterval = List.copyOf(restartsPerInterval);
        }
    }

    /** @param intervalNanos the load interval restarts are counted in (> 0) */
    public FleetStats(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos must be > 0, was " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** The figures that {@link #totals()} gave. */
    public static FleetStats of(Totals totals) {
        FleetStats stats = new FleetStats(totals.intervalNanos());
        stats.faults = totals.faults();
        stats.restarts = totals.restarts();
        stats.interruptions = totals.interruptions();
        stats.unrecovered = totals.unrecovered();
        totals.restartLatencies().forEach(stats.restartLatencies::add);
        totals.recoveries().forEach(stats.recoveries::add);
        stats.restartsPerInterval = totals.restartsPerInterval().stream().mapToLong(Long::longValue).toArray();
        return stats;
    }

    /** These figures as plain values; {@link #of} makes the same figures from them. */
    public Totals totals() {
        int intervals = restartsPerInterval.length;
        while (intervals > 0 && restartsPerInterval[intervals - 1] == 0) {
            intervals--;
        }
        return new Totals(intervalNanos, faults, restarts, interruptions, unrecovered, restartLatencies.sortedList(),
                recoveries.sortedList(), Arrays.stream(restartsPerInterval, 0, intervals).boxed().toList());
    }

    /** The load interval restarts are counted in. */
    public long intervalNanos() {
        return intervalNanos;
    }

    public void fault() {
        faults++;
    }

    /** A restartIce() call at {@code timeNanos}: counted in the interval (t − interval, t] that ends after it. */
    public void restart(long timeNanos) {
        restarts++;
        int bucket = (int) (Math.max(0, timeNanos - 1) / intervalNanos);
        if (bucket >= restartsPerInterval.length) {
            restartsPerInterval = Arrays.copyOf(restartsPerInterval, Math.max(bucket + 1, restartsPerInterval.length * 2));
        }
        restartsPerInterval[bucket]++;
    }

    public void restartLatency(long nanos) {
        restartLatencies.add(nanos);
    }

    public void interruption() {
        interruptions++;
    }

    public void recovery(long nanos) {
        recoveries.add(nanos);
    }

    public void faultUnrecovered() {
        unrecovered++;
    }

    /**
     * Adds the figures of {@code other}, gathered over other calls of the same fleet with the same
     * interval: counts and restarts per interval add up, the values join these (in no particular
     * order: the percentiles and fleet-values.csv sort them).
     */
    public void add(FleetStats other) {
        if (other.intervalNanos != intervalNanos) {
            throw new IllegalArgumentException("fleet figures of intervals " + intervalNanos + " and " + other.intervalNanos
                    + " ns do not add up");
        }
        faults += other.faults;
        restarts += other.restarts;
        interruptions += other.interruptions;
        unrecovered += other.unrecovered;
        other.restartLatencies.forEach(restartLatencies::add);
        other.recoveries.forEach(recoveries::add);
        if (other.restartsPerInterval.length > restartsPerInterval.length) {
            restartsPerInterval = Arrays.copyOf(restartsPerInterval, other.restartsPerInterval.length);
        }
        for (int bucket = 0; bucket < other.restartsPerInterval.length; bucket++) {
            restartsPerInterval[bucket] += other.restartsPerInterval[bucket];
        }
    }

    /** restartIce() calls in the load interval ending at {@code endNanos}. */
    public long restartsInIntervalEnding(long endNanos) {
        int bucket = (int) ((endNanos - 1) / intervalNanos);
        return bucket < restartsPerInterval.length ? restartsPerInterval[bucket] : 0;
    }

    public long faults() {
        return faults;
    }

    public long restarts() {
        return restarts;
    }

    public long interruptions() {
        return interruptions;
    }

    public long unrecovered() {
        return unrecovered;
    }

    public int restartLatencyCount() {
        return restartLatencies.size;
    }

    public int recoveryCount() {
        return recoveries.size;
    }

    /** Every restart latency so far, ascending (the same however the calls were split). */
    public List<Long> restartLatencies() {
        return restartLatencies.sortedList();
    }

    /** Every recovery so far (per fault and direction), ascending. */
    public List<Long> recoveries() {
        return recoveries.sortedList();
    }

    /** Writes the fleet's figures into {@code result} (percentiles by nearest rank; absent when nothing was measured). */
    public void putInto(RunResult result) {
        result.putCount(Metric.FAULTS, faults).putCount(Metric.RESTARTS, restarts)
                .putCount(Metric.INTERRUPTIONS, interruptions).putCount(Metric.UNRECOVERED, unrecovered);
        restartLatencies.percentile(0.5).ifPresent(v -> result.putNanos(Metric.RESTART_LATENCY_P50_MS, v));
        restartLatencies.percentile(0.95).ifPresent(v -> result.putNanos(Metric.RESTART_LATENCY_P95_MS, v));
        recoveries.percentile(0.5).ifPresent(v -> result.putNanos(Metric.RECOVERY_P50_MS, v));
        recoveries.percentile(0.95).ifPresent(v -> result.putNanos(Metric.RECOVERY_P95_MS, v));
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void forEach(LongConsumer action) {
            for (int k = 0; k < size; k++) {
                action.accept(values[k]);
            }
        }

        List<Long> sortedList() {
            return Arrays.stream(values, 0, size).sorted().boxed().toList();
        }

        /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
        OptionalLong percentile(double q) {
            if (size == 0) {
                return OptionalLong.empty();
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * size);
            return OptionalLong.of(sorted[Math.max(0, rank - 1)]);
        }
    }
}
