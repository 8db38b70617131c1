package org.icesim.kernel;

/**
 * Where a run's checks that held are counted besides the run itself, for whoever totals checks
 * over many runs (a test suite reports how much it checked). Called from the run's own thread,
 * once per check that held; an implementation shared by runs on several threads must be thread-safe.
 */
@FunctionalInterface
public interface InvariantTally {

    /** Counts nothing beyond the run. */
    InvariantTally NONE = invariant -> { };

    /** One check of {@code invariant} held. */
    void held(Invariant invariant);
}
