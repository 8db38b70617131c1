package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.nat.Nat;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Link;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.PacketReceiver;
import org.icesim.net.Router;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunClass;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.TransactionId;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two agents behind real RFC 4787 NATs on the simulated network: host, NAT, a 5 ms access link
 * to the internet router, and a STUN reflector for server-reflexive candidates. Which NAT
 * combinations connect without a relay follows from mapping and filtering (RFC 4787 §4-5).
 */
class IceOverNatTest {

    private static final TransportAddress STUN_SERVER = TransportAddress.of("192.0.2.1", 3478);

    /** One peer: a host behind its own NAT, its socket, agent and the srflx gathering. */
    private static final class Side {
        final Peer peer;
        final UdpSocket socket;
        final TransportAddress base;
        private final TransactionId gatherId;

        Side(World world, String name, String privateIp, String publicIp, NatBehavior behavior, IceRole role) {
            Simulator sim = world.simulator;
            Ipv4Address inside = Ipv4Address.parse(privateIp);
            Ipv4Address outside = Ipv4Address.parse(publicIp);
            Nat nat = new Nat(sim, "nat-" + name, behavior, List.of(outside), world.streams.stream("nat/" + name));
            nat.connectOutside(world.attach(name, outside, nat.outside()));
            Host host = new Host(sim, name, world.streams.stream("host/" + name));
            NetworkInterface eth = host.addInterface("eth", inside, nat.inside());
            nat.inside().attach(inside, eth.receiver());
            Peer[] self = new Peer[1];
            gatherId = new TransactionId(name.hashCode(), 1);
            socket = host.openUdp("eth", 5000, (s, from, payload) -> {
                StunMessage message = (StunMessage) payload;
                if (message.transactionId().equals(gatherId)) {
                    serverReflexive(self[0], message);
                } else {
                    self[0].agent.handleStun(s.localAddress(), from, message);
                }
            });
            base = socket.localAddress();
            IceIo io = (from, to, message) -> socket.send(to, message);
            peer = new Peer(name, sim, io, world.streams, IceProfile.RFC, role, false);
            self[0] = peer;
            peer.agent.addLocalCandidate(Candidates.host(base, 65535, TypePreferences.RFC_8445));
            socket.send(STUN_SERVER, StunMessage.request(StunMethod.BINDING, gatherId, List.of()));
        }

        private void serverReflexive(Peer peer, StunMessage response) {
            TransportAddress mapped = response.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address();
            peer.agent.addLocalCandidate(Candidates.serverReflexive(mapped, base, STUN_SERVER.ip(), 65535,
                    TypePreferences.RFC_8445));
            peer.agent.localGatheringComplete();
        }
    }

    /** The internet: one router, access links of 5 ms, and a STUN server answering Binding requests. */
    private static final class World {
        final Simulator simulator = SuiteChecks.simulator();
        final RandomStreams streams = new RandomStreams(1);
        final Router internet = new Router("internet");

        World() {
            Host server = new Host(simulator, "stun", streams.stream("host/stun"));
            Link link = new Link(simulator, "access-stun", LinkParams.ideal(millis(5)), streams.stream("link/stun"));
            NetworkInterface eth = server.addInterface("eth", STUN_SERVER.ip(), link.fromA());
            link.connect(eth.receiver(), internet);
            internet.attach(STUN_SERVER.ip(), link.fromB());
            server.openUdp("eth", STUN_SERVER.port(), (s, from, payload) -> {
                StunMessage request = (StunMessage) payload;
                if (request.stunClass() == StunClass.REQUEST) {
                    s.send(from, request.respondSuccess(List.of(new StunAttribute.XorMappedAddress(from))));
                }
            });
        }

        /**
         * A 5 ms access link between {@code end} and the router, which routes {@code ip} down it;
         * returns the entry through which {@code end} sends up.
         */
        PacketReceiver attach(String name, Ipv4Address ip, PacketReceiver end) {
            Link link = new Link(simulator, "access-" + name, LinkParams.ideal(millis(5)), streams.stream("link/" + name));
            link.connect(end, internet);
            internet.attach(ip, link.fromB());
            return link.fromA();
        }
    }

    private static final String[] NAMES = {"full-cone", "restricted-cone", "port-restricted-cone", "symmetric"};

    private static NatBehavior behavior(String name) {
        return switch (name) {
            case "full-cone" -> NatBehavior.FULL_CONE;
            case "restricted-cone" -> NatBehavior.RESTRICTED_CONE;
            case "port-restricted-cone" -> NatBehavior.PORT_RESTRICTED_CONE;
            case "symmetric" -> NatBehavior.SYMMETRIC;
            default -> throw new IllegalArgumentException(name + " is not one of " + List.of(NAMES));
        };
    }

    @ParameterizedTest(name = "{0} x {1}: direct = {2}")
    @CsvSource({
        "full-cone,            full-cone,            true",
        "port-restricted-cone, port-restricted-cone, true",
        "restricted-cone,      symmetric,            true",
        "symmetric,            full-cone,            true",
        "port-restricted-cone, symmetric,            false",
        "symmetric,            symmetric,            false"})
    void directConnectivityFollowsMappingAndFiltering_4787(String a, String b, boolean direct) {
        World world = new World();
        Side alice = new Side(world, "alice", "10.0.0.1", "203.0.113.1", behavior(a), IceRole.CONTROLLING);
        Side bob = new Side(world, "bob", "10.1.0.1", "198.51.100.1", behavior(b), IceRole.CONTROLLED);
        world.simulator.runUntil(millis(100));
        assertThat(alice.peer.agent.localCandidates()).hasSize(2);
        alice.peer.learn(bob.peer);
        bob.peer.learn(alice.peer);
        world.simulator.runUntil(seconds(60));
        if (direct) {
            assertThat(alice.peer.agent.selectedPair()).isNotNull();
            assertThat(bob.peer.agent.selectedPair()).isNotNull();
            assertThat(alice.peer.firstSelectionTime()).isLessThan(millis(100) + seconds(3));
        } else {
            assertThat(alice.peer.agent.selectedPair()).isNull();
            // Two pairs (the srflx candidate pairs through its host base), checked at 100 and 150 ms;
            // "failed" once the second one's transaction times out, 39.5 s later (after PAC).
            assertThat(alice.peer.agent.checkList()).hasSize(2);
            assertThat(alice.peer.firstTimeIn(IceTransportState.FAILED)).isEqualTo(millis(150) + millis(39_500));
        }
    }

    @Test
    void portRestrictedConesPunchThroughOnServerReflexiveCandidates_8445_7_3_1_4() {
        World world = new World();
        Side alice = new Side(world, "alice", "10.0.0.1", "203.0.113.1", NatBehavior.PORT_RESTRICTED_CONE,
                IceRole.CONTROLLING);
        Side bob = new Side(world, "bob", "10.1.0.1", "198.51.100.1", NatBehavior.PORT_RESTRICTED_CONE,
                IceRole.CONTROLLED);
        world.simulator.runUntil(millis(100));
        alice.peer.learn(bob.peer);
        bob.peer.learn(alice.peer);
        world.simulator.runUntil(seconds(10));
        CandidatePair selected = alice.peer.agent.selectedPair();
        assertThat(selected.local().type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        assertThat(selected.remote().type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        assertThat(selected.local().base()).isEqualTo(alice.base);
        assertThat(bob.peer.agent.selectedPair().remote().address()).isEqualTo(TransportAddress.of("203.0.113.1", 5000));
    }
}
