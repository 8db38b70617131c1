package org.icesim.kernel;

/** Reads simulated time. Models receive this instead of a wall clock, so a test can drive them by hand. */
@FunctionalInterface
public interface Clock {
    /** The current simulated time in nanoseconds since the start of the run. */
    long now();

    /** The run's invariant checks; off unless the clock's simulator was built with them on. */
    default Invariants invariants() {
        return Invariants.off();
    }
}
