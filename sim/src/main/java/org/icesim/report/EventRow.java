package org.icesim.report;

/** One row of events.csv: what {@code node} recorded at {@code timeMs} in run {@code runId}. */
public record EventRow(String runId, double timeMs, String node, String kind, String detail) {
}
