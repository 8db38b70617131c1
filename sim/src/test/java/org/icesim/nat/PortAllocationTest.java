package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.nat.NatHarness.addr;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.DropReason;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** External port choice (RFC 4787 §4.2): preserving, sequential, random, and an exhausted pool. */
class PortAllocationTest {

    private static NatBehavior symmetric(PortAllocation allocation) {
        return NatBehavior.SYMMETRIC.withPortAllocation(allocation);
    }

    @Test
    void preservingKeepsTheInternalPort() {
        NatHarness h = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE);

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:5000"));
        assertThat(h.out("10.0.0.1:40000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:40000"));
    }

    @Test
    void preservingFallsBackToSequentialWhenTheInternalPortIsTaken() {
        NatHarness h = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE);

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:5000"));
        assertThat(h.out("10.0.0.2:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(h.out("10.0.0.3:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(h.out("10.0.0.3:6000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:6000"));
    }

    @Test
    void preservingFallsBackToSequentialWhenTheInternalPortIsOutsideTheRange() {
        NatHarness h = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE.withPortRange(20000, 20010));

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:20000"));
        assertThat(h.out("10.0.0.1:20005", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:20005"));
    }

    @Test
    void sequentialHandsOutConsecutivePortsFromTheBottomOfTheRange() {
        NatHarness h = new NatHarness(symmetric(PortAllocation.SEQUENTIAL));

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1024"));
        assertThat(h.out("10.0.0.1:5000", "192.0.2.2:3478")).isEqualTo(addr("203.0.113.1:1025"));
        assertThat(h.out("10.0.0.2:7000", "192.0.2.1:3478")).isEqualTo(addr("203.0.113.1:1026"));
    }

    @Test
    void sequentialWrapsAroundAndSkipsPortsStillInUse() {
        NatHarness h = new NatHarness(symmetric(PortAllocation.SEQUENTIAL).withPortRange(40000, 40002));
        h.out("10.0.0.1:5000", "192.0.2.1:1");
        h.out("10.0.0.1:5000", "192.0.2.1:2");
        h.out("10.0.0.1:5000", "192.0.2.1:3");
        h.at(seconds(60));
        h.out("10.0.0.1:5000", "192.0.2.1:2"); // keeps 40001 alive

        h.at(seconds(120)); // 40000 and 40002 have now been idle for 120 s: gone
        TransportAddress fourth = h.out("10.0.0.1:5000", "192.0.2.1:4");
        TransportAddress fifth = h.out("10.0.0.1:5000", "192.0.2.1:5");

        assertThat(fourth).isEqualTo(addr("203.0.113.1:40000"));
        assertThat(fifth).isEqualTo(addr("203.0.113.1:40002"));
    }

    @Test
    void exhaustedPoolDropsNewMappingsUntilAPortExpires() {
        NatHarness h = new NatHarness(symmetric(PortAllocation.SEQUENTIAL).withPortRange(40000, 40001));
        h.out("10.0.0.1:5000", "192.0.2.1:1");
        h.out("10.0.0.1:5000", "192.0.2.1:2");

        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3")).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_PORTS_EXHAUSTED)).isEqualTo(1);
        // Existing mappings still work.
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:2")).isEqualTo(addr("203.0.113.1:40001"));

        h.at(seconds(120));
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:3")).isEqualTo(addr("203.0.113.1:40000"));
    }

    @Test
    void randomPortsAreInRangeDistinctAndReproducibleFromTheSeed() {
        List<Integer> first = randomPorts(42);
        List<Integer> again = randomPorts(42);
        List<Integer> otherSeed = randomPorts(43);

        assertThat(first).hasSize(20).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1024, 65535));
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).isNotEqualTo(java.util.stream.IntStream.range(1024, 1044).boxed().toList());
    }

    @Test
    void randomAllocationFindsTheLastFreePort() {
        NatHarness h = new NatHarness(symmetric(PortAllocation.RANDOM).withPortRange(50000, 50003), List.of(NatHarness.PUBLIC), 7);
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ports.add(h.out("10.0.0.1:5000", "192.0.2.1:" + i).port());
        }

        assertThat(ports).containsExactlyInAnyOrder(50000, 50001, 50002, 50003);
        assertThat(h.out("10.0.0.1:5000", "192.0.2.1:5")).isNull();
    }

    private static List<Integer> randomPorts(long seed) {
        NatHarness h = new NatHarness(symmetric(PortAllocation.RANDOM), List.of(NatHarness.PUBLIC), seed);
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ports.add(h.out("10.0.0.1:5000", "192.0.2.1:" + i).port());
        }
        return ports;
    }
}
