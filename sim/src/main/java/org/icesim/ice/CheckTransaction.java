package org.icesim.ice;

import org.icesim.kernel.Timer;
import org.icesim.stun.StunMessage;

/**
 * One Binding request the agent sent on a pair and may still see answered: an ordinary or
 * triggered check, or a liveness check (consent, ping, keepalive request) on the selected pair.
 */
final class CheckTransaction {

    enum Purpose {
        /** A connectivity check while the check list runs (RFC 8445 §7.2). */
        CHECK,
        /** A consent check, ping or keepalive request on the selected pair (RFC 7675, RFC 8445 §11). */
        LIVENESS
    }

    final Generation generation;
    final CandidatePair pair;
    final StunMessage request;
    final Purpose purpose;
    final boolean useCandidate;
    final IceRole roleSent;
    final long rto;
    int transmissions;
    /** When the request last left, for the pair's RTT estimate; -1 before it is sent. */
    long lastSentAt = -1;
    /**
     * No more retransmissions and no failure on silence, but a response is still accepted until
     * the transaction would have timed out (RFC 8445 §7.3.1.4, §8.1.2).
     */
    boolean cancelled;
    Timer timer;

    CheckTransaction(Generation generation, CandidatePair pair, StunMessage request, Purpose purpose,
            boolean useCandidate, IceRole roleSent, long rto) {
        this.generation = generation;
        this.pair = pair;
        this.request = request;
        this.purpose = purpose;
        this.useCandidate = useCandidate;
        this.roleSent = roleSent;
        this.rto = rto;
    }
}
