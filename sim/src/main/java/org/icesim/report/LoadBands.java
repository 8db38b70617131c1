package org.icesim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import org.icesim.stats.Distribution;

/**
 * The capacity curves of a group from its load.csv rows: at every sample time, the runs' values
 * (summed over servers) folded into mean, minimum and maximum over seeds.
 */
public final class LoadBands {

    private static final double BITS_PER_MEGABIT = 1e6;

    private LoadBands() {
    }

    /** Live TURN allocations over all servers at each sample time. */
    public static List<BandPoint> liveAllocations(List<LoadRow> rows) {
        return bands(rows, (sample, intervalMs) -> sample.live);
    }

    /** Relayed bandwidth over all servers in Mbit/s, averaged over the interval that ends at each sample time. */
    public static List<BandPoint> relayedMbps(List<LoadRow> rows) {
        return bands(rows, (sample, intervalMs) -> sample.bytes * 8.0 / (intervalMs / 1000.0) / BITS_PER_MEGABIT);
    }

    private static List<BandPoint> bands(List<LoadRow> rows, ToDoubleBiFunction<Sample, Double> value) {
        Map<String, TreeMap<Double, Sample>> runs = new LinkedHashMap<>();
        for (LoadRow row : rows) {
            Sample sample = runs.computeIfAbsent(row.runId(), id -> new TreeMap<>())
                    .computeIfAbsent(row.timeMs(), t -> new Sample());
            sample.live += row.liveAllocations();
            sample.bytes += row.relayedBytes();
        }
        TreeMap<Double, List<Double>> byTime = new TreeMap<>();
        for (TreeMap<Double, Sample> run : runs.values()) {
            double previous = 0;
            for (Map.Entry<Double, Sample> entry : run.entrySet()) {
                double interval = entry.getKey() - previous;
                previous = entry.getKey();
                if (interval > 0) {
                    byTime.computeIfAbsent(entry.getKey(), t -> new ArrayList<>())
                            .add(value.applyAsDouble(entry.getValue(), interval));
                }
            }
        }
        List<BandPoint> band = new ArrayList<>();
        byTime.forEach((time, values) -> {
            Distribution d = Distribution.of(values.stream().mapToDouble(Double::doubleValue).toArray());
            band.add(new BandPoint(time, d.mean(), d.min(), d.max()));
        });
        return band;
    }

    /** A run's load at one sample time, summed over its servers. */
    private static final class Sample {
        private long live;
        private long bytes;
    }
}
