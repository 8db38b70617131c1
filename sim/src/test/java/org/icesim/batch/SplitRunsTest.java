package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.world.DistributedFleet;
import org.icesim.world.FleetPartFigures;
import org.icesim.world.RunOptions;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's side of fleets split into Spark tasks: a run is recorded once all its parts are in, the first copy of each. */
class SplitRunsTest {

    private static final RunOptions OPTIONS = new RunOptions(false, Durations.seconds(5), null, false);

    @TempDir
    Path dir;

    private RunSpec run;

    @BeforeEach
    void plan() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, SplitFleetScenario.YAML);
        run = new BatchPlanner().plan("fleet", List.of(file), new PlanOptions(1, List.of(), 0, Shard.WHOLE, OPTIONS))
                .runs().get(0);
    }

    private FleetPartFigures part(int index, int count) {
        return DistributedFleet.runPart(run.scenarioPoint().scenario(), run.seed(), OPTIONS, index, count);
    }

    @Test
    void aRunIsRecordedWhenItsLastPartArrivesWithTheRecordOfTheWholeRunAndLateCopiesAreDropped() throws Exception {
        SplitRuns split = new SplitRuns(OPTIONS);
        FleetPartFigures first = part(0, 2);
        FleetPartFigures second = part(1, 2);

        assertThat(split.arrived(run, 1, 2, second, null)).isEmpty();
        // A retried task's copy of a part that is in already: dropped, whatever it holds.
        assertThat(split.arrived(run, 1, 2, first, null)).isEmpty();
        RunRecord joined = split.arrived(run, 0, 2, first, null).orElseThrow();

        assertThat(joined).isEqualTo(RunRecord.execute(RunExecutors.simulation(), run, OPTIONS));
        assertThat(joined.load()).isNotEmpty();
        assertThat(split.arrived(run, 0, 2, second, null)).isEmpty();
    }

    @Test
    void aRunWithAPartMissingIsNotRecorded() throws Exception {
        SplitRuns split = new SplitRuns(OPTIONS);
        assertThat(split.arrived(run, 0, 3, part(0, 3), null)).isEmpty();
        assertThat(split.arrived(run, 2, 3, part(2, 3), null)).isEmpty();
    }

    @Test
    void aFailedPartFailsTheRunWithTheErrorOfTheLowestFailedPartAsOnThreads() throws Exception {
        SplitRuns split = new SplitRuns(OPTIONS);
        assertThat(split.arrived(run, 2, 3, null, "java.lang.IllegalStateException: part 2")).isEmpty();
        assertThat(split.arrived(run, 0, 3, part(0, 3), null)).isEmpty();
        RunRecord failed = split.arrived(run, 1, 3, null, "java.lang.IllegalStateException: part 1").orElseThrow();

        assertThat(failed.failed()).isTrue();
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException: part 1");
        assertThat(failed.metrics()).isEmpty();
    }
}
