package org.icesim.testkit;

import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Link;
import org.icesim.net.LinkParams;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Router;

/**
 * Hosts around one core router, each on its own ideal link (a fixed delay, nothing else), so that
 * every time in a test is an exact sum of link delays.
 */
public final class StarNetwork {

    /** The interface name every host of this network gets. */
    public static final String INTERFACE = "eth";

    private final Simulator sim;
    private final RandomStreams streams;
    private final Router internet = new Router("internet");

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

    /** A host at {@code ip} whose link to the router delays each packet by {@code delayNanos}. */
    public Host addHost(String name, String ip, long delayNanos) {
        Host host = new Host(sim, name, streams.stream("host/" + name));
        Link link = new Link(sim, name + "-link", LinkParams.ideal(delayNanos), streams.stream("link/" + name));
        NetworkInterface eth = host.addInterface(INTERFACE, Ipv4Address.parse(ip), link.fromA());
        link.connect(eth.receiver(), internet);
        internet.attach(eth.address(), link.fromB());
        return host;
    }
}
