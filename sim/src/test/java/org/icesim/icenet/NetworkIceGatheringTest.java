package org.icesim.icenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.Arrays;
import java.util.List;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceProfile;
import org.icesim.metrics.EventKind;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.turn.TurnTransport;
import org.icesim.webrtc.IceCandidate;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PeerConnection;
import org.icesim.webrtc.PeerConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gathering of one local generation on the network (RFC 8445 §5.1.1): when each candidate
 * appears, what it is, and how it is trickled. The peer sits 10 ms from the router behind a
 * port-preserving NAT; the STUN server is a 40 ms round trip away, the TURN server 50 ms.
 */
class NetworkIceGatheringTest {

    private final CallWorld world = new CallWorld();

    private CallWorld.Peer behindNat(IceProfile profile, IceServers servers, IceTransportPolicy policy) {
        return world.behindNat("alice", 1, NatBehavior.PORT_RESTRICTED_CONE, profile, servers, policy);
    }

    /** Applies a first local offer at t = 0 and lets gathering run. */
    private void gather(CallWorld.Peer peer, long untilNanos) {
        peer.pc.addTransceiver();
        peer.pc.setLocalDescription();
        world.sim.runUntil(untilNanos);
    }

    @Test
    void hostAtOnceServerReflexiveAfterOneStunRoundTripRelayedAfterTwoTurnRoundTrips_8445_5_1_1() {
        CallWorld.Peer alice = behindNat(IceProfile.RFC, world.servers(TurnTransport.UDP), IceTransportPolicy.ALL);
        gather(alice, seconds(1));

        // RFC 8656 §7.1: Allocate, 401, Allocate with credentials: two round trips.
        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "100ms relay", "100ms end");
        assertThat(alice.gatheringStates()).containsExactly("0ms gathering", "100ms complete");
        assertThat(alice.recorded(EventKind.GATHERING_COMPLETE)).containsExactly("100ms 0");

