package org.icesim.metrics;

/** One time-stamped event of a run: when, at which node, and what happened, typed by its kind. */
public record RecordedEvent(long timeNanos, String node, EventDetail detail) {

    public EventKind kind() {
        return detail.kind();
    }
}
