package org.icesim.ice;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;

/**
 * Pure functions that make local candidates: priorities (RFC 8445 §5.1.2), foundations
 * (§5.1.1.3) and redundancy elimination (§5.1.3). The gatherer and the agent both use them, so a
 * candidate learnt in a check is built exactly like one gathered from a server.
 */
public final class Candidates {

    /** icesim models one component (rtcp-mux and BUNDLE, RFC 8445 §5.1.2.1). */
    public static final int COMPONENT = 1;

    private Candidates() {
    }

    /** A host candidate on an interface address (RFC 8445 §5.1.1.1). */
    public static Candidate host(TransportAddress address, int localPreference, TypePreferences preferences) {
        return new Candidate(CandidateType.HOST, address, address,
                Priorities.candidatePriority(preferences.host(), localPreference, COMPONENT),
                foundation(CandidateType.HOST, address.ip(), null, Protocol.UDP), COMPONENT);
    }

    /** A server-reflexive candidate: the mapping a STUN server reported for {@code base} (RFC 8445 §5.1.1.2). */
    public static Candidate serverReflexive(TransportAddress mapped, TransportAddress base, Ipv4Address stunServer,
            int localPreference, TypePreferences preferences) {
        return new Candidate(CandidateType.SERVER_REFLEXIVE, mapped, base,
                Priorities.candidatePriority(preferences.serverReflexive(), localPreference, COMPONENT),
                foundation(CandidateType.SERVER_REFLEXIVE, base.ip(), stunServer, Protocol.UDP), COMPONENT);
    }

    /**
     * A relayed candidate: the address a TURN server allocated, which is its own base
     * (RFC 8445 §5.1.1.2). {@code toServer} is the transport to the TURN server (UDP, or TCP for
     * TURN over TCP/TLS), part of the foundation; {@code interfaceIp} is the host address the
     * allocation was made from.
     */
    public static Candidate relayed(TransportAddress relayed, Ipv4Address interfaceIp, Ipv4Address turnServer,
            Protocol toServer, int localPreference, TypePreferences preferences) {
        return new Candidate(CandidateType.RELAYED, relayed, relayed,
                Priorities.candidatePriority(preferences.relayed(), localPreference, COMPONENT),
                foundation(CandidateType.RELAYED, interfaceIp, turnServer, toServer), COMPONENT);
    }

    /**
     * A local peer-reflexive candidate learnt from a check's mapped address (RFC 8445 §7.2.5.3.1):
     * its base is the base of the pair's local candidate and its priority is the PRIORITY the check
     * carried.
     */
    public static Candidate localPeerReflexive(TransportAddress mapped, TransportAddress base, long priority) {
        return new Candidate(CandidateType.PEER_REFLEXIVE, mapped, base, priority,
                foundation(CandidateType.PEER_REFLEXIVE, base.ip(), null, Protocol.UDP), COMPONENT);
    }

    /**
     * The PRIORITY a check from {@code local} carries: the local candidate's priority with the
     * peer-reflexive type preference (RFC 8445 §7.1.1), its local preference and component kept.
     */
    public static long checkPriority(Candidate local, TypePreferences preferences) {
        long lowBits = local.priority() & 0xFF_FFFFL;
        return ((long) preferences.peerReflexive() << 24) + lowBits;
    }

    /**
     * The foundation of a candidate (RFC 8445 §5.1.1.3): two candidates share one exactly when
     * they have the same type, bases with the same IP address, the same STUN/TURN server address
     * (for reflexive and relayed ones) and the same transport protocol. Writing those four
     * facts out (type letter, base IP and server IP in hex, protocol letter: 18 characters) meets
     * the rule exactly, with no table to keep.
     */
    public static String foundation(CandidateType type, Ipv4Address baseIp, Ipv4Address server, Protocol protocol) {
        if (type == null || baseIp == null || protocol == null) {
            throw new IllegalArgumentException("foundation needs a type, a base IP and a protocol (type=" + type
                    + ", baseIp=" + baseIp + ", protocol=" + protocol + ")");
        }
        char typeLetter = switch (type) {
            case HOST -> 'H';
            case SERVER_REFLEXIVE -> 'S';
            case PEER_REFLEXIVE -> 'P';
            case RELAYED -> 'R';
        };
        int serverBits = server == null ? 0 : server.bits();
        return typeLetter + hex8(baseIp.bits()) + hex8(serverBits) + (protocol == Protocol.UDP ? 'u' : 't');
    }

    /**
     * Whether {@code candidate} is redundant with one of {@code others}: same transport address and
     * same base, with a priority no higher (RFC 8445 §5.1.3). The typical case is a srflx
     * candidate equal to its host candidate when there is no NAT.
     */
    public static boolean isRedundant(Candidate candidate, List<Candidate> others) {
        for (Candidate other : others) {
            if (other != candidate && other.address().equals(candidate.address())
                    && other.base().equals(candidate.base()) && other.priority() >= candidate.priority()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code candidates} without the redundant ones (RFC 8445 §5.1.3): of candidates with the same
     * address and base only the highest-priority one stays (the first one, if priorities tie).
     * Order is otherwise kept.
     */
    public static List<Candidate> eliminateRedundant(List<Candidate> candidates) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            int same = -1;
            for (int i = 0; i < kept.size(); i++) {
                Candidate k = kept.get(i);
                if (k.address().equals(candidate.address()) && k.base().equals(candidate.base())) {
                    same = i;
                    break;
                }
            }
            if (same < 0) {
                kept.add(candidate);
            } else if (candidate.priority() > kept.get(same).priority()) {
                kept.set(same, candidate);
            }
        }
        return kept;
    }

    private static String hex8(int bits) {
        String hex = Integer.toHexString(bits);
        return "00000000".substring(hex.length()) + hex;
    }
}
