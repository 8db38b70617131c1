package org.icesim.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.scenario.AnchoredAction;
import org.icesim.scenario.TimelineAction;
import org.icesim.scenario.yaml.Quantities;

/**
 * Plays the timeline's actions at events ({@code at: connected+5s}): it watches the peers'
 * {@code iceConnectionState} changes and, at the first change that is an entry's event, schedules
 * the entry's action its offset later. Each entry runs at most once.
 *
 * <p>Deterministic: an action is scheduled from inside the state change's own event, so it takes
 * its place in the kernel's (time, sequence) order like any other timer; with offset 0 it runs at
 * the same instant, after everything already queued for that instant. Entries whose events happen
 * at the same change are scheduled in file order.
 *
 * <p>At the end of the run, every entry that did not run is logged as {@link EventKind#NOT_APPLIED}:
 * its event never happened, or it did but the offset took the action past the end.
 */
final class AnchoredTimeline {
    private final Simulator sim;
    private final Consumer<TimelineAction> apply;
    private final EventSink log;
    /** Entries whose event has not happened yet, in file order. */
    private final List<AnchoredAction> waiting;
    /** Entries whose event happened, by entry, with the instant their action falls due; removed when it runs. */
    private final Map<AnchoredAction, Long> due = new LinkedHashMap<>();

    AnchoredTimeline(Simulator sim, List<AnchoredAction> entries, Consumer<TimelineAction> apply, EventSink log) {
        this.sim = sim;
        this.apply = apply;
        this.log = log;
        this.waiting = new ArrayList<>(entries);
    }

    /** A peer reported an event: any entry waiting for it is scheduled. */
    void observe(String node, EventDetail reported) {
        if (!(reported instanceof EventDetail.StateChange change) || change.kind() != EventKind.ICE_CONNECTION_STATE
                || waiting.isEmpty()) {
            return;
        }
        String detail = change.state();
        for (var it = waiting.iterator(); it.hasNext(); ) {
            AnchoredAction entry = it.next();
            if (entry.anchor().matches(node, detail)) {
                it.remove();
                due.put(entry, sim.now() + entry.anchor().offsetNanos());
                sim.schedule(entry.anchor().offsetNanos(), () -> {
                    due.remove(entry);
                    apply.accept(entry.action());
                });
            }
        }
    }

    /** At the end of the run: logs the entries that never ran, and why. */
    void finish() {
        for (AnchoredAction entry : waiting) {
            log.record(sim.now(), "world",
                    new EventDetail.NotApplied(entry.describe() + ": " + entry.anchor().eventDescription() + " never happened"));
        }
        due.forEach((entry, at) -> log.record(sim.now(), "world", new EventDetail.NotApplied(
                entry.describe() + ": due at " + Quantities.formatDuration(at) + ", after the end of the run")));
    }
}
