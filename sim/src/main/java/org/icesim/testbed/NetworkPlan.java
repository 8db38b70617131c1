package org.icesim.testbed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.icesim.nat.FirewallRule;
import org.icesim.nat.MappingBehavior;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.scenario.InterfaceSpec;
import org.icesim.scenario.NatSpec;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ServerSpec;
import org.icesim.scenario.TimelineAction;

/**
 * The real network of one scenario point: one namespace per peer host, per NAT and for the
 * core, veth pairs for links, addresses from the documentation ranges only (RFC 5737), and
 * the commands that build it and apply timeline actions. Pure: it only computes command lines,
 * so a test can read exactly what a scenario turns into.
 *
 * <p>Address plan: servers live in the core on 203.0.113.0/24 (signaling .10, STUN/TURN servers
 * .20 onwards); every link to the core (a NAT's public side, a public peer interface) is a /30 of
 * 198.51.100.0/24 (core side .1 of the block); every link behind a NAT is a /30 of 192.0.2.0/24
 * (NAT side .1). The core has no route to anything else, so nothing leaves the testbed.
 *
 * <p>Each direction of a link is an NFQUEUE rule in the raw table of the receiving end's
 * namespace (PREROUTING, before conntrack): its helper ({@code nfqdelay.c}) holds each packet for
 * the link's delay and drops it for loss or while the link is down, so link faults take effect
 * at once, without a firewall change.
 */
public final class NetworkPlan {

    public static final String SIGNALING_ADDRESS = "203.0.113.10";
    public static final int SIGNALING_PORT = 8080;
    public static final int STUN_PORT = 3478;
    private static final int FIRST_SERVER_HOST = 20;
    private static final int MAX_BLOCKS = 64;
    private static final int FIRST_TABLE = 100;

    /** One end of a link: the namespace and device that receive one of its directions. */
    public record LinkEnd(String namespace, String device) {
    }

    /**
     * One direction of a link whose packets a helper delays.
     *
     * @param number the NFQUEUE number, unique in its namespace
     */
    public record DelayQueue(String namespace, int number, LinkParams params) {
    }

    /**
     * A peer's interface: the host end in the peer's namespace, the far end at its NAT or at the core.
     *
     * @param table the routing table (and default-route metric) of this interface
     */
    public record Attachment(String peer, String iface, LinkParams params, LinkEnd hostEnd, LinkEnd farEnd,
            String hostAddress, String gateway, int table, DelayQueue down, DelayQueue up) {
    }

    /** A NAT: its namespace, its public addresses (the first in use; one more per reboot with a new address). */
    public record NatPlan(String name, String namespace, List<String> publicAddresses, List<String> gateways,
            String coreDevice) {
    }

    /** A STUN or TURN server (one coturn each) or the signaling server, at its address in the core. */
    public record ServerPlan(String name, ServerSpec spec, String address, Optional<DelayQueue> in,
            Optional<DelayQueue> out) {
    }

    private final String prefix;
    private final Scenario scenario;
    private final String core;
    private final Map<String, String> hostNamespaces = new LinkedHashMap<>();
    private final Map<String, NatPlan> nats = new LinkedHashMap<>();
    private final Map<String, ServerPlan> servers = new LinkedHashMap<>();
    private final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, Integer> nextTable = new LinkedHashMap<>();
    private final Map<String, Integer> nextQueue = new LinkedHashMap<>();
    private int publicBlocks;
    private int privateBlocks;

    /**
     * @param prefix unique per run (e.g. {@code icesim-3f9a}); every namespace name starts with it
     */
    public NetworkPlan(String prefix, Scenario scenario) {
        this.prefix = prefix;
        this.scenario = scenario;
        this.core = prefix + "-core";
        int n = 0;
        for (String nat : scenario.nats().keySet()) {
            String namespace = prefix + "-nat" + n++;
            int addresses = 1 + (int) scenario.everyAction().stream()
                    .filter(a -> a instanceof TimelineAction.NatReboot r && r.nat().equals(nat) && r.newAddress()).count();
            List<String> publicAddresses = new ArrayList<>();
            List<String> gateways = new ArrayList<>();
            for (int i = 0; i < addresses; i++) {
                int block = publicBlock();
                publicAddresses.add(address(198, 51, 100, block * 4 + 2));
                gateways.add(address(198, 51, 100, block * 4 + 1));
            }
            nats.put(nat, new NatPlan(nat, namespace, publicAddresses, gateways, "u" + (publicBlocks - addresses)));
        }
        int s = 0;
        for (ServerSpec server : scenario.servers().values()) {
            String address = server instanceof ServerSpec.Signaling ? SIGNALING_ADDRESS
                    : address(203, 0, 113, FIRST_SERVER_HOST + s++);
            Optional<LinkParams> link = server.link().map(scenario.links()::get).filter(NetworkPlan::shapes);
            servers.put(server.name(), new ServerPlan(server.name(), server, address,
                    link.map(p -> queue(core, p)), link.map(p -> queue(core, p))));
        }
        int h = 0;
        for (PeerSpec peer : scenario.peers().values()) {
            hostNamespaces.put(peer.name(), prefix + "-host" + h++);
            for (InterfaceSpec iface : peer.interfaces()) {
                attach(peer.name(), iface);
            }
        }
        for (TimelineAction action : scenario.everyAction()) {
            if (action instanceof TimelineAction.InterfaceAdd add) {
                attach(add.peer(), add.iface());
            }
        }
    }

