package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;

import org.icesim.kernel.InvariantViolation;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** Packet conservation: sent = delivered + dropped by a named reason + in flight, per link and node. */
class PacketConservationTest {

    private final Simulator sim = SuiteChecks.simulator();

    private Link link(String name) {
        Link link = new Link(sim, name, LinkParams.ideal(millis(10)), new RandomStreams(1).stream("link/" + name));
        link.connect(packet -> { }, packet -> { });
        return link;
    }

    @Test
    void aLinkGoingDownWithPacketsInFlightConservesThemAndCountsTheChecks() {
        Link link = link("alice.wifi");
        for (int i = 0; i < 3; i++) {
            int seq = i;
            sim.scheduleAt(millis(i), () -> link.fromA().receive(Numbered.udp(seq, 100)));
        }
        sim.scheduleAt(millis(11), () -> link.setUp(false));
        sim.run();
        // One delivered at 10 ms; two were in flight at 11 ms and were dropped as link-down when due.
        assertThat(link.fromA().counters().packetsDelivered()).isEqualTo(1);
        assertThat(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)).isEqualTo(2);
        // The state change checked both directions and the total.
        assertThat(sim.invariants().count(TrafficCounters.CONSERVATION_INVARIANT)).isEqualTo(3);
        link.checkConservation();
        assertThat(sim.invariants().count(TrafficCounters.CONSERVATION_INVARIANT)).isEqualTo(6);
    }

    @Test
    void aLinkThatLosesAPacketWithoutCountingItIsCaughtAtItsNextStateChange() {
        Link link = link("alice.wifi");
        sim.scheduleAt(millis(1), () -> link.fromA().receive(Numbered.udp(0, 100)));
        // A faulty direction: a packet counted as sent that was neither delivered, dropped nor in flight.
        sim.scheduleAt(millis(2), () -> link.fromA().counters().sent(100));
        sim.scheduleAt(millis(12_345), () -> link.setUp(false));
        assertThatThrownBy(sim::run)
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("packet conservation violated on link alice.wifi A->B at 12.345 s: "
                        + "sent 2 \u2260 delivered 1 + dropped 0 + in flight 0");
    }

    @Test
    void theMessageBreaksDropsDownByReason() {
        TrafficCounters counters = new TrafficCounters();
        for (int i = 0; i < 10; i++) {
            counters.sent(100);
        }
        counters.delivered(100);
        counters.dropped(100, DropReason.LOSS);
        counters.dropped(100, DropReason.LOSS);
        counters.dropped(100, DropReason.QUEUE_FULL);
        assertThatThrownBy(() -> counters.requireConserved(sim.invariants(), "link x", 5))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageEndingWith("sent 10 \u2260 delivered 1 + dropped 3 (loss 2, queue_full 1) + in flight 5");
        counters.requireConserved(sim.invariants(), "link x", 6);
    }

    @Test
    void aRouterAndAHostConserveWhatTheyAreHanded() {
        Router router = new Router("internet");
        Host host = new Host(sim, "alice", new RandomStreams(1).stream("host/alice"));
        router.receive(Numbered.udp(0, 100)); // nobody attached: no route
        router.counters().requireConserved(sim.invariants(), router, 0);
        host.checkConservation();
        assertThat(router.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(sim.invariants().count(TrafficCounters.CONSERVATION_INVARIANT)).isEqualTo(3);
        host.inbound().delivered(100); // a delivery of a packet that never came in
        assertThatThrownBy(host::checkConservation)
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("packet conservation violated on host alice inbound at 0 s: sent 0 \u2260 delivered 1");
    }

    @Test
    void checksOffCostNothingAndFindNothing() {
        Simulator unchecked = new Simulator(false);
        Link link = new Link(unchecked, "x", LinkParams.ideal(0), new RandomStreams(1).stream("x"));
        link.fromA().counters().sent(100);
        link.setUp(false);
        link.checkConservation();
        assertThat(unchecked.invariants().total()).isZero();
    }
}
