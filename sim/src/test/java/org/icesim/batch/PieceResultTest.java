package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.world.DistributedFleet;
import org.icesim.world.FleetPartFigures;
import org.icesim.world.RunOptions;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Spark task sends back for a piece, through its JSON form: read back, it is what was written. */
class PieceResultTest {

    private static final RunOptions OPTIONS = new RunOptions(false, Durations.seconds(5), null, false);

    @TempDir
    Path dir;

    @Test
    void aPartsFiguresAWholeRunsRecordAndAPartsErrorReadBackAsTheyWereWritten() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, SplitFleetScenario.YAML);
        RunSpec run = new BatchPlanner().plan("fleet", List.of(file), new PlanOptions(1, List.of(), 0, Shard.WHOLE, OPTIONS))
                .runs().get(0);
        FleetPartFigures figures = DistributedFleet.runPart(run.scenarioPoint().scenario(), run.seed(), OPTIONS, 1, 2);
        assertThat(figures.stats().recoveries()).isNotEmpty();
        assertThat(figures.stats().restartsPerInterval()).isNotEmpty();
        assertThat(figures.load()).isNotEmpty();

        PieceResult part = PieceResult.read(PieceResult.part(new int[] {0, 1, 2}, figures).write());
        assertThat(part.piece()).containsExactly(0, 1, 2);
        assertThat(part.part()).isEqualTo(figures);
        assertThat(part.record()).isNull();
        assertThat(part.error()).isNull();

        RunRecord record = RunRecord.execute(RunExecutors.simulation(), run, OPTIONS);
        PieceResult whole = PieceResult.read(PieceResult.whole(new int[] {0, 0, 1}, record).write());
        assertThat(RunRecordJson.read(whole.record())).isEqualTo(record);

        PieceResult failed = PieceResult.read(PieceResult.failedPart(new int[] {0, 0, 2},
                new IllegalStateException("broken")).write());
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException: broken");
        assertThat(failed.part()).isNull();
    }

    @Test
    void bytesThatAreNoPiecesResultAreAnIoErrorThatSaysWhatIsExpected() {
        assertThatThrownBy(() -> PieceResult.read("{\"piece\": [0, 1, 2]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("a piece's result has a piece of 3 numbers and exactly one of record, part and error");
        assertThatThrownBy(() -> PieceResult.read("{\"piece\": [0, 1, 2], \"part\": {\"used_turn\": true}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a fleet part's figures need stats, calls_over_time, at_end, counters, load and effort");
        assertThatThrownBy(() -> PieceResult.read("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }
}