    /** Plans an interface; the first one of a name is the one the timeline acts on. */
    private void attach(String peer, InterfaceSpec iface) {
        String key = peer + "/" + iface.name();
        if (attachments.containsKey(key)) {
            return;
        }
        String hostNs = hostNamespaces.get(peer);
        LinkParams params = scenario.links().get(iface.link());
        String hostDevice = deviceName(iface.name());
        LinkEnd hostEnd = new LinkEnd(hostNs, hostDevice);
        LinkEnd farEnd;
        String hostAddress;
        String gateway;
        if (iface.behind().isPresent()) {
            int block = privateBlock();
            String device = "p" + block;
            farEnd = new LinkEnd(nats.get(iface.behind().get()).namespace(), device);
            hostAddress = address(192, 0, 2, block * 4 + 2);
            gateway = address(192, 0, 2, block * 4 + 1);
        } else {
            int block = publicBlock();
            String device = "u" + block;
            farEnd = new LinkEnd(core, device);
            hostAddress = address(198, 51, 100, block * 4 + 2);
            gateway = address(198, 51, 100, block * 4 + 1);
        }
        int table = nextTable.merge(hostNs, 1, Integer::sum) + FIRST_TABLE - 1;
        // Every peer link gets its helpers, even without delay, so that set-link can give it one later.
        attachments.put(key, new Attachment(peer, iface.name(), params, hostEnd, farEnd, hostAddress, gateway, table,
                queue(hostNs, params), queue(farEnd.namespace(), params)));
    }

    private DelayQueue queue(String namespace, LinkParams params) {
        return new DelayQueue(namespace, nextQueue.merge(namespace, 1, Integer::sum), params);
    }

    /** Whether a server's link needs the delay helper (delay, jitter or a rate limit). */
    static boolean shapes(LinkParams params) {
        return params.delayNanos() > 0 || !(params.jitter() instanceof Jitter.None)
                || params.bandwidthBitsPerSecond() != LinkParams.UNLIMITED_BANDWIDTH;
    }

    private int publicBlock() {
        if (publicBlocks == MAX_BLOCKS) {
            throw new IllegalStateException("the testbed has room for " + MAX_BLOCKS + " links to the core");
        }
        return publicBlocks++;
    }

    private int privateBlock() {
        if (privateBlocks == MAX_BLOCKS) {
            throw new IllegalStateException("the testbed has room for " + MAX_BLOCKS + " links behind NATs");
        }
        return privateBlocks++;
    }

    /** A device name Linux accepts (at most 15 characters) made of the scenario's interface name. */
    static String deviceName(String iface) {
        String clean = iface.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (clean.isEmpty()) {
            clean = "if";
        }
        return clean.length() > 15 ? clean.substring(0, 15) : clean;
    }

    private static String address(int a, int b, int c, int d) {
        return a + "." + b + "." + c + "." + d;
    }

    public String prefix() {
        return prefix;
    }

    public String coreNamespace() {
        return core;
    }

    /** Every namespace of the plan: the core, the NATs, then the hosts. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(core));
        nats.values().forEach(n -> all.add(n.namespace()));
        all.addAll(hostNamespaces.values());
        return all;
    }

    public String hostNamespace(String peer) {
        return hostNamespaces.get(peer);
    }

    public Map<String, ServerPlan> servers() {
        return servers;
    }

    public NatPlan nat(String name) {
        return nats.get(name);
    }

    /** The attachment of a peer's interface present at the start or added by the first interface-add naming it. */
    public Attachment attachment(String peer, String iface) {
        Attachment found = attachments.get(peer + "/" + iface);
        if (found == null) {
            throw new IllegalArgumentException("no interface " + iface + " of " + peer + " in the plan");
        }
        return found;
    }

    /** The delay queues whose helpers must run before the network carries traffic. */
    public List<DelayQueue> queues() {
        List<DelayQueue> all = new ArrayList<>();
        servers.values().forEach(s -> {
            s.in().ifPresent(all::add);
            s.out().ifPresent(all::add);
        });
        attachments.values().forEach(a -> {
            all.add(a.down());
            all.add(a.up());
        });
        return all;
    }

