package org.icesim.report;

/** One row of media.csv: what {@code peer} received in the interval of run {@code runId} ending at {@code timeMs}. */
public record MediaRow(String runId, double timeMs, double intervalMs, String peer, long packets, long bytes, double mbps) {
}
