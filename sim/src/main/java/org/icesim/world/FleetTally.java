package org.icesim.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.FleetStats;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.turn.TurnLoadSample;

/**
 * What a fleet, or one part of it, gathered by its end, in a form whose parts add up: counts
 * add, restart latencies and recoveries join, and each TURN server's load comes from the one part
 * that has the server. The output of a run is made from this sum, so a fleet run on one thread
 * and the same fleet split over several write the same results.
 *
 * @param stats         faults, restarts, interruptions, recoveries and restarts per interval
 * @param callsOverTime the calls at the end of every load interval (restarts: this part's)
 * @param atEnd         the calls at the end of the run
 * @param usedTurn      whether any TURN server relayed media
 * @param counters      STUN checks, TURN allocations, signaling messages and relayed bytes
 * @param load          the load samples of the TURN servers this part has, in time order
 * @param events        the event log, when the run options ask for it (a fleet with one is never split)
 * @param effort        the simulation it took
 */
record FleetTally(FleetStats stats, List<CallsSample> callsOverTime, CallsSample atEnd, boolean usedTurn,
        RunCounters counters, List<TurnLoadSample> load, List<RecordedEvent> events, RunEffort effort) {

    FleetTally {
        callsOverTime = List.copyOf(callsOverTime);
        load = List.copyOf(load);
        events = List.copyOf(events);
    }

    /** This tally as plain values, to send it to another JVM (a part of a split fleet keeps no event log). */
    FleetPartFigures figures() {
        if (!events.isEmpty()) {
            throw new IllegalArgumentException("a fleet that keeps its event log runs whole, its figures are not sent anywhere");
        }
        return new FleetPartFigures(stats.totals(), callsOverTime, atEnd, usedTurn, counters, load, effort);
    }

    /** The tally whose {@link #figures()} are {@code figures}. */
    static FleetTally of(FleetPartFigures figures) {
        return new FleetTally(FleetStats.of(figures.stats()), figures.callsOverTime(), figures.atEnd(), figures.usedTurn(),
                figures.counters(), figures.load(), List.of(), figures.effort());
    }

    /** The tally of the whole fleet from those of its parts (each part's load samples of its own servers). */
    static FleetTally sum(List<FleetTally> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        FleetStats stats = new FleetStats(parts.get(0).stats().intervalNanos());
        List<CallsSample> callsOverTime = new ArrayList<>(parts.get(0).callsOverTime());
        CallsSample atEnd = parts.get(0).atEnd();
        boolean usedTurn = false;
        RunCounters counters = RunCounters.ZERO;
        List<TurnLoadSample> load = new ArrayList<>();
        long events = 0;
        long hops = 0;
        long checks = 0;
        for (int p = 0; p < parts.size(); p++) {
            FleetTally part = parts.get(p);
            if (!part.events().isEmpty()) {
                throw new IllegalArgumentException("a fleet that keeps its event log runs whole: the log's order of "
                        + "simultaneous events of different parts is known to no part");
            }
            stats.add(part.stats());
            if (p > 0) {
                for (int k = 0; k < callsOverTime.size(); k++) {
                    callsOverTime.set(k, plus(callsOverTime.get(k), part.callsOverTime().get(k)));
                }
                atEnd = plus(atEnd, part.atEnd());
            }
            usedTurn |= part.usedTurn();
            counters = counters.plus(part.counters());
            load.addAll(part.load());
            events += part.effort().events();
            hops += part.effort().packetHops();
            checks += part.effort().invariantChecks();
        }
        return new FleetTally(stats, callsOverTime, atEnd, usedTurn, counters, load, List.of(),
                new RunEffort(events, hops, checks));
    }

    /**
     * The run's output: runs.csv metrics, fleet figures and, per load interval, each TURN server's
     * load in {@code turnServers} order with the fleet's restarts of the interval.
     */
    RunOutput output(List<String> turnServers) {
        RunResult result = new RunResult();
        result.putCount(Metric.CALLS, atEnd.started());
        result.putCount(Metric.CALLS_CONNECTED, atEnd.connected());
        result.putCount(Metric.CALLS_UP_AT_END, atEnd.up());
        result.putCount(Metric.CALLS_RELAYED_AT_END, atEnd.relayed());
        result.putFlag(Metric.USED_TURN, usedTurn);
        stats.putInto(result);
        counters.putInto(result);
        List<LoadSample> samples = load.stream()
                .sorted(Comparator.comparingLong(TurnLoadSample::timeNanos)
                        .thenComparingInt(sample -> turnServers.indexOf(sample.server())))
                .map(sample -> new LoadSample(sample.timeNanos(), sample.server(), sample.liveAllocations(),
                        sample.allocationsCreated(), sample.relayedBytes(), stats.restartsInIntervalEnding(sample.timeNanos()),
                        sample.relayedPackets()))
                .toList();
        return new RunOutput(result, events, samples,
                new FleetFigures(callsOverTime, stats.restartLatencies(), stats.recoveries()), effort);
    }

    private static CallsSample plus(CallsSample a, CallsSample b) {
        if (a.timeNanos() != b.timeNanos()) {
            throw new IllegalArgumentException("samples at " + a.timeNanos() + " and " + b.timeNanos() + " ns do not add up");
        }
        return new CallsSample(a.timeNanos(), a.started() + b.started(), a.connected() + b.connected(), a.up() + b.up(),
                a.relayed() + b.relayed(), a.restarts() + b.restarts());
    }
}
