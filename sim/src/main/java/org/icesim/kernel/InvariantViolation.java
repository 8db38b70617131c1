package org.icesim.kernel;

/**
 * A run broke one of its {@link Invariant}s: the model is wrong somewhere, so the run stops
 * rather than produce a result that cannot be trusted.
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Invariant invariant;
    private final long atNanos;

    InvariantViolation(Invariant invariant, long atNanos, String message) {
        super(message);
        this.invariant = invariant;
        this.atNanos = atNanos;
    }

    public Invariant invariant() {
        return invariant;
    }

    /** The simulated time of the violation. */
    public long atNanos() {
        return atNanos;
    }
}
