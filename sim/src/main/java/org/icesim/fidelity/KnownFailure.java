package org.icesim.fidelity;

import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.metrics.Metric;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.stats.FidelityCell;

/**
 * One entry of a baseline's allow-list: cells that are known to fail, and why.
 *
 * @param scenario the case's scenario name (runs.csv {@code scenario})
 * @param rttNanos the round trip it applies to; empty: every round trip
 * @param metric   the metric it applies to; empty: every compared metric
 * @param at       where the entry is written
 */
public record KnownFailure(String scenario, OptionalLong rttNanos, Optional<Metric> metric, String reason, SourceLocation at) {

    public boolean covers(FidelityCell cell) {
        return cell.group().scenario().equals(scenario)
                && (rttNanos.isEmpty() || rttNanos.getAsLong() == cell.rttNanos())
                && (metric.isEmpty() || metric.get() == cell.metric());
    }
}
