package org.icesim.ice;

import org.icesim.net.TransportAddress;

/**
 * An ICE candidate of the single component icesim models (BUNDLE with rtcp-mux: component 1,
 * RFC 8445 §5.1.2.1): its type, the transport address it advertises, the base checks are sent
 * from (RFC 8445 §5.1.1.1: the host address behind a reflexive candidate; a relayed candidate is
 * its own base), its priority and its foundation.
 *
 * <p>For a remote candidate the base is not known and is set to the address.
 */
public record Candidate(CandidateType type, TransportAddress address, TransportAddress base, long priority,
        String foundation, int componentId) {

    /** Foundations are 1 to 32 ice-chars (RFC 8445 §5.1.1.3, RFC 8839 §5.1). */
    public static final int MAX_FOUNDATION_LENGTH = 32;

    public Candidate {
        if (type == null || address == null || base == null) {
            throw new IllegalArgumentException("candidate type, address and base must not be null (type=" + type
                    + ", address=" + address + ", base=" + base + ")");
        }
        Priorities.requireCandidatePriority("candidate priority", priority);
        Priorities.requireComponent(componentId);
        if (foundation == null || foundation.isEmpty() || foundation.length() > MAX_FOUNDATION_LENGTH) {
            throw new IllegalArgumentException("foundation must be 1 to 32 characters (RFC 8445 §5.1.1.3), was '"
                    + foundation + "'");
        }
        if (type == CandidateType.HOST && !address.equals(base)) {
            throw new IllegalArgumentException("a host candidate is its own base (RFC 8445 §5.1.1.1), was address "
                    + address + " base " + base);
        }
    }

    /** A candidate received from the peer: its base is unknown, so it is the address itself. */
    public static Candidate remote(CandidateType type, TransportAddress address, long priority, String foundation) {
        return new Candidate(type, address, address, priority, foundation, 1);
    }

    @Override
    public String toString() {
        return type.sdpName() + " " + address + (base.equals(address) ? "" : " base " + base) + " prio " + priority;
    }
}
