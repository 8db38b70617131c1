package org.icesim.turn;

/** Where a {@link TurnClient}'s allocation stands. */
public enum TurnAllocationState {
    /** Created; {@link TurnClient#allocate()} not called yet. */
    IDLE,
    /** Opening the path to the server (TCP and TLS handshakes; immediate over UDP). */
    CONNECTING,
    /** Allocate sent (and, after the 401 challenge, sent again with credentials). */
    ALLOCATING,
    /** The allocation exists: data can be relayed. */
    ALLOCATED,
    /** A Refresh is in flight; the allocation is still usable. */
    REFRESHING,
    /** Gave up; {@link TurnClient#failure()} says why. Nothing is sent any more. */
    FAILED,
    /** Closed by its owner (a Refresh with LIFETIME 0 was sent if it was allocated). */
    CLOSED;

    /** Whether data can be relayed in this state. */
    public boolean isUsable() {
        return this == ALLOCATED || this == REFRESHING;
    }
}
