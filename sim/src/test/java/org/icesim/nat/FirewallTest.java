package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.nat.NatHarness.addr;
import static org.icesim.nat.NatHarness.tcp;
import static org.icesim.nat.NatHarness.udp;
import static org.icesim.net.TcpHeader.FLAG_ACK;
import static org.icesim.net.TcpHeader.FLAG_SYN;

import java.util.List;
import org.icesim.kernel.Simulator;
import org.icesim.net.DropReason;
import org.icesim.net.Packet;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** The stateful firewall: outbound rules, return traffic of inside-started flows only. */
class FirewallTest {
    private static final TransportAddress CLIENT = addr("10.0.0.1:5000");
    private static final TransportAddress TURN_UDP = addr("192.0.2.1:3478");
    private static final TransportAddress TURN_TLS = addr("192.0.2.1:443");

    private final Simulator simulator = SuiteChecks.simulator();
    private final Capture insideNetwork = new Capture();
    private final Capture outsideNetwork = new Capture();

    private Firewall firewall(FirewallPolicy policy) {
        Firewall firewall = new Firewall(simulator, "corp", policy);
        firewall.connectInside(insideNetwork);
        firewall.connectOutside(outsideNetwork);
        return firewall;
    }

    @Test
    void tcpOnlyBlocksUdpBothWays() {
        Firewall firewall = firewall(FirewallPolicy.TCP_ONLY);

        firewall.inside().receive(udp(CLIENT, TURN_UDP));
        firewall.outside().receive(udp(TURN_UDP, CLIENT));

        assertThat(outsideNetwork.count()).isZero();
        assertThat(insideNetwork.count()).isZero();
        assertThat(firewall.counters().packetsDropped(DropReason.FIREWALL)).isEqualTo(2);
    }

    @Test
    void tcpOnlyLetsTcpOutAndItsReturnTrafficIn() {
        Firewall firewall = firewall(FirewallPolicy.TCP_ONLY);
        Packet syn = tcp(CLIENT, TURN_TLS, FLAG_SYN);
        Packet synAck = tcp(TURN_TLS, CLIENT, FLAG_SYN | FLAG_ACK);

        firewall.inside().receive(syn);
        firewall.outside().receive(synAck);

        assertThat(outsideNetwork.packets()).containsExactly(syn);
        assertThat(insideNetwork.packets()).containsExactly(synAck);
        assertThat(firewall.activeFlows()).isEqualTo(1);
    }

    @Test
    void unsolicitedInboundTrafficIsBlocked() {
        Firewall firewall = firewall(FirewallPolicy.TCP_ONLY);
        firewall.inside().receive(tcp(CLIENT, TURN_TLS, FLAG_SYN));

        firewall.outside().receive(tcp(addr("198.51.100.7:443"), CLIENT, FLAG_SYN));
        firewall.outside().receive(tcp(TURN_TLS, addr("10.0.0.1:5001"), FLAG_ACK));

        assertThat(insideNetwork.count()).isZero();
        assertThat(firewall.counters().packetsDropped(DropReason.FIREWALL)).isEqualTo(2);
    }

    @Test
    void allowListPassesOnlyTheGivenProtocolsAndPorts() {
        Firewall firewall = firewall(FirewallPolicy.allowOnly(
                List.of(FirewallRule.parse("udp:3478"), FirewallRule.parse("tcp:443"))));

        firewall.inside().receive(udp(CLIENT, TURN_UDP));
        firewall.inside().receive(udp(CLIENT, addr("198.51.100.7:50000")));
        firewall.inside().receive(tcp(CLIENT, TURN_TLS, FLAG_SYN));
        firewall.inside().receive(tcp(CLIENT, addr("192.0.2.1:80"), FLAG_SYN));

        assertThat(outsideNetwork.packets()).extracting(Packet::destination).containsExactly(TURN_UDP, TURN_TLS);
        assertThat(firewall.counters().packetsDropped(DropReason.FIREWALL)).isEqualTo(2);
    }

    @Test
    void returnTrafficMustComeFromTheEndpointTheInsideContacted() {
        Firewall firewall = firewall(FirewallPolicy.allowOnly(List.of(FirewallRule.parse("udp:3478"))));
        firewall.inside().receive(udp(CLIENT, TURN_UDP));

        firewall.outside().receive(udp(TURN_UDP, CLIENT));
        firewall.outside().receive(udp(addr("192.0.2.1:3479"), CLIENT));

        assertThat(insideNetwork.packets()).extracting(Packet::source).containsExactly(TURN_UDP);
    }

    @Test
    void flowsExpireAfterTheirIdleTimeout() {
        Firewall firewall = firewall(FirewallPolicy.allowOnly(List.of(FirewallRule.anyPort(Protocol.UDP)))
                .withFlowTimeouts(seconds(30), seconds(600)));
        firewall.inside().receive(udp(CLIENT, TURN_UDP));

        simulator.runUntil(seconds(30) - 1);
        firewall.outside().receive(udp(TURN_UDP, CLIENT)); // refreshes the flow
        simulator.runUntil(seconds(60) - 2);
        firewall.outside().receive(udp(TURN_UDP, CLIENT));
        simulator.runUntil(seconds(90) - 2);

        firewall.outside().receive(udp(TURN_UDP, CLIENT));
        assertThat(insideNetwork.count()).isEqualTo(2);
        assertThat(firewall.activeFlows()).isZero();
    }

    @Test
    void rulesParseFromTheirShortForm() {
        assertThat(FirewallRule.parse("tcp")).isEqualTo(new FirewallRule(Protocol.TCP, 1, 65535));
        assertThat(FirewallRule.parse("UDP:3478")).isEqualTo(new FirewallRule(Protocol.UDP, 3478, 3478));
        assertThat(FirewallRule.parse("tcp:1024-65535")).isEqualTo(new FirewallRule(Protocol.TCP, 1024, 65535));
        assertThat(FirewallRule.parse("udp:3478")).hasToString("udp:3478");
        assertThat(FirewallRule.parse("tcp")).hasToString("tcp");
    }

    @Test
    void malformedRulesSayWhatIsAllowed() {
        assertThatThrownBy(() -> FirewallRule.parse("icmp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firewall rule must look like tcp, udp:3478 or tcp:1024-65535 (protocol udp or tcp), "
                        + "was 'icmp'");
        assertThatThrownBy(() -> FirewallRule.parse("udp:x"))
                .hasMessage("firewall rule must look like tcp, udp:3478 or tcp:1024-65535, was 'udp:x'");
        assertThatThrownBy(() -> FirewallRule.parse("udp:5000-4000"))
                .hasMessage("firewall rule ports must satisfy 1 <= portMin <= portMax <= 65535, was 5000..4000");
        assertThatThrownBy(() -> FirewallPolicy.TCP_ONLY.withFlowTimeouts(0, seconds(1)))
                .hasMessage("udpFlowTimeoutNanos must be > 0 ns, was 0 ns");
    }
}
