package org.icesim.ice;

import org.icesim.kernel.Invariant;

/** States of a candidate pair (RFC 8445 §6.1.2.6, figure 6). */
public enum PairState {
    /** Not checked yet, waiting for a pair of its foundation to succeed. */
    FROZEN,
    /** May be checked at the next Ta tick. */
    WAITING,
    /** A check was sent and its transaction is running. */
    IN_PROGRESS,
    SUCCEEDED,
    FAILED;

    /** Candidate-pair states change only as {@link #canMoveTo} allows (RFC 8445 §6.1.2.6, §7.3.1.4). */
    public static final Invariant TRANSITION_INVARIANT = new Invariant("ICE candidate-pair state transition");

    /**
     * Whether a pair may go from this state to {@code next}. RFC 8445 figure 6 and its text:
     * Frozen → Waiting (§6.1.2.6, unfrozen by §6.1.4.2 or by a success of its foundation,
     * §7.2.5.3.3); Waiting → In-Progress (a check is sent, §6.1.4.2); In-Progress → Succeeded or
     * Failed (§7.2.5.2, §7.2.5.3); In-Progress, Failed or Frozen → Waiting (a triggered check,
     * §7.3.1.4, or a 487 role conflict, §7.2.5.1); Waiting → Succeeded or Failed when the
     * response to a transaction a triggered check cancelled still arrives (§7.3.1.4: the agent
     * waits out a cancelled transaction and accepts its response). The agent adds, for every profile: any pair
     * not yet Failed → Failed when its local candidate disappears or its check list gives up on
     * it, and Succeeded → Failed when consent is lost (RFC 7675 §5.1), a nomination fails, or
     * libwebrtc's life cycle declares the connection dead. Nothing leaves Succeeded for Waiting:
     * a triggered check on a Succeeded pair does nothing (§7.3.1.4).
     */
    public boolean canMoveTo(PairState next) {
        return switch (this) {
            case FROZEN -> next == WAITING || next == FAILED;
            case WAITING -> next == IN_PROGRESS || next == SUCCEEDED || next == FAILED;
            case IN_PROGRESS -> next == SUCCEEDED || next == FAILED || next == WAITING;
            case SUCCEEDED -> next == FAILED;
            case FAILED -> next == WAITING;
        };
    }
}
