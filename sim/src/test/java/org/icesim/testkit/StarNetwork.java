package org.icesim.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.nat.Firewall;
import org.icesim.nat.FirewallPolicy;
import org.icesim.nat.Nat;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Gateway;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Link;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Router;

/**
 * Hosts around one core router, each on its own ideal link (a fixed delay, nothing else), some of
 * them behind NATs or firewalls, so that every time in a test is an exact sum of link delays.
 */
public final class StarNetwork {

    /** The interface name every host of this network gets. */
    public static final String INTERFACE = "eth";

    private final Simulator sim;
    private final RandomStreams streams;
    private final Router internet = new Router("internet");
    private final Map<String, Link> links = new LinkedHashMap<>();

    public StarNetwork(Simulator sim, long seed) {
        this.sim = sim;
        this.streams = new RandomStreams(seed);
    }

    public Router internet() {
        return internet;
    }

    public RandomStreams streams() {
        return streams;
    }

    /** The access link of the host or NAT called {@code name}. */
    public Link link(String name) {
        Link link = links.get(name);
        if (link == null) {
            throw new IllegalArgumentException("no host or NAT named '" + name + "' (there are: " + links.keySet() + ")");
        }
        return link;
    }

    /** A host at {@code ip} whose link to the router delays each packet by {@code delayNanos}. */
    public Host addHost(String name, String ip, long delayNanos) {
        return addHost(name, ip, delayNanos, internet);
    }

    /** A NAT with public address {@code publicIp} whose link to the router delays each packet by {@code delayNanos}. */
    public Nat addNat(String name, NatBehavior behavior, String publicIp, long delayNanos) {
        Nat nat = new Nat(sim, name, behavior, List.of(Ipv4Address.parse(publicIp)), streams.stream("nat/" + name));
        Link link = new Link(sim, name + "-uplink", LinkParams.ideal(delayNanos), streams.stream("link/" + name));
        links.put(name, link);
        nat.connectOutside(link.fromA());
        link.connect(nat.outside(), internet);
        internet.attach(Ipv4Address.parse(publicIp), link.fromB());
        return nat;
    }

    /** A host at private address {@code ip} inside {@code nat}, on a link delaying each packet by {@code delayNanos}. */
    public Host addHostBehind(Nat nat, String name, String ip, long delayNanos) {
        return addHost(name, ip, delayNanos, nat.inside());
    }

    /**
     * A host at {@code ip} behind a firewall with {@code policy} (which translates nothing) on the
     * router; its link to the firewall delays each packet by {@code delayNanos}.
     */
    public Host addHostBehindFirewall(String name, String ip, FirewallPolicy policy, long delayNanos) {
        Firewall firewall = new Firewall(sim, name + "-firewall", policy);
        Host host = new Host(sim, name, streams.stream("host/" + name));
        Link link = new Link(sim, name + "-link", LinkParams.ideal(delayNanos), streams.stream("link/" + name));
        links.put(name, link);
        NetworkInterface eth = host.addInterface(INTERFACE, Ipv4Address.parse(ip), link.fromA());
        link.connect(eth.receiver(), firewall.inside());
        firewall.connectInside(link.fromB());
        firewall.connectOutside(internet);
        internet.attach(eth.address(), firewall.outside());
        return host;
    }

    /**
     * Gives {@code host} another interface {@code interfaceName} at {@code ip} below {@code gateway}
     * (the router, or a NAT's inside), on its own ideal link; the link is {@code link(host + "/" + interfaceName)}.
     */
    public NetworkInterface addInterface(Host host, String interfaceName, String ip, long delayNanos, Gateway gateway) {
        String key = host.name() + "/" + interfaceName;
        Link link = new Link(sim, key + "-link", LinkParams.ideal(delayNanos), streams.stream("link/" + key));
        links.put(key, link);
        NetworkInterface added = host.addInterface(interfaceName, Ipv4Address.parse(ip), link.fromA());
        link.connect(added.receiver(), gateway);
        gateway.attach(added.address(), link.fromB());
        return added;
    }

    private Host addHost(String name, String ip, long delayNanos, Gateway gateway) {
        Host host = new Host(sim, name, streams.stream("host/" + name));
        Link link = new Link(sim, name + "-link", LinkParams.ideal(delayNanos), streams.stream("link/" + name));
        links.put(name, link);
        NetworkInterface eth = host.addInterface(INTERFACE, Ipv4Address.parse(ip), link.fromA());
        link.connect(eth.receiver(), gateway);
        gateway.attach(eth.address(), link.fromB());
        return host;
    }
}
