package org.icesim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.icesim.stats.Distribution;

/**
 * Capacity curves of a group from its load.csv rows: at every sample time, one value per run
 * folded into mean, minimum and maximum over the seeds. Totals come from the rows of scope
 * {@code fleet} only, one per run and time, exactly as load.csv writes them; a server's curve
 * from that server's rows only, so no row is ever counted twice.
 */
public final class LoadBands {

    private LoadBands() {
    }

    /** Live TURN allocations on all servers (the fleet rows' live_allocations). */
    public static List<BandPoint> liveAllocations(List<LoadRow> rows) {
        return fleet(rows, LoadRow::liveAllocations);
    }

    /** Relayed Mbit/s of all servers over each interval (the fleet rows' relayed_mbps). */
    public static List<BandPoint> relayedMbps(List<LoadRow> rows) {
        return fleet(rows, LoadRow::relayedMbps);
    }

    /** A quantity of the run's totals over time. */
    public static List<BandPoint> fleet(List<LoadRow> rows, ToDoubleFunction<LoadRow> value) {
        return bands(rows.stream().filter(LoadRow::fleet).toList(), value);
    }

    /** A quantity of one server over time. */
    public static List<BandPoint> server(List<LoadRow> rows, String server, ToDoubleFunction<LoadRow> value) {
        return bands(rows.stream().filter(r -> !r.fleet() && r.server().equals(server)).toList(), value);
    }

    /** The servers named in the rows, in order of first appearance. */
    public static List<String> servers(List<LoadRow> rows) {
        return rows.stream().filter(r -> !r.fleet()).map(LoadRow::server).distinct().toList();
    }

    /** Rows holding at most one row per run and time, folded over the runs at each time. */
    private static List<BandPoint> bands(List<LoadRow> rows, ToDoubleFunction<LoadRow> value) {
        TreeMap<Double, Map<String, Double>> byTime = new TreeMap<>();
        for (LoadRow row : rows) {
            Double previous = byTime.computeIfAbsent(row.timeMs(), t -> new LinkedHashMap<>())
                    .put(row.runId(), value.applyAsDouble(row));
            if (previous != null) {
                throw new IllegalArgumentException("run " + row.runId() + " has two rows at " + row.timeMs() + " ms");
            }
        }
        List<BandPoint> band = new ArrayList<>();
        byTime.forEach((time, values) -> {
            Distribution d = Distribution.of(values.values().stream().mapToDouble(Double::doubleValue).toArray());
            band.add(new BandPoint(time, d.mean(), d.min(), d.max()));
        });
        return band;
    }
}
