package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.nat.NatHarness.addr;
import static org.icesim.nat.NatHarness.tcp;
import static org.icesim.net.TcpHeader.FLAG_ACK;
import static org.icesim.net.TcpHeader.FLAG_FIN;
import static org.icesim.net.TcpHeader.FLAG_RST;
import static org.icesim.net.TcpHeader.FLAG_SYN;

import org.icesim.net.DropReason;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** TCP mappings (RFC 5382): created by the outbound SYN, transitory and established idle timeouts. */
class TcpMappingTest {
    private static final TransportAddress CLIENT = addr("10.0.0.1:5000");
    private static final TransportAddress SERVER = addr("192.0.2.1:443");
    private static final long TRANSITORY = NatBehavior.DEFAULT_TCP_TRANSITORY_TIMEOUT;
    private static final long ESTABLISHED = NatBehavior.DEFAULT_TCP_ESTABLISHED_TIMEOUT;

    private static NatHarness nat() {
        // Inbound refresh off, so the probes below do not move the deadlines they test.
        return new NatHarness(NatBehavior.PORT_RESTRICTED_CONE.withRefreshOnInbound(false));
    }

    @Test
    void defaultTimeoutsAreTheRfc5382Minimums() {
        assertThat(ESTABLISHED).isEqualTo(seconds(2 * 3600 + 4 * 60));
        assertThat(TRANSITORY).isEqualTo(seconds(4 * 60));
    }

    @Test
    void outboundSynCreatesAMappingThatCarriesTheHandshake() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));

        assertThat(external).isEqualTo(addr("203.0.113.1:5000"));
        assertThat(h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK)).destination()).isEqualTo(CLIENT);
    }

    @Test
    void unsolicitedInboundSynIsDroppedSilently() {
        NatHarness h = nat();

        assertThat(h.in(tcp(SERVER, addr("203.0.113.1:5000"), FLAG_SYN))).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void halfOpenConnectionUsesTheTransitoryTimeout() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));

        h.at(TRANSITORY);
        assertThat(h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK))).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void halfOpenConnectionIsAliveJustBeforeTheTransitoryTimeout() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));

        h.at(TRANSITORY - 1);
        assertThat(h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK))).isNotNull();
    }

    @Test
    void establishedConnectionUsesTheEstablishedTimeout() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));
        h.at(seconds(1));
        h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK));
        h.out(tcp(CLIENT, SERVER, FLAG_ACK));

        h.at(seconds(1) + TRANSITORY);
        assertThat(h.in(tcp(SERVER, external, FLAG_ACK))).isNotNull();
        h.at(seconds(1) + ESTABLISHED - 1);
        assertThat(h.in(tcp(SERVER, external, FLAG_ACK))).isNotNull();
        h.at(seconds(1) + ESTABLISHED);
        assertThat(h.in(tcp(SERVER, external, FLAG_ACK))).isNull();
    }

    @Test
    void closingConnectionFallsBackToTheTransitoryTimeout() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));
        h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK));
        h.at(seconds(10));
        h.out(tcp(CLIENT, SERVER, FLAG_FIN | FLAG_ACK));

        h.at(seconds(10) + TRANSITORY);
        assertThat(h.in(tcp(SERVER, external, FLAG_FIN | FLAG_ACK))).isNull();
    }

    @Test
    void inboundResetAlsoMakesTheConnectionTransitory() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));
        h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK));
        h.at(seconds(10));
        h.out(tcp(CLIENT, SERVER, FLAG_ACK));
        h.in(tcp(SERVER, external, FLAG_RST));

        h.at(seconds(10) + TRANSITORY);
        assertThat(h.in(tcp(SERVER, external, FLAG_ACK))).isNull();
    }

    @Test
    void aNewSynThroughAnEndpointIndependentMappingStartsOverAsTransitory() {
        NatHarness h = nat();
        TransportAddress external = h.out(tcp(CLIENT, SERVER, FLAG_SYN));
        h.in(tcp(SERVER, external, FLAG_SYN | FLAG_ACK));
        h.out(tcp(CLIENT, SERVER, FLAG_FIN | FLAG_ACK));
        h.at(seconds(5));
        TransportAddress second = h.out(tcp(CLIENT, addr("198.51.100.7:443"), FLAG_SYN));
        assertThat(second).isEqualTo(external);
        h.in(tcp(addr("198.51.100.7:443"), external, FLAG_SYN | FLAG_ACK));

        // Established again: alive well past the transitory timeout.
        h.at(seconds(5) + TRANSITORY);
        assertThat(h.in(tcp(addr("198.51.100.7:443"), external, FLAG_ACK))).isNotNull();
    }
}
