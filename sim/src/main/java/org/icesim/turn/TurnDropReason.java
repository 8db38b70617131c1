package org.icesim.turn;

/** Why a TURN server did not relay a packet; every such packet is counted under one of these. */
public enum TurnDropReason {
    /** No allocation exists for the 5-tuple the packet came in on (Send indication, ChannelData). */
    NO_ALLOCATION,
    /** The peer's IP address has no valid permission on the allocation (RFC 8656 §9). */
    NO_PERMISSION,
    /** ChannelData for a channel number bound to no peer on the allocation (RFC 8656 §12.6). */
    NO_CHANNEL,
    /** The relay bandwidth limit was used up. */
    BANDWIDTH_QUOTA,
    /**
     * A STUN message the server cannot act on and must not answer: an indication without the
     * attributes it needs or with unknown comprehension-required ones, a response, a Send
     * indication without XOR-PEER-ADDRESS or DATA (RFC 8656 §11.2).
     */
    MALFORMED,
    /** A datagram on the server port that is neither STUN nor ChannelData (RFC 8489 §6.3). */
    NOT_STUN
}
