package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icesim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkPlanTest {

    private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    @TempDir
    Path directory;

    private NetworkPlan plan(String extra) throws Exception {
        Scenario scenario = TestbedScenarios.load(directory, TestbedScenarios.BASE + extra);
        return new NetworkPlan("icesim-t1", scenario);
    }

    @Test
    void everyAddressIsInADocumentationRangeAndEveryNamespaceCarriesThePrefix() throws Exception {
        NetworkPlan plan = plan("""
                timeline:
                  - {at: 10s, action: interface-add, peer: alice, interface: {name: cell, link: cell, behind: cgn}}
                  - {at: 10s, action: interface-remove, peer: alice, interface: wifi}
                  - {at: 12s, action: nat-reboot, nat: home-alice, new-address: true}
                """);
        List<List<String>> all = new java.util.ArrayList<>(plan.setup());
        all.addAll(plan.connect(plan.attachment("alice", "cell")));
        all.addAll(plan.natReboot("home-alice", 1));
        int addresses = 0;
        for (List<String> command : all) {
            for (String word : command) {
                Matcher m = IPV4.matcher(word);
                while (m.find()) {
                    addresses++;
                    // RFC 5737: TEST-NET-1, -2 and -3 only; nothing routable, nothing of the host's.
                    assertThat(m.group(1) + "." + m.group(2) + "." + m.group(3))
                            .isIn("192.0.2", "198.51.100", "203.0.113");
                }
            }
            if (command.size() > 2 && command.get(1).equals("-n")) {
                assertThat(command.get(2)).startsWith("icesim-t1-");
            }
        }
        assertThat(addresses).isGreaterThan(20);
        assertThat(plan.namespaces()).containsExactly("icesim-t1-core", "icesim-t1-nat0", "icesim-t1-nat1",
                "icesim-t1-host0", "icesim-t1-host1");
    }

    @Test
    void aPortRestrictedNatIsPlainMasqueradeAndASymmetricOneRandomizesEveryFlow() throws Exception {
        List<List<String>> setup = plan("").setup();
        List<String> alice = List.of("ip", "netns", "exec", "icesim-t1-nat0", "iptables", "-w", "-t", "nat", "-A", "POSTROUTING",
                "-o", "wan", "-p", "udp", "-j", "MASQUERADE", "--to-ports", "1024-65535");
        assertThat(setup).contains(alice);
        List<String> cgn = new java.util.ArrayList<>(alice);
        cgn.set(3, "icesim-t1-nat1");
        cgn.add("--random-fully");
        assertThat(setup).contains(cgn);
        // Unsolicited inbound packets are dropped, not answered: address-and-port-dependent filtering.
        assertThat(setup).contains(List.of("ip", "netns", "exec", "icesim-t1-nat0", "iptables", "-w", "-t", "filter", "-A",
                "FORWARD", "-i", "wan", "-m", "conntrack", "!", "--ctstate", "ESTABLISHED,RELATED", "-j", "DROP"));
        // The NAT's mapping timeout (default 120 s) is conntrack's UDP timeout.
        assertThat(setup).contains(List.of("ip", "netns", "exec", "icesim-t1-nat0", "sysctl", "-qw",
                "net.netfilter.nf_conntrack_udp_timeout_stream=120"));
    }

    @Test
    void aPeerLinkIsAVethPairWithAQueueOnEachReceivingEnd() throws Exception {
        NetworkPlan plan = plan("");
        NetworkPlan.Attachment wifi = plan.attachment("alice", "wifi");
        assertThat(wifi.hostAddress()).isEqualTo("192.0.2.2");
        assertThat(wifi.gateway()).isEqualTo("192.0.2.1");
        NetworkPlan.Attachment eth = plan.attachment("bob", "eth");
        assertThat(eth.farEnd().namespace()).isEqualTo("icesim-t1-core");
        assertThat(eth.hostAddress()).startsWith("198.51.100.");
        List<List<String>> connect = plan.connect(wifi);
        assertThat(connect.get(0)).containsExactly("ip", "link", "add", "name", "wifi", "netns", "icesim-t1-host0", "type",
                "veth", "peer", "name", "p0", "netns", "icesim-t1-nat0");
        assertThat(connect).contains(List.of("ip", "netns", "exec", "icesim-t1-host0", "iptables", "-w", "-t", "raw", "-A",
                "PREROUTING", "-i", "wifi", "-j", "NFQUEUE", "--queue-num", Integer.toString(wifi.down().number())));
        assertThat(connect).contains(List.of("ip", "netns", "exec", "icesim-t1-nat0", "iptables", "-w", "-t", "raw", "-A",
                "PREROUTING", "-i", "p0", "-j", "NFQUEUE", "--queue-num", Integer.toString(wifi.up().number())));
        assertThat(wifi.down().params().delayNanos()).isEqualTo(20_000_000L);
        // Source routing: a host candidate on this interface leaves through it.
        assertThat(connect).contains(List.of("ip", "-n", "icesim-t1-host0", "rule", "add", "from", "192.0.2.2", "table", "100"));
    }

    @Test
    void serverLinksDelayBothDirectionsAtTheServersAddress() throws Exception {
        NetworkPlan plan = plan("");
        NetworkPlan.ServerPlan turn = plan.servers().get("turn");
        assertThat(turn.address()).isEqualTo("203.0.113.21");
        assertThat(plan.servers().get("signaling").address()).isEqualTo(NetworkPlan.SIGNALING_ADDRESS);
        List<List<String>> setup = plan.setup();
        assertThat(setup).contains(List.of("ip", "netns", "exec", "icesim-t1-core", "iptables", "-w", "-t", "raw", "-A",
                "PREROUTING", "-d", "203.0.113.21", "-j", "NFQUEUE", "--queue-num",
                Integer.toString(turn.in().orElseThrow().number())));
        assertThat(setup).contains(List.of("ip", "netns", "exec", "icesim-t1-core", "iptables", "-w", "-t", "raw", "-A",
                "OUTPUT", "-s", "203.0.113.21", "-j", "NFQUEUE", "--queue-num",
                Integer.toString(turn.out().orElseThrow().number())));
        // Queue numbers are unique within a namespace.
        assertThat(plan.queues().stream().map(q -> q.namespace() + "#" + q.number()).distinct().count())
                .isEqualTo(plan.queues().size());
    }

    @Test
    void aRebootWithANewAddressMovesTheNatToItsSpareBlockAndFlushesConntrack() throws Exception {
        NetworkPlan plan = plan("""
                timeline:
                  - {at: 12s, action: nat-reboot, nat: home-alice, new-address: true}
                """);
        NetworkPlan.NatPlan nat = plan.nat("home-alice");
        assertThat(nat.publicAddresses()).hasSize(2);
        assertThat(plan.natReboot("home-alice", 1)).containsExactly(
                List.of("ip", "-n", "icesim-t1-nat0", "addr", "flush", "dev", "wan"),
                List.of("ip", "-n", "icesim-t1-nat0", "addr", "add", nat.publicAddresses().get(1) + "/30", "dev", "wan"),
                List.of("ip", "-n", "icesim-t1-nat0", "route", "replace", "default", "via", nat.gateways().get(1), "dev", "wan"),
                List.of("ip", "netns", "exec", "icesim-t1-nat0", "conntrack", "-F"));
        assertThat(plan.natReboot("home-alice", 0)).containsExactly(List.of("ip", "netns", "exec", "icesim-t1-nat0", "conntrack", "-F"));
    }

    @Test
    void aSignalingOutageIsADropRuleForTheServersPortInTheCore() throws Exception {
        NetworkPlan plan = plan("");
        assertThat(plan.signalingBlock(true)).containsExactly("ip", "netns", "exec", "icesim-t1-core", "iptables", "-w", "-t",
                "filter", "-I", "INPUT", "-p", "tcp", "-d", "203.0.113.10", "--dport", "8080", "-j", "DROP");
        assertThat(plan.signalingBlock(false)).contains("-D");
    }
}