    // ---------------------------------------------------------------- commands

    /** The commands that build the network present at the start (helpers must already run). */
    public List<List<String>> setup() {
        List<List<String>> commands = new ArrayList<>();
        for (String namespace : namespaces()) {
            commands.add(List.of("ip", "netns", "add", namespace));
            commands.add(ip(namespace, "link", "set", "lo", "up"));
            commands.add(sysctl(namespace, "net.ipv4.conf.all.rp_filter=0"));
            commands.add(sysctl(namespace, "net.ipv4.conf.default.rp_filter=0"));
        }
        commands.add(sysctl(core, "net.ipv4.ip_forward=1"));
        for (ServerPlan server : servers.values()) {
            commands.add(ip(core, "addr", "add", server.address() + "/32", "dev", "lo"));
            server.in().ifPresent(q -> commands.add(queueRule("-A", "PREROUTING", List.of("-d", server.address()), q)));
            server.out().ifPresent(q -> commands.add(queueRule("-A", "OUTPUT", List.of("-s", server.address()), q)));
        }
        for (NatPlan nat : nats.values()) {
            commands.addAll(natSetup(nat, scenario.nats().get(nat.name())));
        }
        for (PeerSpec peer : scenario.peers().values()) {
            for (InterfaceSpec iface : peer.interfaces()) {
                commands.addAll(connect(attachment(peer.name(), iface.name())));
            }
        }
        return commands;
    }

