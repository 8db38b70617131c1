package org.icesim.kernel;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Run-time invariant checks of one run, on or off.
 *
 * <p>Models get this object from their {@link Scheduler} and consult {@link #enabled()} before
 * doing any work for a check, so a run without checks pays one predictable branch at each check
 * site and nothing per packet beyond it. A check that holds is {@linkplain #held counted}; one
 * that fails {@linkplain #violation builds} an {@link InvariantViolation} whose message names the
 * invariant, the object, the simulated time and the numbers involved.
 *
 * <p>Counts belong to the run (and go to the {@link InvariantTally} it was given, if any); there
 * is no process-wide state. An instance is confined to its run's thread like the simulator itself.
 */
public final class Invariants {

    private static final Invariants OFF = new Invariants(null, InvariantTally.NONE);

    private final Clock clock;
    private final InvariantTally tally;
    /** Checks that held, per invariant; one cell per invariant, so counting allocates nothing. */
    private final Map<Invariant, long[]> held = new HashMap<>();

    private Invariants(Clock clock, InvariantTally tally) {
        this.clock = clock;
        this.tally = tally;
    }

    /** Checks off: {@link #enabled()} is false and nothing is counted. */
    public static Invariants off() {
        return OFF;
    }

    /** Checks on, reporting violations at the time {@code clock} reads. */
    public static Invariants on(Clock clock) {
        return on(clock, InvariantTally.NONE);
    }

    /** Checks on, as {@link #on(Clock)}, each check that held also counted by {@code tally}. */
    public static Invariants on(Clock clock, InvariantTally tally) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        if (tally == null) {
            throw new IllegalArgumentException("tally must not be null; use InvariantTally.NONE");
        }
        return new Invariants(clock, tally);
    }

    public boolean enabled() {
        return clock != null;
    }

    /** Counts one check of {@code invariant} that held. Call only when {@link #enabled()}. */
    public void held(Invariant invariant) {
        if (clock == null) {
            return;
        }
        held.computeIfAbsent(invariant, key -> new long[1])[0]++;
        tally.held(invariant);
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
        long[] cell = held.get(invariant);
        return cell == null ? 0 : cell[0];
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
        for (long[] cell : held.values()) {
            total += cell[0];
        }
        return total;
    }

    /** Simulated nanoseconds as exact decimal seconds ("12.345678"). */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
