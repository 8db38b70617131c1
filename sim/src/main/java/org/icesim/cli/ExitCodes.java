package org.icesim.cli;

/** Exit statuses of the commands, so scripts can tell what went wrong. */
final class ExitCodes {
    /** The work was done, and its answer is "no": some runs of a batch failed, or a comparison found a regression. */
    static final int FOUND_FAILURES = 1;
    /** A scenario or argument is invalid; nothing ran. */
    static final int INVALID_INPUT = 2;
    /** Results could not be read or written, or the simulator is not available. */
    static final int CANNOT_RUN = 3;
    /** Java ran out of heap (a fleet too big for -Xmx); the message says how much to give. */
    static final int OUT_OF_MEMORY = 4;

    private ExitCodes() {
    }
}
