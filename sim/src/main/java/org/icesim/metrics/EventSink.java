package org.icesim.metrics;

/** Where models report what happened; a {@link Recorder}, or nothing in benchmarks. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = (time, node, kind, detail) -> { };

    void record(long timeNanos, String node, EventKind kind, String detail);
}
