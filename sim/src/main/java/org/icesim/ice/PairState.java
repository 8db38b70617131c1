package org.icesim.ice;

/** States of a candidate pair (RFC 8445 §6.1.2.6, figure 6). */
public enum PairState {
    /** Not checked yet, waiting for a pair of its foundation to succeed. */
    FROZEN,
    /** May be checked at the next Ta tick. */
    WAITING,
    /** A check was sent and its transaction is running. */
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
}
