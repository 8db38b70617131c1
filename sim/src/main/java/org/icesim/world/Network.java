package org.icesim.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.nat.Firewall;
import org.icesim.nat.Nat;
import org.icesim.net.Gateway;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Link;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.PacketReceiver;
import org.icesim.net.Router;
import org.icesim.scenario.NatSpec;

/**
 * The network of one run: the core router, the NATs (chains included, firewalls in front), and
 * the access links of hosts, built from a scenario's definitions. It attaches and detaches
 * interfaces as the timeline adds and removes them, and keeps the routes toward a NAT right
 * when it reboots with new addresses.
 */
public final class Network {
    private final Simulator sim;
    private final RandomStreams streams;
    private final Map<String, LinkParams> linkTemplates;
    private final Router internet = new Router("internet");
    private final AddressPlan addresses = new AddressPlan();
    private final Map<String, Nat> nats = new LinkedHashMap<>();
    /** The definition each NAT was built from, for the addresses it gets when it reboots. */
    private final Map<String, NatSpec> natSpecs = new LinkedHashMap<>();
    private final Map<String, Link> accessLinks = new LinkedHashMap<>();
    private final Map<String, Gateway> interfaceGateways = new LinkedHashMap<>();
    /** Every link ever made, including those of interfaces since removed. */
    private final List<Link> links = new ArrayList<>();

    Network(Simulator sim, RandomStreams streams, Map<String, LinkParams> linkTemplates, Map<String, NatSpec> natSpecs) {
        this.sim = sim;
        this.streams = streams;
        this.linkTemplates = linkTemplates;
        for (NatSpec spec : natSpecs.values()) {
            buildNat(spec, natSpecs);
        }
    }

    public Router internet() {
        return internet;
    }

    public Nat nat(String name) {
        return nats.get(name);
    }

    /** The access link of a host's interface, by "host/interface". */
    public Link accessLink(String host, String iface) {
        Link link = accessLinks.get(host + "/" + iface);
        if (link == null) {
            throw new IllegalArgumentException("no access link " + host + "/" + iface);
        }
        return link;
    }

    /**
     * Checks packet conservation on every access link, every NAT and the core router (invariant
     * checks on only); a link replaced in a handover was checked when it went down.
     */
    public void checkConservation() {
        accessLinks.values().forEach(Link::checkConservation);
        nats.values().forEach(Nat::checkConservation);
        internet.counters().requireConserved(sim.invariants(), internet, 0);
    }

    /** Packets handed to any link so far: one per packet per link it entered. */
    public long packetHops() {
        long hops = 0;
        for (Link link : links) {
            hops += link.counters().packetsSent();
        }
        return hops;
    }

    private Nat buildNat(NatSpec spec, Map<String, NatSpec> all) {
        Nat existing = nats.get(spec.name());
        if (existing != null) {
            return existing;
        }
        Gateway upstream = spec.behind().map(b -> nats.containsKey(b) ? nats.get(b) : buildNat(all.get(b), all))
                .map(n -> (Gateway) n.inside()).orElse(internet);
        List<Ipv4Address> publicAddresses = new ArrayList<>();
        for (int i = 0; i < spec.publicAddresses(); i++) {
            publicAddresses.add(spec.behind().isPresent() ? addresses.nextShared() : addresses.nextPublic());
        }
        Nat nat = new Nat(sim, spec.name(), spec.behavior(), publicAddresses, streams.stream("nat/" + spec.name()));
        PacketReceiver towardNat;
        if (spec.firewall().isPresent()) {
            Firewall firewall = new Firewall(sim, spec.name() + "/firewall", spec.firewall().get());
            nat.connectOutside(firewall.inside());
            firewall.connectInside(nat.outside());
            firewall.connectOutside(upstream);
            towardNat = firewall.outside();
        } else {
            nat.connectOutside(upstream);
            towardNat = nat.outside();
        }
        for (Ipv4Address address : publicAddresses) {
            upstream.attach(address, towardNat);
        }
        nat.addAddressListener((n, previous, current) -> {
            previous.forEach(upstream::detach);
            current.forEach(a -> upstream.attach(a, towardNat));
        });
        nats.put(spec.name(), nat);
        natSpecs.put(spec.name(), spec);
        return nat;
    }

    /**
     * Adds a NAT after the network was built (a fleet's call gets its own NAT made from a
     * template); a NAT it sits behind must exist already.
     */
    Nat addNat(NatSpec spec) {
        return buildNat(spec, Map.of());
    }

    /** New public addresses for NAT {@code name} that reboots with a new address (from its upstream's range). */
    List<Ipv4Address> freshAddressesFor(String name) {
        NatSpec spec = natSpecs.get(name);
        List<Ipv4Address> fresh = new ArrayList<>();
        for (int i = 0; i < spec.publicAddresses(); i++) {
            fresh.add(spec.behind().isPresent() ? addresses.nextShared() : addresses.nextPublic());
        }
        return fresh;
    }

    /**
     * Passes over the addresses a world elsewhere hands out at this point: a part of a split
     * fleet takes, for each call another part runs, the addresses that call takes in the whole
     * fleet, so every address of its own calls is the one the whole fleet gives them.
     */
    void skipAddresses(int publicAddresses, int privateAddresses) {
        for (int i = 0; i < publicAddresses; i++) {
            addresses.nextPublic();
        }
        for (int i = 0; i < privateAddresses; i++) {
            addresses.nextPrivate();
        }
    }

    /**
     * Gives {@code host} an interface on a new access link made from template {@code linkName},
     * behind NAT {@code behind} (or on the internet when null).
     */
    public NetworkInterface connect(Host host, String iface, String linkName, String behind) {
        LinkParams params = linkTemplates.get(linkName);
        if (params == null) {
            throw new IllegalArgumentException("no link template '" + linkName + "'");
        }
        return connect(host, iface, params, behind);
    }

    /** As {@link #connect(Host, String, String, String)} with explicit link properties. */
    public NetworkInterface connect(Host host, String iface, LinkParams params, String behind) {
        String key = host.name() + "/" + iface;
        Link link = new Link(sim, key, params, streams.stream("link/" + key));
        Gateway gateway = behind == null ? internet : nats.get(behind).inside();
        Ipv4Address address = behind == null ? addresses.nextPublic() : addresses.nextPrivate();
        NetworkInterface nic = host.addInterface(iface, address, link.fromA());
        link.connect(nic.receiver(), gateway);
        gateway.attach(address, link.fromB());
        accessLinks.put(key, link);
        links.add(link);
        interfaceGateways.put(key, gateway);
        return nic;
    }

    /** Removes a host's interface: its sockets close and its address is no longer routed. */
    public void disconnect(Host host, String iface) {
        String key = host.name() + "/" + iface;
        NetworkInterface nic = host.findInterface(iface)
                .orElseThrow(() -> new IllegalArgumentException("host " + host.name() + " has no interface " + iface));
        host.removeInterface(iface);
        interfaceGateways.remove(key).detach(nic.address());
        accessLinks.get(key).setUp(false);
    }
}
