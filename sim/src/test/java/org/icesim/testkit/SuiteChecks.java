package org.icesim.testkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.icesim.kernel.Invariant;
import org.icesim.kernel.InvariantTally;
import org.icesim.kernel.Simulator;
import org.icesim.world.RunOptions;

/**
 * Simulators and run options for tests that want the model's invariant checks on, each check that
 * held counted in this test JVM's total, which {@link InvariantCountReport} prints at the end.
 * The total belongs to the test suite, not to the model: runs count their own checks, and only
 * those built here also count them here.
 */
public final class SuiteChecks {

    private static final Map<Invariant, LongAdder> HELD = new ConcurrentHashMap<>();
    private static final InvariantTally TALLY = invariant -> HELD.computeIfAbsent(invariant, key -> new LongAdder())
            .increment();

    /** No event log, no load samples, no pcap; checks on. */
    public static final RunOptions METRICS_ONLY = options(false, 0);

    private SuiteChecks() {
    }

    /** A simulator with checks on. */
    public static Simulator simulator() {
        return new Simulator(TALLY);
    }

    /** Run options with checks on, no pcap. */
    public static RunOptions options(boolean events, long loadIntervalNanos) {
        return options(events, loadIntervalNanos, null);
    }

    /** Run options with checks on. */
    public static RunOptions options(boolean events, long loadIntervalNanos, java.nio.file.Path pcap) {
        return new RunOptions(events, loadIntervalNanos, pcap, true).checkedInto(TALLY);
    }

    /** Checks that held so far in this test JVM, per invariant, by title. */
    static Map<String, Long> heldSoFar() {
        Map<String, Long> counts = new TreeMap<>();
        HELD.forEach((invariant, held) -> counts.put(invariant.title(), held.sum()));
        return counts;
    }
}
