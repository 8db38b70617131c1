package org.icesim.report;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One row of load.csv (docs/results-format.md): a TURN server's load ({@code fleet} false) or the
 * run's totals ({@code fleet} true) in the interval that ends at {@code timeMs}. Restarts and
 * calls exist only in a run's totals, and calls only for a fleet.
 */
public record LoadRow(String runId, double timeMs, double intervalMs, boolean fleet, String server, int liveAllocations,
        long allocations, long relayedBytes, long relayedPackets, double relayedMbps, double relayedPps,
        OptionalLong restarts, OptionalInt callsStarted, OptionalInt callsConnected, OptionalInt callsUp,
        OptionalInt callsRelayed) {
}
