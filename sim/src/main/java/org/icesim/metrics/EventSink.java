package org.icesim.metrics;

/** Where models report what happened; a {@link Recorder}, or nothing in benchmarks. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = (time, node, detail) -> { };

    void record(long timeNanos, String node, EventDetail detail);
}
