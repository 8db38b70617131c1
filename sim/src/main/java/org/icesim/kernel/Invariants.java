package org.icesim.kernel;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Run-time invariant checks of one run, on or off.
 *
 * <p>Models get this object from their {@link Scheduler} and consult {@link #enabled()} before
 * doing any work for a check, so a run without checks pays one predictable branch at each check
 * site and nothing per packet beyond it. A check that holds is {@linkplain #held counted}; one
 * that fails {@linkplain #violation builds} an {@link InvariantViolation} whose message names the
 * invariant, the object, the simulated time and the numbers involved.
 *
 * <p>Counts are kept per run and, for reporting how much a whole test suite checked, also in a
 * process-wide tally; an instance is confined to its run's thread like the simulator itself.
 */
public final class Invariants {

    /** The system property that turns checks on by default ({@code -Dicesim.check=true}). */
    public static final String PROPERTY = "icesim.check";

    private static final Invariant[] ALL = Invariant.values();
    private static final Invariants OFF = new Invariants(null);
    private static final LongAdder[] PROCESS_TOTALS = new LongAdder[ALL.length];

    static {
        for (int i = 0; i < ALL.length; i++) {
            PROCESS_TOTALS[i] = new LongAdder();
        }
    }

    private final Clock clock;
    private final long[] held = new long[ALL.length];

    private Invariants(Clock clock) {
        this.clock = clock;
    }

    /** Checks off: {@link #enabled()} is false and nothing is counted. */
    public static Invariants off() {
        return OFF;
    }

    /** Checks on, reporting violations at the time {@code clock} reads. */
    public static Invariants on(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        return new Invariants(clock);
    }

    /** Whether {@link #PROPERTY} asks for checks (the test suite sets it). */
    public static boolean requestedBySystemProperty() {
        return Boolean.getBoolean(PROPERTY);
    }

    public boolean enabled() {
        return clock != null;
    }

    /** Counts one check of {@code invariant} that held. Call only when {@link #enabled()}. */
    public void held(Invariant invariant) {
        if (clock == null) {
            return;
        }
        held[invariant.ordinal()]++;
        PROCESS_TOTALS[invariant.ordinal()].increment();
    }

    /**
     * The exception reporting that {@code invariant} failed on {@code subject} now, with
     * {@code detail} saying what was found; the caller throws it.
     */
    public InvariantViolation violation(Invariant invariant, Object subject, String detail) {
        long now = clock == null ? 0 : clock.now();
        return new InvariantViolation(invariant, now, invariant.title() + " violated on " + subject
                + " at " + seconds(now) + " s: " + detail);
    }

    /** Checks of {@code invariant} that held in this run. */
    public long count(Invariant invariant) {
        return held[invariant.ordinal()];
    }

    /**
     * Checks one state change of {@code subject}: {@code allowed} says whether the rules let it
     * go from {@code from} to {@code to}.
     */
    public void requireTransition(Invariant invariant, Object subject, Object from, Object to, boolean allowed) {
        if (!allowed) {
            throw violation(invariant, subject, from + " \u2192 " + to + " is not a permitted transition");
        }
        held(invariant);
    }

    /** Checks that held in this run, all invariants together. */
    public long total() {
        long total = 0;
        for (long n : held) {
            total += n;
        }
        return total;
    }

    /** Checks that held in this process so far, per invariant, over every run (in enum order). */
    public static Map<Invariant, Long> processCounts() {
        Map<Invariant, Long> counts = new EnumMap<>(Invariant.class);
        for (Invariant invariant : ALL) {
            counts.put(invariant, PROCESS_TOTALS[invariant.ordinal()].sum());
        }
        return counts;
    }

    /** Simulated nanoseconds as exact decimal seconds ("12.345678"). */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