    private List<List<String>> natSetup(NatPlan nat, NatSpec spec) {
        String ns = nat.namespace();
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("ip", "link", "add", "name", "wan", "netns", ns, "type", "veth", "peer", "name",
                nat.coreDevice(), "netns", core));
        commands.add(ip(ns, "addr", "add", nat.publicAddresses().get(0) + "/30", "dev", "wan"));
        for (String gateway : nat.gateways()) {
            commands.add(ip(core, "addr", "add", gateway + "/30", "dev", nat.coreDevice()));
        }
        commands.add(ip(ns, "link", "set", "wan", "up"));
        commands.add(ip(core, "link", "set", nat.coreDevice(), "up"));
        commands.add(ip(ns, "route", "add", "default", "via", nat.gateways().get(0), "dev", "wan"));
        commands.add(sysctl(ns, "net.ipv4.ip_forward=1"));
        long timeoutSeconds = Math.max(1, spec.behavior().udpMappingTimeoutNanos() / 1_000_000_000L);
        // conntrack's UDP timers are the NAT's mapping timeout (both the unreplied and the stream timer).
        commands.add(sysctl(ns, "net.netfilter.nf_conntrack_udp_timeout=" + timeoutSeconds));
        commands.add(sysctl(ns, "net.netfilter.nf_conntrack_udp_timeout_stream=" + timeoutSeconds));
        commands.add(sysctl(ns, "net.netfilter.nf_conntrack_tcp_timeout_established="
                + Math.max(1, spec.behavior().tcpEstablishedTimeoutNanos() / 1_000_000_000L)));
        for (String protocol : List.of("udp", "tcp")) {
            List<String> masquerade = new ArrayList<>(iptables(ns, "nat", "-A", "POSTROUTING", "-o", "wan", "-p", protocol,
                    "-j", "MASQUERADE", "--to-ports", spec.behavior().portRangeMin() + "-" + spec.behavior().portRangeMax()));
            if (spec.behavior().mapping() != MappingBehavior.ENDPOINT_INDEPENDENT) {
                // A fresh random port for every new 5-tuple: address-and-port-dependent mapping.
                masquerade.add("--random-fully");
            }
            commands.add(masquerade);
        }
        commands.add(iptables(ns, "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MASQUERADE"));
        // Unsolicited packets from outside are dropped silently, as a home router does (no ICMP back).
        commands.add(iptables(ns, "filter", "-A", "INPUT", "-i", "wan", "-m", "conntrack", "!", "--ctstate",
                "ESTABLISHED,RELATED", "-j", "DROP"));
        commands.add(iptables(ns, "filter", "-A", "FORWARD", "-i", "wan", "-m", "conntrack", "!", "--ctstate",
                "ESTABLISHED,RELATED", "-j", "DROP"));
        spec.firewall().ifPresent(policy -> {
            commands.add(iptables(ns, "filter", "-A", "FORWARD", "-o", "wan", "-m", "conntrack", "--ctstate",
                    "ESTABLISHED,RELATED", "-j", "ACCEPT"));
            for (FirewallRule rule : policy.allowedOutbound()) {
                commands.add(iptables(ns, "filter", "-A", "FORWARD", "-o", "wan", "-p",
                        rule.protocol().name().toLowerCase(Locale.ROOT), "--dport", rule.portMin() + ":" + rule.portMax(),
                        "-j", "ACCEPT"));
            }
            commands.add(iptables(ns, "filter", "-A", "FORWARD", "-o", "wan", "-j", "DROP"));
        });
        return commands;
    }

    /** The commands that bring an interface up: veth pair, addresses, routes, queue rules. */
    public List<List<String>> connect(Attachment a) {
        List<List<String>> commands = new ArrayList<>();
        String hostNs = a.hostEnd().namespace();
        String farNs = a.farEnd().namespace();
        commands.add(List.of("ip", "link", "add", "name", a.hostEnd().device(), "netns", hostNs, "type", "veth",
                "peer", "name", a.farEnd().device(), "netns", farNs));
        commands.add(ip(farNs, "addr", "add", a.gateway() + "/30", "dev", a.farEnd().device()));
        commands.add(ip(farNs, "link", "set", a.farEnd().device(), "up"));
        commands.add(ip(hostNs, "addr", "add", a.hostAddress() + "/30", "dev", a.hostEnd().device()));
        commands.add(ip(hostNs, "link", "set", a.hostEnd().device(), "up"));
        String table = Integer.toString(a.table());
        // The first interface's default route wins (lowest metric); each address also routes out of
        // its own interface, so a host candidate on a second interface really uses that interface.
        commands.add(ip(hostNs, "route", "add", "default", "via", a.gateway(), "dev", a.hostEnd().device(), "metric", table));
        commands.add(ip(hostNs, "route", "add", "default", "via", a.gateway(), "dev", a.hostEnd().device(), "table", table));
        commands.add(ip(hostNs, "rule", "add", "from", a.hostAddress(), "table", table));
        commands.add(queueRule("-A", "PREROUTING", List.of("-i", a.hostEnd().device()), a.down()));
        commands.add(queueRule("-A", "PREROUTING", List.of("-i", a.farEnd().device()), a.up()));
        return commands;
    }

    /** The rule that hands one direction's packets to its helper ({@code -A} adds it, {@code -D} removes it). */
    private static List<String> queueRule(String operation, String hook, List<String> match, DelayQueue queue) {
        List<String> rule = new ArrayList<>(iptables(queue.namespace(), "raw", operation, hook));
        rule.addAll(match);
        rule.addAll(List.of("-j", "NFQUEUE", "--queue-num", Integer.toString(queue.number())));
        return rule;
    }

    /**
     * The commands that remove an interface: the veth pair (its routes go with it), then its
     * routing rule and queue rules, so that the interface can be added again.
     */
    public List<List<String>> disconnect(Attachment a) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(ip(a.hostEnd().namespace(), "link", "del", a.hostEnd().device()));
        commands.add(ip(a.hostEnd().namespace(), "rule", "del", "from", a.hostAddress(), "table", Integer.toString(a.table())));
        commands.add(queueRule("-D", "PREROUTING", List.of("-i", a.hostEnd().device()), a.down()));
        commands.add(queueRule("-D", "PREROUTING", List.of("-i", a.farEnd().device()), a.up()));
        return commands;
    }

    /** A NAT reboot: every conntrack entry (every mapping) dropped; optionally its next public address. */
    public List<List<String>> natReboot(String name, int addressIndex) {
        NatPlan nat = nats.get(name);
        List<List<String>> commands = new ArrayList<>();
        if (addressIndex > 0) {
            String ns = nat.namespace();
            commands.add(ip(ns, "addr", "flush", "dev", "wan"));
            commands.add(ip(ns, "addr", "add", nat.publicAddresses().get(addressIndex) + "/30", "dev", "wan"));
            commands.add(ip(ns, "route", "replace", "default", "via", nat.gateways().get(addressIndex), "dev", "wan"));
        }
        commands.add(List.of("ip", "netns", "exec", nat.namespace(), "conntrack", "-F"));
        return commands;
    }

    /** Drops (or lets through again) the signaling server's TCP port in the core: an outage the peers see as the network does. */
    public List<String> signalingBlock(boolean block) {
        return iptables(core, "filter", block ? "-I" : "-D", "INPUT", "-p", "tcp", "-d", SIGNALING_ADDRESS, "--dport",
                Integer.toString(SIGNALING_PORT), "-j", "DROP");
    }

    static List<String> ip(String ns, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
        command.addAll(List.of(arguments));
        return command;
    }

    static List<String> iptables(String ns, String table, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "iptables", "-w", "-t", table));
        command.addAll(List.of(arguments));
        return command;
    }

    private static List<String> sysctl(String ns, String setting) {
        return List.of("ip", "netns", "exec", ns, "sysctl", "-qw", setting);
    }
}
