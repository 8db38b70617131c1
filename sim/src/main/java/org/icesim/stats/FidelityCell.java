package org.icesim.stats;

import org.icesim.metrics.Metric;

/**
 * One cell of a fidelity comparison: a metric of one case at one sweep point (one round trip),
 * its simulated and real medians and the verdict.
 *
 * @param group       the case (scenario name) and sweep point, as the simulated batch has it
 * @param rttNanos    the round trip between the peers at that point
 * @param toleranceMs the allowed distance, null when a side is never or missing
 * @param reason      why the cell fails (empty when it passes)
 * @param knownReason for a {@link FidelityVerdict#KNOWN_FAILURE}, the allow-list's reason; else empty
 */
public record FidelityCell(GroupKey group, long rttNanos, Metric metric, CellMedian simulated, CellMedian real,
        Double toleranceMs, FidelityVerdict verdict, String reason, String knownReason) {

    public double rttMs() {
        return rttNanos / 1e6;
    }
}
