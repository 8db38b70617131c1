package org.icesim.batch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.RunResult;

/**
 * The rows of load.csv of one run (docs/results-format.md): at every sample time, one row per
 * TURN server ({@code scope = server}) and then one row of the run's totals ({@code scope = fleet},
 * empty {@code server}). Restarts and calls belong to the whole run, so only the fleet row has
 * them; summing the server rows gives the fleet row's load, and adding the fleet row to them
 * would count it twice, which the scope column is there to prevent.
 */
final class LoadTable {

    static final String SERVER = "server";
    static final String FLEET = "fleet";

    static final List<String> COLUMNS = List.of("run_id", "t_ms", "interval_ms", "scope", "server", "live_allocations",
            "allocations", "relayed_bytes", "relayed_packets", "relayed_mbps", "relayed_pps", "restarts", "calls_started",
            "calls_connected", "calls_up", "calls_relayed");

    private static final BigDecimal BITS_PER_MEGABIT_PER_NANOSECOND = BigDecimal.valueOf(8_000);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private LoadTable() {
    }

    /** The rows of one run whose samples were taken every {@code intervalNanos}. */
    static List<List<String>> rows(String runId, List<LoadSample> load, FleetFigures fleet, long intervalNanos) {
        Map<Long, List<LoadSample>> servers = new TreeMap<>();
        load.forEach(sample -> servers.computeIfAbsent(sample.timeNanos(), t -> new ArrayList<>()).add(sample));
        Map<Long, CallsSample> calls = new LinkedHashMap<>();
        fleet.calls().forEach(sample -> calls.put(sample.timeNanos(), sample));
        TreeMap<Long, Boolean> times = new TreeMap<>();
        servers.keySet().forEach(t -> times.put(t, true));
        calls.keySet().forEach(t -> times.put(t, true));
        List<List<String>> rows = new ArrayList<>();
        String interval = RunResult.millisText(intervalNanos);
        for (long time : times.keySet()) {
            String t = RunResult.millisText(time);
            int live = 0;
            long created = 0;
            long bytes = 0;
            long packets = 0;
            Long restarts = null;
            for (LoadSample sample : servers.getOrDefault(time, List.of())) {
                rows.add(List.of(runId, t, interval, SERVER, sample.server(), Integer.toString(sample.liveAllocations()),
                        Long.toString(sample.allocations()), Long.toString(sample.relayedBytes()),
                        Long.toString(sample.relayedPackets()), megabitsPerSecond(sample.relayedBytes(), intervalNanos),
                        perSecond(sample.relayedPackets(), intervalNanos), "", "", "", "", ""));
                live += sample.liveAllocations();
                created += sample.allocations();
                bytes += sample.relayedBytes();
                packets += sample.relayedPackets();
                restarts = sample.restarts();
            }
            CallsSample state = calls.get(time);
            if (state != null) {
                restarts = state.restarts();
            }
            List<String> total = new ArrayList<>(List.of(runId, t, interval, FLEET, "", Integer.toString(live),
                    Long.toString(created), Long.toString(bytes), Long.toString(packets),
                    megabitsPerSecond(bytes, intervalNanos), perSecond(packets, intervalNanos),
                    restarts == null ? "" : Long.toString(restarts)));
            if (state == null) {
                total.addAll(List.of("", "", "", ""));
            } else {
                total.addAll(List.of(Integer.toString(state.started()), Integer.toString(state.connected()),
                        Integer.toString(state.up()), Integer.toString(state.relayed())));
            }
            rows.add(total);
        }
        return rows;
    }

    /** Bytes in an interval as Mbit/s over it, to the bit per second, exactly rounded (half even). */
    static String megabitsPerSecond(long bytes, long intervalNanos) {
        return BigDecimal.valueOf(bytes).multiply(BITS_PER_MEGABIT_PER_NANOSECOND)
                .divide(BigDecimal.valueOf(intervalNanos), 6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A count in an interval as a rate per second, to a thousandth, exactly rounded (half even). */
    static String perSecond(long count, long intervalNanos) {
        return BigDecimal.valueOf(count).multiply(NANOS_PER_SECOND)
                .divide(BigDecimal.valueOf(intervalNanos), 3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
