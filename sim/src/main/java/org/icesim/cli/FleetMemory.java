package org.icesim.cli;

import java.util.List;
import java.util.Locale;
import org.icesim.scenario.ScenarioPoint;

/**
 * How much heap a fleet needs, from the growth measured in docs/performance.md ("Scale"): about
 * 140 KB of live heap per call (1 267–1 378 MB after GC at 10 000 calls, 182 MB at 1 000), and
 * 10 000 calls ran in {@code -Xmx4g}; the JVM wants about three times the live heap to collect
 * without thrashing, so that is what the advice asks for.
 */
final class FleetMemory {

    /** Live heap per call of a fleet, measured (docs/performance.md, Scale). */
    static final long BYTES_PER_CALL = 140_000;
    /** Heap of the simulator without calls: classes, servers, the batch's own state. */
    static final long BASE_BYTES = 64L << 20;
    /** Heap to give per byte of live heap. */
    static final int HEADROOM = 3;
    static final String DOCS = "docs/performance.md, Scale";

    private FleetMemory() {
    }

    /** The most calls of any fleet among the points; 0 when none is a fleet. */
    static int largestFleet(List<ScenarioPoint> points) {
        return points.stream().mapToInt(p -> p.scenario().fleet().map(f -> f.calls()).orElse(0)).max().orElse(0);
    }

    /** Live heap of one run of a fleet of {@code calls}. */
    static long liveBytes(int calls) {
        return BASE_BYTES + BYTES_PER_CALL * calls;
    }

    /** The -Xmx to give for {@code runsAtOnce} runs of a fleet of {@code calls}, in whole GiB (at least 1). */
    static int recommendedGib(int calls, int runsAtOnce) {
        double bytes = (double) HEADROOM * liveBytes(calls) * Math.max(1, runsAtOnce);
        return Math.max(1, (int) Math.ceil(bytes / (1L << 30)));
    }

    /** "about 204 MB of live heap per run (140 KB per call, …); give Java ICESIM_JAVA_OPTS=-Xmx1g or more". */
    static String advice(int calls, int runsAtOnce) {
        return String.format(Locale.ROOT, "a fleet of %d calls needs about %d MB of live heap per run (%d KB per call "
                + "plus %d MB, %s); with %d run%s at a time give Java ICESIM_JAVA_OPTS=-Xmx%dg or more", calls,
                liveBytes(calls) / 1_000_000, BYTES_PER_CALL / 1000, BASE_BYTES >> 20, DOCS, runsAtOnce,
                runsAtOnce == 1 ? "" : "s", recommendedGib(calls, runsAtOnce));
    }
}
