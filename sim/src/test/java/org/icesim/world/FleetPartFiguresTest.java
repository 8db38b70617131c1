package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** A fleet part's figures as plain values (for parts run in other JVMs): they give the part's output, and the parts join into the whole run. */
class FleetPartFiguresTest {

    private static final RunOptions OPTIONS = SuiteChecks.options(false, Durations.seconds(5));

    @TempDir
    Path dir;

    private ScenarioPoint point() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, SplitFleetScenario.YAML);
        return new ScenarioLoader().load(file).get(0);
    }

    /** The results of two outputs; their effort differs between a split and a whole run (each part runs the fleet's common events). */
    static void assertSameResults(RunOutput actual, RunOutput expected) {
        assertThat(actual.result().values()).isEqualTo(expected.result().values());
        assertThat(actual.load()).isEqualTo(expected.load());
        assertThat(actual.fleet()).isEqualTo(expected.fleet());
    }

    @Test
    void aPartsFiguresGiveItsOutputAndThePartsJoinIntoTheWholeRun() throws Exception {
        ScenarioPoint point = point();
        Scenario scenario = point.scenario();
        List<String> turnServers = FleetSplit.turnServers(scenario);
        RunOutput whole = new CallRunner().run(point, 7, OPTIONS);
        // Busy enough that every kind of figure is in the parts.
        assertThat(Long.parseLong(whole.result().text(Metric.RESTARTS))).isGreaterThan(5);
        assertThat(whole.fleet().recoveryNanos()).isNotEmpty();
        assertThat(whole.load()).anyMatch(sample -> sample.restarts() > 0);

        List<FleetPartFigures> parts = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            FleetTally part = new FleetWorld(scenario, 7, OPTIONS, new FleetPart(index, 3)).run();
            RunOutput fromFigures = FleetTally.of(part.figures()).output(turnServers);
            assertSameResults(fromFigures, part.output(turnServers));
            assertThat(fromFigures.effort()).isEqualTo(part.effort());
            parts.add(part.figures());
        }
        assertSameResults(DistributedFleet.join(scenario, parts), whole);
    }

    @Test
    void aPartThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> DistributedFleet.runPart(point().scenario(), 7, OPTIONS, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part 2 of 2 does not exist");
    }
}
