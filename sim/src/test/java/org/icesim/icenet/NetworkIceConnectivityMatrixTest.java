package org.icesim.icenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.seconds;

import org.icesim.ice.IceProfile;
import org.icesim.nat.NatBehavior;
import org.icesim.turn.TurnTransport;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.IceTransportPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which NAT and firewall combinations connect, with and without a TURN server, and on which pair
 * (RFC 4787 mapping and filtering, RFC 8445 candidate types). A mapping that depends on the
 * destination (symmetric) is useless to a peer that filters by port; a side that cannot send UDP
 * at all reaches the other only through TURN over TCP. The offerer (alice) controls.
 */
class NetworkIceConnectivityMatrixTest {

    private static final String UDP_BLOCKED = "udp-blocked";

    private static CallWorld.Peer peer(CallWorld world, String name, int index, String kind, boolean turn) {
        IceServers servers = turn ? world.servers(TurnTransport.UDP, TurnTransport.TCP) : world.servers();
        if (kind.equals(UDP_BLOCKED)) {
            return world.behindTcpOnlyFirewall(name, index, IceProfile.RFC, servers);
        }
        return world.behindNat(name, index, NatBehavior.preset(kind), IceProfile.RFC, servers, IceTransportPolicy.ALL);
    }

    @ParameterizedTest(name = "{0} x {1}, TURN {2}: {3}")
    @CsvSource({
        // without TURN: direct or not at all
        "full-cone,            full-cone,            false, 0 srflx/srflx",
        "full-cone,            symmetric,            false, 0 srflx/prflx",
        "restricted-cone,      port-restricted-cone, false, 0 srflx/srflx",
        "restricted-cone,      symmetric,            false, 0 srflx/prflx",
        "port-restricted-cone, port-restricted-cone, false, 0 srflx/srflx",
        "port-restricted-cone, symmetric,            false, none",
        "symmetric,            symmetric,            false, none",
        "full-cone,            udp-blocked,          false, none",
        "udp-blocked,          udp-blocked,          false, none",
        // with TURN (UDP and TCP): direct when possible, else relayed
        "full-cone,            full-cone,            true,  0 srflx/srflx",
        "restricted-cone,      symmetric,            true,  0 srflx/prflx",
        "port-restricted-cone, port-restricted-cone, true,  0 srflx/srflx",
        "port-restricted-cone, symmetric,            true,  0 relay/prflx",
        "symmetric,            symmetric,            true,  0 relay/prflx",
        "full-cone,            udp-blocked,          true,  0 srflx/relay",
        "port-restricted-cone, udp-blocked,          true,  0 srflx/relay",
        "symmetric,            udp-blocked,          true,  0 prflx/relay",
        "udp-blocked,          udp-blocked,          true,  0 relay/relay"})
    void connectsWhereMappingAndFilteringAllowOrThroughTurn_4787_8445(String a, String b, boolean turn, String pair) {
        CallWorld world = new CallWorld();
        CallWorld.Peer alice = peer(world, "alice", 1, a, turn);
        CallWorld.Peer bob = peer(world, "bob", 2, b, turn);
        world.call(alice, bob);
        // Long enough for the UDP transactions a blocked side sends to time out (39.5 s).
        world.sim.runUntil(seconds(41));

        if (pair.equals("none")) {
            assertThat(alice.selectedPairs()).isEmpty();
            assertThat(bob.selectedPairs()).isEmpty();
            assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.FAILED);
        } else {
            assertThat(alice.selectedPairs()).containsExactly(pair);
            assertThat(bob.selectedPairs()).containsExactly(mirrored(pair));
            assertThat(alice.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
            assertThat(bob.pc.iceConnectionState()).isEqualTo(IceConnectionState.COMPLETED);
        }
    }

    /** "g local/remote" as the other side sees it. */
    private static String mirrored(String pair) {
        String[] parts = pair.split("[ /]");
        return parts[0] + " " + parts[2] + "/" + parts[1];
    }
}
