package org.icesim.ice;

/** The priority arithmetic of RFC 8445 §5.1.2 and §6.1.2.3, as pure functions. */
public final class Priorities {

    /** Highest local preference (RFC 8445 §5.1.2.1: 16 bits; 65535 when there is a single address). */
    public static final int MAX_LOCAL_PREFERENCE = 65535;
    /** Highest network index {@link #localPreference} accepts. */
    public static final int MAX_NETWORK_INDEX = 255;
    /** Highest server index {@link #localPreference} accepts. */
    public static final int MAX_SERVER_INDEX = 255;
    public static final int MIN_COMPONENT = 1;
    public static final int MAX_COMPONENT = 256;
    /** A candidate priority is a positive 31-bit integer (RFC 8445 §5.1.2). */
    public static final long MAX_CANDIDATE_PRIORITY = (1L << 31) - 1;

    private Priorities() {
    }

    /**
     * {@code 2^24·typePref + 2^8·localPref + (256 − componentId)} (RFC 8445 §5.1.2.1).
     */
    public static long candidatePriority(int typePreference, int localPreference, int componentId) {
        if (typePreference < 0 || typePreference > TypePreferences.MAX) {
            throw new IllegalArgumentException("typePreference must be in [0, 126], was " + typePreference);
        }
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("localPreference must be in [0, 65535], was " + localPreference);
        }
        requireComponent(componentId);
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    /**
     * The local preference of a candidate gathered on the network interface ranked {@code networkIndex}
     * (0 = most preferred) through the server ranked {@code serverIndex} (0 for host candidates and
     * the first STUN/TURN server). RFC 8445 §5.1.2.1 asks for a value unique among candidates of
     * one type and component; two such candidates differ in interface or server, so
     * {@code 65535 − 256·networkIndex − serverIndex} is unique, and a single interface with a
     * single server gets 65535 (§5.1.2.2). Several TURN servers are told apart here (§5.1.2.2).
     */
    public static int localPreference(int networkIndex, int serverIndex) {
        if (networkIndex < 0 || networkIndex > MAX_NETWORK_INDEX) {
            throw new IllegalArgumentException("networkIndex must be in [0, 255], was " + networkIndex);
        }
        if (serverIndex < 0 || serverIndex > MAX_SERVER_INDEX) {
            throw new IllegalArgumentException("serverIndex must be in [0, 255], was " + serverIndex);
        }
        return MAX_LOCAL_PREFERENCE - (networkIndex << 8) - serverIndex;
    }

    /**
     * The network index a local candidate of priority {@code candidatePriority} was gathered on:
     * the inverse of {@link #localPreference} (a local peer-reflexive candidate keeps the local
     * preference of the candidate it was learnt from, RFC 8445 §7.1.1).
     */
    public static int networkIndex(long candidatePriority) {
        requireCandidatePriority("candidatePriority", candidatePriority);
        int localPreference = (int) ((candidatePriority >> 8) & MAX_LOCAL_PREFERENCE);
        return (MAX_LOCAL_PREFERENCE - localPreference) >> 8;
    }

    /**
     * Pair priority {@code 2^32·min(G,D) + 2·max(G,D) + (G > D ? 1 : 0)}, G being the controlling
     * agent's candidate priority and D the controlled agent's (RFC 8445 §6.1.2.3). Candidate
     * priorities are below 2^31, so the result fits a signed long.
     */
    public static long pairPriority(long controllingPriority, long controlledPriority) {
        requireCandidatePriority("controllingPriority", controllingPriority);
        requireCandidatePriority("controlledPriority", controlledPriority);
        long min = Math.min(controllingPriority, controlledPriority);
        long max = Math.max(controllingPriority, controlledPriority);
        return (min << 32) + 2 * max + (controllingPriority > controlledPriority ? 1 : 0);
    }

    static void requireComponent(int componentId) {
        if (componentId < MIN_COMPONENT || componentId > MAX_COMPONENT) {
            throw new IllegalArgumentException("componentId must be in [1, 256], was " + componentId);
        }
    }

    static void requireCandidatePriority(String name, long priority) {
        if (priority < 1 || priority > MAX_CANDIDATE_PRIORITY) {
            throw new IllegalArgumentException(name + " must be in [1, 2147483647], was " + priority);
        }
    }
}
