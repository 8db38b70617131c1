package org.icesim.world;

import java.io.IOException;
import java.util.List;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.FleetStats;
import org.icesim.metrics.RunEffort;
import org.icesim.stats.Json;
import org.icesim.turn.TurnLoadSample;

/**
 * A {@link FleetTally} of one part of a fleet as JSON, for parts that ran in another JVM: a few
 * numbers per fault, load interval and TURN server, never anything per call or per event.
 */
final class FleetTallyJson {

    /** The stored form: the tally's fields, its figures as plain values; no event log (a fleet with one runs whole). */
    private record Stored(FleetStats.Totals stats, List<CallsSample> callsOverTime, CallsSample atEnd, boolean usedTurn,
            RunCounters counters, List<TurnLoadSample> load, RunEffort effort) {
    }

    private FleetTallyJson() {
    }

    static byte[] write(FleetTally tally) throws IOException {
        if (!tally.events().isEmpty()) {
            throw new IllegalArgumentException("a fleet that keeps its event log runs whole, its tally is not sent anywhere");
        }
        return Json.mapper().writeValueAsBytes(new Stored(tally.stats().totals(), tally.callsOverTime(), tally.atEnd(),
                tally.usedTurn(), tally.counters(), tally.load(), tally.effort()));
    }

    /** @throws IOException if the bytes are not a stored tally */
    static FleetTally read(byte[] bytes) throws IOException {
        Stored stored = Json.mapper().readValue(bytes, Stored.class);
        if (stored == null || stored.stats() == null || stored.callsOverTime() == null || stored.atEnd() == null
                || stored.counters() == null || stored.load() == null || stored.effort() == null) {
            throw new IOException("a stored fleet tally is a JSON object with stats, calls_over_time, at_end, counters, "
                    + "load and effort");
        }
        try {
            return new FleetTally(FleetStats.of(stored.stats()), stored.callsOverTime(), stored.atEnd(), stored.usedTurn(),
                    stored.counters(), stored.load(), List.of(), stored.effort());
        } catch (IllegalArgumentException e) {
            throw new IOException("stored fleet tally: " + e.getMessage(), e);
        }
    }
}
