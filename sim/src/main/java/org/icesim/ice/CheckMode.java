package org.icesim.ice;

/** How an agent repeats connectivity checks on a pair that gets no answer. */
public enum CheckMode {
    /**
     * Each check is a STUN transaction retransmitted on its own RTO schedule, and the pair fails
     * when the transaction times out (RFC 8445 §7.2.5.2.3, §14.3; RFC 8489 §6.2.1).
     */
    RETRANSMIT,
    /**
     * Each check is sent once; a pair without an answer is pinged again by the pacer with a new
     * transaction, and fails after too many unanswered pings or too long without an answer
     * (libwebrtc connection.cc: no STUN retransmission for pings; pion: maxBindingRequests).
     */
    REPEATED_PINGS
}