        List<IceCandidate> candidates = alice.candidates();
        IceCandidate host = candidates.get(0);
        IceCandidate srflx = candidates.get(1);
        IceCandidate relay = candidates.get(2);
        String ufrag = alice.pc.localDescription().ufrag();
        assertThat(candidates).allSatisfy(c -> assertThat(c.usernameFragment()).isEqualTo(ufrag));
        // RFC 8445 §5.1.2.2 worked values for one interface and one server of each kind.
        assertThat(candidates).extracting(IceCandidate::priority).containsExactly(2130706431L, 1694498815L, 16777215L);
        assertThat(host.address().ip()).isEqualTo(Ipv4Address.parse("10.0.1.1"));
        assertThat(srflx.address()).isEqualTo(new TransportAddress(Ipv4Address.parse("203.0.113.1"), host.address().port()));
        assertThat(srflx.relatedAddress()).isEqualTo(host.address());
        assertThat(relay.address().ip()).isEqualTo(world.turn.address(TurnTransport.UDP).ip());
        // RFC 8445 §5.1.1.2: the relayed candidate's related address is the mapped address the TURN server saw.
        assertThat(relay.relatedAddress().ip()).isEqualTo(Ipv4Address.parse("203.0.113.1"));
        assertThat(alice.ice.localBases()).containsExactly(host.address(), relay.address());
        assertThat(alice.ice.turnAllocations()).isEqualTo(1);
    }

    @Test
    void libwebrtcAllocatesOnTurnOneAllocationStepAfterTheUdpPhase_basic_port_allocator_kMinimumStepDelay() {
        IceProfile phased = IceProfile.LIBWEBRTC.differing("libwebrtc-phased").relayGatheringDelay(millis(50)).build();
        CallWorld.Peer alice = behindNat(phased, world.servers(TurnTransport.UDP), IceTransportPolicy.ALL);
        gather(alice, seconds(1));

        // With the allocation step set (relayGatheringDelay), PHASE_UDP at once (host, then srflx after the STUN round trip), PHASE_RELAY 50 ms later:
        // the two TURN round trips end at 150 ms instead of 100 ms.
        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "150ms relay", "150ms end");
    }

    @Test
    void aServerReflexiveCandidateEqualToItsHostCandidateIsRedundant_8445_5_1_3() {
        CallWorld.Peer alice = world.onPublicAddress("alice", 9, IceProfile.RFC, world.servers(TurnTransport.UDP),
                IceTransportPolicy.ALL);
        gather(alice, seconds(1));

        assertThat(alice.trickled()).containsExactly("0ms host", "100ms relay", "100ms end");
    }

    @Test
    void turnOverTcpAddsTheHandshakeAndTls13TwoRoundTrips_8656_3_1() {
        CallWorld.Peer alice = behindNat(IceProfile.RFC, world.servers(TurnTransport.TCP, TurnTransport.TLS),
                IceTransportPolicy.ALL);
        gather(alice, seconds(1));

        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "150ms relay", "200ms relay", "200ms end");
        List<IceCandidate> relays = alice.candidates().subList(2, 4);
        // RFC 8445 §5.1.2.1: several TURN servers are told apart by local preference (65535, 65534).
        assertThat(relays).extracting(IceCandidate::priority).containsExactly(16777215L, 16776959L);
        assertThat(relays.get(0).address()).isNotEqualTo(relays.get(1).address());
    }

    @Test
    void relayPolicyGathersAndSignalsOnlyRelayedCandidates_W3cIceTransportPolicy() {
        CallWorld.Peer alice = behindNat(IceProfile.RFC, world.servers(TurnTransport.UDP), IceTransportPolicy.RELAY);
        gather(alice, seconds(1));

        assertThat(alice.trickled()).containsExactly("100ms relay", "100ms end");
        assertThat(alice.ice.localBases()).containsExactly(alice.candidates().get(0).address());
    }

    @Test
    void withoutServersGatheringCompletesWithTheHostCandidate() {
        CallWorld.Peer alice = behindNat(IceProfile.RFC, IceServers.NONE, IceTransportPolicy.ALL);
        gather(alice, seconds(1));

        assertThat(alice.trickled()).containsExactly("0ms host", "0ms end");
        // The transport reports gathering then complete at once; the connection's update task sees complete.
        assertThat(alice.gatheringStates()).containsExactly("0ms complete");
    }

    @Test
    void anUnreachableStunServerEndsGatheringWhenItsTransactionTimesOut_8489_6_2_1() {
        IceServers servers = IceServers.NONE.withStun(TransportAddress.of("192.0.2.99", 3478));
        CallWorld.Peer alice = behindNat(IceProfile.RFC, servers, IceTransportPolicy.ALL);
        gather(alice, seconds(60));

        // RTO max(500 ms, Ta × 1) = 500 ms (RFC 8445 §14.3): sends at 0 .. 31.5 s, timeout at 39.5 s.
        assertThat(alice.trickled()).containsExactly("0ms host", "39500ms end");
    }

    /**
     * Each profile retransmits its Binding requests to an unreachable STUN server on its stack's
     * schedule, so gathering ends when that schedule gives up: RFC 8489 §6.2.1 at 39.5 s, libwebrtc
     * at 39.75 s (stun_request.cc), nICEr at 11.1 s (stun_client_ctx.c), pion after its single
     * request's 5 s (gather.go gatherCandidatesSrflx).
     */
    @ParameterizedTest
    @CsvSource({"rfc, 39500", "libwebrtc, 39750", "firefox, 11100", "pion, 5000"})
    void anUnreachableStunServerIsGivenUpOnTheProfilesSchedule(String profile, long endMillis) {
        IceServers servers = IceServers.NONE.withStun(TransportAddress.of("192.0.2.99", 3478));
        CallWorld.Peer alice = behindNat(IceProfile.named(profile), servers, IceTransportPolicy.ALL);
        gather(alice, seconds(60));

        assertThat(alice.trickled()).containsExactly("0ms host", endMillis + "ms end");
    }

    /**
     * The TURN client's Allocate to an unreachable server follows the profile's schedule too:
     * RFC 8489 at 39.5 s, libwebrtc at 39.8 s (turn_port.cc requests on stun_request.cc, started one
     * 50 ms allocation step after the UDP phase: basic_port_allocator.cc AllocationSequence), nICEr
     * at 11.1 s (turn_client_ctx.c TURN_RTO 100 ms), pion/turn at 7.8 s (client.go, transaction.go).
     */
    @ParameterizedTest
    @CsvSource({"rfc, 39500", "libwebrtc, 39800", "firefox, 11100", "pion, 7800"})
    void anUnreachableTurnServerIsGivenUpOnTheProfilesSchedule(String profile, long endMillis) {
        IceServers servers = IceServers.NONE.withTurn(TransportAddress.of("192.0.2.98", 3478), TurnTransport.UDP,
                "user", "secret");
        CallWorld.Peer alice = behindNat(IceProfile.named(profile), servers, IceTransportPolicy.RELAY);
        gather(alice, seconds(60));

        assertThat(alice.trickled()).containsExactly(endMillis + "ms end");
    }

    /**
     * RFC 8445 §5.1.1.4: a server-reflexive binding is kept alive with further Binding requests.
     * The answer arrives at 40 ms; the rfc profile re-binds every Tr 15 s, libwebrtc every 10 s
     * after the last answer (stun_port.cc KEEPALIVE_DELAY); nICEr and pion never re-bind
     * (ice_candidate.c nr_ice_srvrflx_stun_finished_cb, gather.go gatherCandidatesSrflx).
     */
    @ParameterizedTest
    @CsvSource({"rfc, 3", "libwebrtc, 4", "firefox, 1", "pion, 1"})
    void theServerReflexiveBindingIsKeptAliveOnTheProfilesInterval(String profile, long requestsBy31s) {
        CallWorld.Peer alice = behindNat(IceProfile.named(profile), world.servers(), IceTransportPolicy.ALL);
        gather(alice, seconds(31));

        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "40ms end");
        assertThat(world.stunHost.inbound().packetsDelivered()).isEqualTo(requestsBy31s);
    }

    @Test
    void continualGatheringGathersOnAnAddedInterfaceAndSignalsNoEndOfCandidates() {
        IceProfile continual = IceProfile.RFC.with("continualGathering", "true");
        CallWorld.Peer alice = behindNat(continual, world.servers(TurnTransport.UDP), IceTransportPolicy.ALL);
        gather(alice, seconds(1));
        world.net.addInterface(alice.host, "wifi", "198.51.100.77", millis(5), world.net.internet());
        world.sim.runUntil(seconds(2));

        // The new interface is 5 ms from the router: TURN round trip 40 ms. Its srflx equals its host.
        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "100ms relay", "1000ms host", "1080ms relay");
        assertThat(alice.gatheringStates())
                .containsExactly("0ms gathering", "100ms complete", "1000ms gathering", "1080ms complete");
        assertThat(alice.recorded(EventKind.GATHERING_COMPLETE)).containsExactly("100ms 0");
        IceCandidate wifiHost = alice.candidates().get(3);
        assertThat(wifiHost.address().ip()).isEqualTo(Ipv4Address.parse("198.51.100.77"));
        // RFC 8445 §5.1.2.1: the second interface gathered on gets the next local preference (65279).
        assertThat(wifiHost.priority()).isEqualTo(2130640895L);
        assertThat(wifiHost.type()).isEqualTo(CandidateType.HOST);
    }

    @Test
    void withoutContinualGatheringAnAddedInterfaceWaitsForTheNextGeneration() {
        CallWorld.Peer alice = behindNat(IceProfile.RFC, world.servers(), IceTransportPolicy.ALL);
        gather(alice, seconds(1));
        world.net.addInterface(alice.host, "wifi", "198.51.100.77", millis(5), world.net.internet());
        world.sim.runUntil(seconds(2));

        assertThat(alice.trickled()).containsExactly("0ms host", "40ms srflx", "40ms end");
    }

    @Test
    void invalidServerListsAndMissingTcpAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new IceServers.Turn(TransportAddress.of("192.0.2.2", 3478), TurnTransport.UDP, "", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TURN server 192.0.2.2:3478 needs a username and password, username was ''");
        assertThatThrownBy(() -> new IceServers(Arrays.asList((TransportAddress) null), List.of()))
                .hasMessageStartingWith("stun and turn must be lists without nulls");
        IceServers tcp = world.servers(TurnTransport.TCP);
        Host carol = world.net.addHost("carol", "198.51.100.3", millis(1));
        assertThatThrownBy(() -> new PeerConnection(world.sim, world.net.streams().stream("webrtc/carol"),
                new PeerConnectionConfig(0, 0), observer -> new NetworkIceTransport(world.sim, carol, null, IceProfile.RFC,
                        tcp, IceTransportPolicy.ALL, world.net.streams().stream("ice/carol"), world.recorder, "carol", observer)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TURN over TCP or TLS needs the host's TcpStack, was null");
    }
}
