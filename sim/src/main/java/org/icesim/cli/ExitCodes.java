package org.icesim.cli;

/** Exit statuses of the commands, so scripts can tell what went wrong. */
final class ExitCodes {
    /** A scenario or argument is invalid; nothing ran. */
    static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
