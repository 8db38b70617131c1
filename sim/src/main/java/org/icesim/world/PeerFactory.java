package org.icesim.world;

import java.util.List;
import org.icesim.app.Peer;
import org.icesim.app.PeerSetup;
import org.icesim.app.RestartPolicy;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.EventSink;
import org.icesim.metrics.MediaArrivalLog;
import org.icesim.net.Host;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PeerConnectionConfig;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * Builds the peers of a run from the scenario's peer definitions: a call's own peers, or a
 * fleet's peers made from the two templates. A peer's host is made first, so the world can give
 * it its interfaces before the peer starts gathering on them.
 */
final class PeerFactory {
    private final Simulator sim;
    private final RandomStreams streams;
    private final Scenario scenario;
    private final ServerSet servers;

    PeerFactory(Simulator sim, RandomStreams streams, Scenario scenario, ServerSet servers) {
        this.sim = sim;
        this.streams = streams;
        this.scenario = scenario;
        this.servers = servers;
    }

    /** A new host named {@code name}, drawing from its own stream. */
    Host host(String name) {
        return new Host(sim, name, streams.stream("host/" + name));
    }

    /**
     * The peer {@code name} on {@code host}, set up as {@code template} says.
     *
     * @param callee     whether it answers the call: the polite side of perfect negotiation
     *                   unless the template says otherwise
     * @param iceServers the servers (by name) of its RTCConfiguration.iceServers
     * @param policy     its restart policy
     * @param events     where it reports what happens
     * @param arrivals   where its media sink notes arrivals
     */
    Peer build(PeerSpec template, String name, Host host, String remote, boolean callee, List<String> iceServers,
            RestartPolicy policy, EventSink events, MediaArrivalLog arrivals) {
        boolean polite = template.polite().orElse(callee);
        PerfectNegotiation.Role role = !scenario.call().perfectNegotiation() || !polite
                ? PerfectNegotiation.Role.IMPOLITE : PerfectNegotiation.Role.POLITE;
        PeerSetup setup = new PeerSetup(remote, template.profile(), servers.iceServers(iceServers),
                template.relayOnly() ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL, policy, role,
                servers.signalingAddress(), servers.signalingTls(), servers.signalingTransport(), scenario.media(),
                scenario.mediaDelivery(), connection(template, name));
        return new Peer(sim, streams, name, host, setup, events, arrivals);
    }

    /**
     * The peer connection's timing: its profile's view of failed, its stack's negotiation times
     * (sampled ones drawn from the peer's stream {@code processing/<name>}).
     */
    private PeerConnectionConfig connection(PeerSpec template, String name) {
        PeerConnectionConfig connection = PeerSetup.DEFAULT_CONNECTION.withPageSeesIceFailed(template.profile().pageSeesIceFailed())
                .withW3cConnectionState(template.profile().w3cConnectionState());
        // The binder accepts "measured" only for a measured stack.
        return connection.withNegotiation(template.processing()
                .times(template.profile().name(), connection.operationDelayNanos(), () -> streams.stream("processing/" + name))
                .orElseThrow());
    }
}
