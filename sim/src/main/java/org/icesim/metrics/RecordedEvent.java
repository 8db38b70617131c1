package org.icesim.metrics;

/** One time-stamped event of a run. */
public record RecordedEvent(long timeNanos, String node, EventKind kind, String detail) {
}
