package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet part's tally as JSON (for parts run in other JVMs): read back, it gives the same output, and the parts join into the whole run. */
class FleetTallyJsonTest {

    private static final RunOptions OPTIONS = SuiteChecks.options(false, Durations.seconds(5));

    @TempDir
    Path dir;

    private ScenarioPoint point() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, SplitFleetScenario.YAML);
        return new ScenarioLoader().load(file).get(0);
    }

    private static void assertSameResults(RunOutput actual, RunOutput expected) {
        assertThat(actual.result().values()).isEqualTo(expected.result().values());
        assertThat(actual.load()).isEqualTo(expected.load());
        assertThat(actual.fleet()).isEqualTo(expected.fleet());
    }

    @Test
    void aPartsTallyReadBackGivesItsOutputAndThePartsJoinIntoTheWholeRun() throws Exception {
        ScenarioPoint point = point();
        Scenario scenario = point.scenario();
        List<String> turnServers = FleetSplit.turnServers(scenario);
        RunOutput whole = new CallRunner().run(point, 7, OPTIONS);
        // Busy enough that every kind of figure is in the tallies.
        assertThat(Long.parseLong(whole.result().text(Metric.RESTARTS))).isGreaterThan(5);
        assertThat(whole.fleet().recoveryNanos()).isNotEmpty();
        assertThat(whole.load()).anyMatch(sample -> sample.restarts() > 0);

        List<byte[]> tallies = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            FleetTally part = new FleetWorld(scenario, 7, OPTIONS, new FleetPart(index, 3)).run();
            byte[] json = FleetTallyJson.write(part);
            RunOutput readBack = FleetTallyJson.read(json).output(turnServers);
            assertSameResults(readBack, part.output(turnServers));
            assertThat(readBack.effort()).isEqualTo(part.effort());
            tallies.add(json);
        }
        assertSameResults(DistributedFleet.join(scenario, tallies), whole);
    }

    @Test
    void bytesThatAreNoTallyAreAnIoErrorThatSaysWhatIsMissing() {
        assertThatThrownBy(() -> FleetTallyJson.read("{\"used_turn\": true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("a stored fleet tally is a JSON object with stats, calls_over_time, at_end, counters, load and effort");
        assertThatThrownBy(() -> FleetTallyJson.read("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void aPartThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> DistributedFleet.runPart(point().scenario(), 7, OPTIONS, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part 2 of 2 does not exist");
    }
}
