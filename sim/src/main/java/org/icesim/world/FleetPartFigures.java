package org.icesim.world;

import java.util.List;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.FleetStats;
import org.icesim.metrics.RunEffort;
import org.icesim.turn.TurnLoadSample;

/**
 * What one part of a split fleet gathered, as plain values, for a part that ran in another JVM:
 * a few numbers per fault, load interval and TURN server, never anything per call or per event
 * (a fleet that keeps its event log runs whole). {@link DistributedFleet#join} adds parts up.
 *
 * @param stats         faults, restarts, interruptions, recoveries and restarts per interval
 * @param callsOverTime the calls at the end of every load interval
 * @param atEnd         the calls at the end of the run
 * @param usedTurn      whether any TURN server relayed media
 * @param counters      STUN checks, TURN allocations, signaling messages and relayed bytes
 * @param load          the load samples of the part's own TURN servers, in time order
 * @param effort        the simulation it took
 */
public record FleetPartFigures(FleetStats.Totals stats, List<CallsSample> callsOverTime, CallsSample atEnd,
        boolean usedTurn, RunCounters counters, List<TurnLoadSample> load, RunEffort effort) {

    public FleetPartFigures {
        if (stats == null || callsOverTime == null || atEnd == null || counters == null || load == null || effort == null) {
            throw new IllegalArgumentException("a fleet part's figures need stats, calls_over_time, at_end, counters, "
                    + "load and effort");
        }
        callsOverTime = List.copyOf(callsOverTime);
        load = List.copyOf(load);
    }
}
