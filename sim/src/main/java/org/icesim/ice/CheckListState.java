package org.icesim.ice;

/** States of a check list (RFC 8445 §6.1.2.1). */
public enum CheckListState {
    RUNNING,
    /** A nominated pair exists for the (single) component. */
    COMPLETED,
    /** No valid pair, and every pair Failed or Succeeded. */
    FAILED
}
