package org.icesim.ice;

/**
 * The type preference of each candidate type, the top byte of a candidate's priority
 * (RFC 8445 §5.1.2.1). Each lies in 0..126, the four differ, and peer-reflexive ranks above
 * server-reflexive (RFC 8445 §5.1.2.1: a prflx candidate learnt from a check must be preferred
 * to the srflx one it stands for).
 */
public record TypePreferences(int host, int peerReflexive, int serverReflexive, int relayed) {

    /** RFC 8445 §5.1.2.2 recommended values: host 126, prflx 110, srflx 100, relay 0. */
    public static final TypePreferences RFC_8445 = new TypePreferences(126, 110, 100, 0);

    /**
     * libwebrtc {@code IcePriorityValue} (p2p_constants.h) for UDP: host 126, prflx 110, srflx 100,
     * relay over UDP 3 (relay over TCP/TLS ranks lower; the simulator's relays are UDP-relayed).
     */
    public static final TypePreferences LIBWEBRTC = new TypePreferences(126, 110, 100, 3);

    public static final int MAX = 126;

    public TypePreferences {
        requireRange("host", host);
        requireRange("peerReflexive", peerReflexive);
        requireRange("serverReflexive", serverReflexive);
        requireRange("relayed", relayed);
        if (peerReflexive <= serverReflexive) {
            throw new IllegalArgumentException("peerReflexive type preference must be greater than serverReflexive"
                    + " (RFC 8445 §5.1.2.1), was " + peerReflexive + " <= " + serverReflexive);
        }
        if (host == peerReflexive || host == serverReflexive || host == relayed || peerReflexive == relayed
                || serverReflexive == relayed) {
            throw new IllegalArgumentException("type preferences must differ between types (RFC 8445 §5.1.2.1), were host="
                    + host + " prflx=" + peerReflexive + " srflx=" + serverReflexive + " relay=" + relayed);
        }
    }

    public int of(CandidateType type) {
        return switch (type) {
            case HOST -> host;
            case PEER_REFLEXIVE -> peerReflexive;
            case SERVER_REFLEXIVE -> serverReflexive;
            case RELAYED -> relayed;
        };
    }

    private static void requireRange(String name, int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(name + " type preference must be in [0, 126], was " + value);
        }
    }
}
