package org.icesim.turn;

/** Which way a relayed packet travels through a TURN server. */
public enum RelayDirection {
    /** From the client (Send indication or ChannelData) out of the relayed address to a peer. */
    CLIENT_TO_PEER,
    /** From a peer to the relayed address, on to the client (Data indication or ChannelData). */
    PEER_TO_CLIENT
}
