package org.icesim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The log of one run: state changes, faults, restarts and pair changes with their simulated
 * time. Models report into it through the small {@link EventSink} interface; metrics are
 * computed from it after the run, so every metric is defined once, over this log.
 */
public final class Recorder implements EventSink {
    private final List<RecordedEvent> events = new ArrayList<>();

    @Override
    public void record(long timeNanos, String node, EventDetail detail) {
        if (!events.isEmpty() && timeNanos < events.get(events.size() - 1).timeNanos()) {
            throw new IllegalStateException("event at " + timeNanos + " ns recorded after one at "
                    + events.get(events.size() - 1).timeNanos() + " ns: simulated time went backward");
        }
        events.add(new RecordedEvent(timeNanos, node, detail));
    }

    public List<RecordedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The first event of {@code kind} at {@code node} (any node if null) at or after {@code fromNanos}. */
    public Optional<RecordedEvent> first(EventKind kind, String node, long fromNanos) {
        return first(node, fromNanos, detail -> detail.kind() == kind);
    }

    /** The first event at {@code node} (any node if null) at or after {@code fromNanos} whose detail {@code matches}. */
    public Optional<RecordedEvent> first(String node, long fromNanos, Predicate<EventDetail> matches) {
        for (RecordedEvent e : events) {
            if (e.timeNanos() >= fromNanos && (node == null || node.equals(e.node())) && matches.test(e.detail())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
