package org.icesim.net.tcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.icesim.kernel.Simulator;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Packet;
import org.icesim.net.PacketReceiver;

/**
 * A wire between TCP stacks for tests: every packet takes the same one-way delay, chosen packets
 * or all of them (a cut) are dropped, and every transmission is logged with its time.
 */
final class TestChannel implements PacketReceiver {

    record Transmission(long at, Packet packet, boolean dropped) {
        TcpSegment segment() {
            return (TcpSegment) packet.payload();
        }

        @Override
        public String toString() {
            return at + " " + packet.source() + " -> " + packet.destination() + " " + segment() + (dropped ? " DROPPED" : "");
        }
    }

    private static final class DropRule {
        final Predicate<Packet> which;
        int remaining;

        DropRule(Predicate<Packet> which, int remaining) {
            this.which = which;
            this.remaining = remaining;
        }
    }

    private final Simulator simulator;
    private final long oneWayDelay;
    private final Map<Ipv4Address, TcpStack> stacks = new LinkedHashMap<>();
    private final List<DropRule> rules = new ArrayList<>();
    private final List<Transmission> log = new ArrayList<>();
    private boolean cut;

    TestChannel(Simulator simulator, long oneWayDelay) {
        this.simulator = simulator;
        this.oneWayDelay = oneWayDelay;
    }

    void attach(Ipv4Address address, TcpStack stack) {
        stacks.put(address, stack);
    }

    /** Drops every packet from now on (true) or none any more (false). */
    void cut(boolean down) {
        cut = down;
    }

    /** Drops the next {@code count} packets that match. */
    void drop(int count, Predicate<Packet> which) {
        rules.add(new DropRule(which, count));
    }

    /** Drops every packet that matches, from now on. */
    void dropAll(Predicate<Packet> which) {
        rules.add(new DropRule(which, Integer.MAX_VALUE));
    }

    List<Transmission> log() {
        return log;
    }

    @Override
    public void receive(Packet packet) {
        boolean dropped = cut || matchesRule(packet);
        log.add(new Transmission(simulator.now(), packet, dropped));
        if (!dropped) {
            TcpStack destination = stacks.get(packet.destination().ip());
            simulator.schedule(oneWayDelay, () -> destination.receive(packet));
        }
    }

    private boolean matchesRule(Packet packet) {
        for (DropRule rule : rules) {
            if (rule.remaining > 0 && rule.which.test(packet)) {
                rule.remaining--;
                return true;
            }
        }
        return false;
    }
}
