package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet run honours the run options as a call does: invariant checks exactly when asked (the
 * test suite turns them on by default, so each test asks explicitly), the event log, the pcap;
 * and none of them changes a result.
 */
class FleetRunOptionsTest {

    /** The small fleet of {@link FleetWorldTest} with every kind of random fault, often. */
    private static final String STORMY_FLEET = FleetWorldTest.FLEET.replace("calls: 20", "calls: 6")
            .replace("link-flap: {per-call-per-hour: 90, duration: 3s}", """
                    link-flap: {per-call-per-hour: 600, duration: 2s}
                        nat-reboot: {per-call-per-hour: 600}
                        turn-crash: {per-hour: 600, down: 3s}""");

    @TempDir
    Path dir;

    private RunOutput run(RunOptions options) throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, STORMY_FLEET);
        ScenarioPoint point = new ScenarioLoader().load(file).get(0);
        return new CallRunner().run(point, 11, options);
    }

    @Test
    void aFleetChecksItsInvariantsExactlyWhenTheRunOptionsAskForChecks() throws Exception {
        RunOutput checked = run(new RunOptions(false, 0, null, true));
        RunOutput unchecked = run(new RunOptions(false, 0, null, false));
        assertThat(checked.effort().invariantChecks()).isPositive();
        assertThat(unchecked.effort().invariantChecks()).isZero();
        assertThat(checked.result().values()).isEqualTo(unchecked.result().values());
        assertThat(checked.effort().events()).isEqualTo(unchecked.effort().events());
    }

    @Test
    void aFleetKeepsItsEventLogWhenAskedWithEveryRandomFaultInIt() throws Exception {
        RunOutput logged = run(new RunOptions(true, 0, null, false));
        RunOutput quiet = run(new RunOptions(false, 0, null, false));
        assertThat(quiet.events()).isEmpty();
        List<String> faults = logged.events().stream().filter(e -> e.kind() == EventKind.FAULT)
                .map(e -> e.detail().text()).toList();
        assertThat(faults).anyMatch(d -> d.matches("link-down call/\\d+/[ab]/eth"));
        assertThat(faults).anyMatch(d -> d.matches("nat-reboot call/\\d+/[ab]/nat"));
        assertThat(faults).anyMatch(d -> d.matches("server-crash turn-[12]"));
        List<String> repairs = logged.events().stream().filter(e -> e.kind() == EventKind.REPAIR)
                .map(e -> e.detail().text()).toList();
        assertThat(repairs).anyMatch(d -> d.matches("link-up call/\\d+/[ab]/eth")).anyMatch(d -> d.matches("server-restart turn-[12]"));
        // The peers' own events are there too, named by call.
        assertThat(logged.events()).anyMatch(e -> e.kind() == EventKind.SELECTED_PAIR && e.node().startsWith("call/0/"));
        assertThat(logged.result().values()).isEqualTo(quiet.result().values());
    }

    @Test
    void aFleetWritesThePacketsCrossingTheCoreToThePcapFile() throws Exception {
        Path pcap = dir.resolve("fleet.pcap");
        RunOutput captured = run(new RunOptions(false, 0, pcap, false));
        RunOutput plain = run(new RunOptions(false, 0, null, false));
        // A 24-byte file header, then a 16-byte record header and the packet per packet.
        assertThat(Files.size(pcap)).isGreaterThan(24 + 100 * 16);
        assertThat(captured.result().values()).isEqualTo(plain.result().values());
    }
}
