package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icesim.batch.Completion;
import org.icesim.batch.GroupFilter;
import org.icesim.batch.ResultSet;
import org.icesim.batch.RunRow;
import org.icesim.metrics.Metric;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fidelity case on real Chromium, end to end: needs root and the Debian packages, so it runs
 * only in the {@code testbed} profile ({@code mvn -B -Ptestbed verify}); CI runs it as root.
 */
@Tag("testbed")
class TestbedEndToEndTest {

    @Test
    void aTwoSecondCutOnChromiumGivesAnOkRowWithTheCutAsTheLongestGap(@TempDir Path out) throws Exception {
        Path scenario = Path.of("..", "scenarios", "fidelity", "cut-2s-never.yaml");
        StringWriter log = new StringWriter();
        Completion completion = new Testbed(Stack.CHROMIUM, 1, Testbed.defaultCache(), new PrintWriter(log, true), false)
                .run("e2e", List.of(scenario), List.of(GroupFilter.parse("links.access.delay=20ms")), Map.of(),
                        out.resolve("results"), "test",
                        List.of("icesim", "testbed"));

        assertThat(completion.failed()).as(log.toString()).isZero();
        List<RunRow> rows = ResultSet.read(out.resolve("results")).rows();
        RunRow row = rows.get(0);
        // The filter ran the sweep's second point only, and the row keeps its number and swept value:
        // that is what lets `icesim fidelity` pair it with the simulated point.
        assertThat(rows).hasSize(1);
        assertThat(row.point()).isEqualTo(1);
        assertThat(row.parameters()).containsEntry("links.access.delay", "20ms");
        // The link was down 2 s both ways: no audio for about 2 s, then audio again on the same pair
        // (nothing restarts in this case). On a loaded machine the measured gap has come out between
        // 1.4 s and 2.1 s, so the bounds say only that the cut was seen and healed.
        double gap = row.metrics().get(Metric.MEDIA_GAP_MS).number();
        assertThat(gap).isBetween(1000.0, 4000.0);
        assertThat(row.metrics()).containsKey(Metric.RECOVERY_MS);
        assertThat(row.metrics().get(Metric.SELECTED_PAIR_BEFORE).text()).isEqualTo("srflx/srflx");
        String events = Files.readString(out.resolve("results").resolve("events.csv"));
        assertThat(events).contains(",world,fault,link-down alice/wifi", ",world,repair,link-up alice/wifi",
                ",alice,selected-pair,0 srflx/srflx", ",bob,ice-connection-state,connected");
        assertThat(Files.readString(out.resolve("results").resolve("manifest.json"))).contains("\"stack\" : \"chromium\"");
    }
}
