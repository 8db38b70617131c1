package org.icesim.report;

/** One row of load.csv: a server's live allocations at {@code timeMs} and the bytes it relayed in the interval before. */
public record LoadRow(String runId, double timeMs, String server, int liveAllocations, long relayedBytes) {
}
