package org.icesim.ice;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.TransportAddress;

/** One agent of a test, its host candidates on the {@link Wire} and every event it reported. */
final class Peer {

    final String name;
    final IceAgent agent;
    final List<IceEvent> events = new ArrayList<>();
    final Simulator simulator;

    Peer(String name, Simulator simulator, Wire wire, RandomStreams streams, IceProfile profile, IceRole role,
            boolean lite) {
        this(name, simulator, wire.io(), streams, profile, role, lite);
    }

    Peer(String name, Simulator simulator, IceIo io, RandomStreams streams, IceProfile profile, IceRole role,
            boolean lite) {
        this.name = name;
        this.simulator = simulator;
        this.agent = new IceAgent(simulator, streams.stream("ice/" + name), profile, role, lite,
                IceCredentials.random(streams.stream("ice/" + name + "/credentials")), io, events::add);
    }

    /** Adds a host candidate on {@code address} (local preference from its index) and attaches it to the wire. */
    Candidate host(Wire wire, String address, int networkIndex) {
        TransportAddress base = parse(address);
        Candidate candidate = Candidates.host(base, Priorities.localPreference(networkIndex, 0),
                agent.profile().typePreferences());
        agent.addLocalCandidate(candidate);
        wire.attach(base, agent);
        return candidate;
    }

    /** Tells this agent about {@code other}'s credentials and candidates, then end-of-candidates. */
    void learn(Peer other) {
        agent.setRemoteCredentials(other.agent.localCredentials());
        for (Candidate local : other.agent.localCandidates()) {
            if (local.type() != CandidateType.PEER_REFLEXIVE) {
                agent.addRemoteCandidate(Candidate.remote(local.type(), local.address(), local.priority(),
                        local.foundation()));
            }
        }
        agent.remoteEndOfCandidates();
    }

    <T extends IceEvent> List<T> events(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (IceEvent event : events) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    /** The first instant the transport entered {@code state}, or -1. */
    long firstTimeIn(IceTransportState state) {
        for (IceEvent.TransportStateChanged change : events(IceEvent.TransportStateChanged.class)) {
            if (change.to() == state) {
                return change.at();
            }
        }
        return -1;
    }

    /** The instant of the first selected-pair change to a non-null pair, or -1. */
    long firstSelectionTime() {
        for (IceEvent.SelectedPairChanged change : events(IceEvent.SelectedPairChanged.class)) {
            if (change.current() != null) {
                return change.at();
            }
        }
        return -1;
    }

    static TransportAddress parse(String address) {
        int colon = address.indexOf(':');
        return TransportAddress.of(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
