package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.nat.Nat;
import org.icesim.net.Ipv4Address;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet split by TURN server over threads: which fleets split (FleetSplit's conditions, each
 * reason named), and that the parts add up to exactly the whole fleet's output.
 */
class FleetSplitTest {

    @TempDir
    Path dir;

    private static final String FLEET = SplitFleetScenario.YAML;

    private Scenario scenario(String yaml) throws Exception {
        return point(yaml).scenario();
    }

    private ScenarioPoint point(String yaml) throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        return new ScenarioLoader().load(file).get(0);
    }

    private static RunOptions threads(int n) {
        return SuiteChecks.options(false, Durations.seconds(5)).withFleetThreads(n);
    }

    @Test
    void aFleetWithStaticAssignmentSplitsIntoAsManyPartsAsThreadsUpToItsTurnServers() throws Exception {
        Scenario fleet = scenario(FLEET);
        assertThat(FleetSplit.whyNot(fleet, threads(2))).isEmpty();
        assertThat(FleetSplit.parts(fleet, threads(1), 1)).isEqualTo(1);
        assertThat(FleetSplit.parts(fleet, threads(3), 3)).isEqualTo(3);
        assertThat(FleetSplit.parts(fleet, threads(16), 16)).isEqualTo(4);
        assertThat(FleetSplit.whyNot(scenario(FLEET.replace("round-robin", "hash")), threads(2))).isEmpty();
        // A TURN server's link is its calls' alone: its draws stay within one part.
        assertThat(FleetSplit.whyNot(scenario(FLEET.replace("turn-2: {type: turn, link: dc}",
                "turn-2: {type: turn, link: lan}").replace("lan: {delay: 10ms}", "lan: {delay: 10ms, jitter: 2ms, loss: 1%}")),
                threads(2))).isEmpty();
    }

    @Test
    void eachReasonAFleetCannotBeSplitExactlyIsNamed() throws Exception {
        assertThat(FleetSplit.whyNot(scenario(FLEET.replace("round-robin", "least-loaded")), threads(2)))
                .hasValueSatisfying(why -> assertThat(why).startsWith("fleet.turn-assignment least-loaded"));
        String oneTurn = FLEET.replace("  turn-2: {type: turn, link: dc}\n", "").replace("  turn-3: {type: turn, link: dc}\n", "")
                .replace("  turn-4: {type: turn, link: dc}\n", "");
        assertThat(FleetSplit.whyNot(scenario(oneTurn), threads(2)))
                .hasValue("calls are split by TURN server and the fleet has 1");
        assertThat(FleetSplit.whyNot(scenario(FLEET.replace("dc: {delay: 2ms}", "dc: {delay: 2ms, jitter: 1ms}")), threads(2)))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("server sig, which every call uses, is on link 'dc' with jitter that all calls share")
                        .contains("server stun, which every call uses"));
        assertThat(FleetSplit.whyNot(scenario(FLEET.replace("dc: {delay: 2ms}", "dc: {delay: 2ms, loss: 1%, bandwidth: 1Gbps}")),
                threads(2))).hasValueSatisfying(why -> assertThat(why).contains("with loss and a bandwidth limit (a queue)"));
        String carrier = FLEET.replace("sym: {preset: symmetric}}", "sym: {preset: symmetric, behind: cgn}, cgn: {preset: symmetric}}");
        assertThat(FleetSplit.whyNot(scenario(carrier), threads(2)))
                .hasValue("NAT 'sym' sits behind 'cgn', which every call with that NAT shares");
        assertThat(FleetSplit.whyNot(scenario(FLEET), SuiteChecks.options(true, 0).withFleetThreads(2)))
                .hasValue("--events lists the events of all calls in the one order they ran in");
        assertThat(FleetSplit.whyNot(scenario(FLEET), SuiteChecks.options(false, 0, dir.resolve("x.pcap")).withFleetThreads(2)))
                .hasValue("--pcap captures the packets of all calls in the one order they ran in");
        assertThat(FleetSplit.parts(scenario(FLEET.replace("round-robin", "least-loaded")), threads(2), 2)).isEqualTo(1);
    }

    @Test
    void aPartRunsOnlyTheCallsOfItsTurnServers() throws Exception {
        Scenario fleet = scenario(FLEET);
        // Round robin over 4 servers in 3 parts: part 0 has turn-1 and turn-4 (calls 0, 3, 4, 7, …).
        FleetTally first = new FleetWorld(fleet, 5, threads(3), new FleetPart(0, 3)).run();
        FleetTally second = new FleetWorld(fleet, 5, threads(3), new FleetPart(1, 3)).run();
        assertThat(first.atEnd().started()).isEqualTo(12);
        assertThat(second.atEnd().started()).isEqualTo(6);
        assertThat(first.load()).extracting(s -> s.server()).containsOnly("turn-1", "turn-4");
        assertThat(second.load()).extracting(s -> s.server()).containsOnly("turn-2");
    }

    @Test
    void aPartsCallsHaveTheAddressesTheWholeFleetGivesThem() throws Exception {
        Scenario fleet = scenario(FLEET);
        FleetWorld whole = new FleetWorld(fleet, 5, threads(1), FleetPart.WHOLE);
        whole.run();
        FleetWorld part = new FleetWorld(fleet, 5, threads(2), new FleetPart(1, 2));
        part.run();
        assertThat(part.peers).hasSize(24);
        // Calls of the other part took addresses before these calls started and between their NATs' reboots.
        for (String name : part.peers.keySet()) {
            assertThat(addresses(part, name)).as(name).isEqualTo(addresses(whole, name));
        }
    }

    /** A peer's host addresses and, behind a NAT of its own, the NAT's public addresses at the end. */
    private static List<Ipv4Address> addresses(FleetWorld world, String peer) {
        List<Ipv4Address> addresses = new ArrayList<>();
        world.peers.get(peer).host().interfaces().forEach(nic -> addresses.add(nic.address()));
        Nat nat = world.network.nat(peer + "/nat");
        if (nat != null) {
            addresses.addAll(nat.publicAddresses());
        }
        return addresses;
    }

    @Test
    void theSplitRunsOutputIsTheWholeRunsExactly() throws Exception {
        for (String yaml : new String[] {FLEET, FLEET.replace("round-robin", "hash")}) {
            ScenarioPoint point = point(yaml);
            RunOutput whole = new CallRunner().run(point, 11, threads(1));
            // The fleet is busy enough for the comparison to mean something.
            assertThat(Long.parseLong(whole.result().text(Metric.CALLS_RELAYED_AT_END))).isPositive();
            assertThat(Long.parseLong(whole.result().text(Metric.RESTARTS))).isGreaterThan(5);
            assertThat(Long.parseLong(whole.result().text(Metric.FAULTS))).isGreaterThan(20);
            for (int threads = 2; threads <= 4; threads++) {
                RunOutput split = new CallRunner().run(point, 11, threads(threads));
                for (Metric metric : Metric.values()) {
                    assertThat(split.result().text(metric)).as(metric.column() + " in " + threads + " parts")
                            .isEqualTo(whole.result().text(metric));
                }
                assertThat(split.load()).isEqualTo(whole.load());
                assertThat(split.fleet()).isEqualTo(whole.fleet());
                // Every part runs the fleet's events that are not a call's (start, crashes, passing over others' calls).
                assertThat(split.effort().events()).isGreaterThan(whole.effort().events());
            }
        }
    }
}
