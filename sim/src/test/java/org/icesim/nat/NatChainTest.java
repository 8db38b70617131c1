package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.nat.NatHarness.addr;
import static org.icesim.nat.NatHarness.udp;

import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/**
 * A home NAT behind a carrier-grade NAT: the home NAT's uplink is the CGN's inside, where the
 * home NAT's public (shared address space) address is attached.
 */
class NatChainTest {
    private static final Ipv4Address HOME_WAN = Ipv4Address.parse("100.64.0.2");
    private static final Ipv4Address HOME_WAN_AFTER_REBOOT = Ipv4Address.parse("100.64.0.3");
    private static final Ipv4Address CGN_PUBLIC = Ipv4Address.parse("198.51.100.1");
    private static final TransportAddress HOST = addr("192.168.1.10:5000");
    private static final TransportAddress SERVER = addr("192.0.2.1:3478");

    private final Simulator simulator = SuiteChecks.simulator();
    private final RandomStreams random = new RandomStreams(3);
    private final Capture internet = new Capture();
    private final Capture host = new Capture();
    private final Nat home = new Nat(simulator, "home", NatBehavior.PORT_RESTRICTED_CONE, List.of(HOME_WAN),
            random.stream("nat/home"));
    private final Nat cgn = new Nat(simulator, "cgn", NatBehavior.SYMMETRIC, List.of(CGN_PUBLIC),
            random.stream("nat/cgn"));

    NatChainTest() {
        home.inside().attach(HOST.ip(), host);
        home.connectOutside(cgn.inside());
        cgn.inside().attach(HOME_WAN, home.outside());
        cgn.connectOutside(internet);
        // What a world builder does: keep the CGN's route toward the home NAT current.
        home.addAddressListener((nat, previous, current) -> {
            previous.forEach(cgn.inside()::detach);
            current.forEach(address -> cgn.inside().attach(address, nat.outside()));
        });
    }

    @Test
    void outboundIsTranslatedTwice() {
        home.inside().receive(udp(HOST, SERVER));

        Packet onInternet = internet.last();
        assertThat(onInternet.source()).isEqualTo(new TransportAddress(CGN_PUBLIC, 1024));
        assertThat(onInternet.destination()).isEqualTo(SERVER);
        assertThat(home.counters().packetsSent()).isEqualTo(1);
        assertThat(cgn.counters().packetsSent()).isEqualTo(1);
    }

    @Test
    void replyComesBackThroughBothNats() {
        home.inside().receive(udp(HOST, SERVER));
        TransportAddress outermost = internet.last().source();

        cgn.outside().receive(udp(SERVER, outermost));

        Packet delivered = host.last();
        assertThat(delivered).isNotNull();
        assertThat(delivered.source()).isEqualTo(SERVER);
        assertThat(delivered.destination()).isEqualTo(HOST);
    }

    @Test
    void innerNatRebootWithANewAddressIsFollowedByTheOuterRoute() {
        home.inside().receive(udp(HOST, SERVER));
        TransportAddress before = internet.last().source();

        home.reboot(List.of(HOME_WAN_AFTER_REBOOT));
        home.inside().receive(udp(HOST, SERVER));
        TransportAddress after = internet.last().source();
        cgn.outside().receive(udp(SERVER, after));

        // The CGN sees a new inside endpoint (100.64.0.3:5000), so a new mapping and port.
        assertThat(after).isEqualTo(new TransportAddress(CGN_PUBLIC, before.port() + 1));
        assertThat(host.last().destination()).isEqualTo(HOST);
        assertThat(host.count()).isEqualTo(1);
    }
}
