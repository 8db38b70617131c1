package org.icesim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.icesim.stats.Distribution;
import org.junit.jupiter.api.Test;

/** The series the charts plot equal the statistics of org.icesim.stats. */
class ChartDataTest {

    private static final double[] SAMPLE = {40, 10, 30, 20, 20, 100};

    @Test
    void cdfStepsByOneOverNAndMergesTies() {
        Cdf cdf = Cdf.of(SAMPLE);
        assertThat(cdf.count()).isEqualTo(6);
        assertThat(cdf.values()).containsExactly(10, 20, 30, 40, 100);
        assertThat(cdf.probabilities()).containsExactly(1 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1.0);
    }

    @Test
    void cdfReachesOneHalfAtTheMedianOfAnOddSample() {
        double[] odd = {7, 3, 5, 9, 1};
        Cdf cdf = Cdf.of(odd);
        double median = Distribution.of(odd).median();
        int at = java.util.Arrays.binarySearch(cdf.values(), median);
        assertThat(cdf.probabilities()[at]).isEqualTo(3 / 5.0);
        assertThat(cdf.probabilities()[at - 1]).isLessThan(0.5);
    }

    @Test
    void boxUsesTheDistributionsMedianMeanAndExtremesAndType7Quartiles() {
        BoxStats box = BoxStats.of(SAMPLE);
        Distribution d = Distribution.of(SAMPLE);
        assertThat(box.median()).isEqualTo(d.median());
        assertThat(box.mean()).isEqualTo(d.mean());
        assertThat(box.min()).isEqualTo(d.min());
        assertThat(box.max()).isEqualTo(d.max());
        // sorted 10 20 20 30 40 100: type 7 quartiles at ranks 1 + 5/4 and 1 + 15/4 (numpy and pandas agree)
        assertThat(box.q1()).isEqualTo(20.0);
        assertThat(box.q3()).isEqualTo(37.5);
        assertThat(box.count()).isEqualTo(6);
    }

    @Test
    void emptySamplesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> BoxStats.of(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample");
        assertThatThrownBy(() -> Cdf.of(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample");
    }

    private static LoadRow server(String run, double t, String server, int live, double mbps) {
        return new LoadRow(run, t, 1000, false, server, live, 0, 0, 0, mbps, 0, OptionalLong.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    private static LoadRow total(String run, double t, int live, double mbps) {
        return new LoadRow(run, t, 1000, true, "", live, 0, 0, 0, mbps, 0, OptionalLong.of(0), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    void loadBandsTakeTotalsFromTheFleetRowsOnlyThenMeanMinAndMaxOverSeeds() {
        // Each run's fleet row is the sum of its server rows: adding both would double the load.
        List<LoadRow> rows = List.of(
                server("g/p0/s0", 1000, "turn", 2, 1.0), server("g/p0/s0", 1000, "turn-b", 1, 1.0),
                total("g/p0/s0", 1000, 3, 2.0),
                server("g/p0/s0", 2000, "turn", 1, 0), total("g/p0/s0", 2000, 1, 0),
                server("g/p0/s1", 1000, "turn", 1, 0), total("g/p0/s1", 1000, 1, 0),
                server("g/p0/s1", 2000, "turn", 4, 4.0), total("g/p0/s1", 2000, 4, 4.0));
        assertThat(LoadBands.liveAllocations(rows)).containsExactly(
                new BandPoint(1000, 2.0, 1, 3), new BandPoint(2000, 2.5, 1, 4));
        List<BandPoint> mbps = LoadBands.relayedMbps(rows);
        assertThat(mbps.get(0).mean()).isCloseTo(1.0, within(1e-12));
        assertThat(mbps.get(0).max()).isCloseTo(2.0, within(1e-12));
        assertThat(mbps.get(1).max()).isCloseTo(4.0, within(1e-12));
        assertThat(mbps.get(1).min()).isEqualTo(0.0);
        assertThat(LoadBands.server(rows, "turn-b", LoadRow::liveAllocations)).containsExactly(new BandPoint(1000, 1, 1, 1));
        assertThat(LoadBands.servers(rows)).containsExactly("turn", "turn-b");
    }

    @Test
    void panelsKeepAScenariosGroupsTogetherAndSplitOnlyWhatDoesNotFit() {
        List<String> groups = List.of("a/0", "a/1", "b/0", "b/1", "b/2", "c/0", "d/0", "d/1", "d/2", "d/3", "d/4");
        List<List<String>> panels = Panels.pack(groups, g -> g.substring(0, 1), 4);
        assertThat(panels).containsExactly(List.of("a/0", "a/1"), List.of("b/0", "b/1", "b/2", "c/0"),
                List.of("d/0", "d/1", "d/2", "d/3"), List.of("d/4"));
    }

    @Test
    void timelineLanesHoldStateIntervalsUntilTheNextChangeOrTheLastEvent() {
        List<EventRow> events = List.of(
                new EventRow("r", 0, "alice", "restart-ice", "on-network-change"),
                new EventRow("r", 100, "alice", "ice-connection-state", "checking"),
                new EventRow("r", 250, "alice", "selected-pair", "0 host/srflx"),
                new EventRow("r", 250, "alice", "ice-connection-state", "connected"),
                new EventRow("r", 300, "bob", "ice-connection-state", "connected"),
                new EventRow("r", 5000, "world", "fault", "link-down alice/wifi"),
                new EventRow("r", 8000, "alice", "ice-connection-state", "disconnected"),
                new EventRow("r", 9000, "world", "repair", "link-up alice/wifi"));
        Timeline timeline = Timeline.of(events);
        assertThat(timeline.lanes()).containsExactly("network", "alice ICE state", "alice selected pair",
                "alice restartIce()", "bob ICE state", "bob selected pair", "bob restartIce()");
        assertThat(timeline.endMs()).isEqualTo(9000);
        assertThat(timeline.segments()).containsExactly(
                new Timeline.Segment(1, "checking", 100, 250), new Timeline.Segment(1, "connected", 250, 8000),
                new Timeline.Segment(1, "disconnected", 8000, 9000), new Timeline.Segment(2, "host/srflx", 250, 9000),
                new Timeline.Segment(4, "connected", 300, 9000));
        assertThat(timeline.marks()).containsExactly(
                new Timeline.Mark(0, "fault", "link-down alice/wifi", 5000),
                new Timeline.Mark(0, "repair", "link-up alice/wifi", 9000),
                new Timeline.Mark(3, "restartIce()", "on-network-change", 0));
    }

    @Test
    void theReceivedRateOfEachPeerIsAStepPerIntervalOfMediaCsv() {
        List<MediaRow> media = List.of(
                new MediaRow("r", 100, 100, "alice", 5, 910, 0.0728), new MediaRow("r", 100, 100, "bob", 4, 728, 0.05824),
                new MediaRow("r", 200, 100, "alice", 0, 0, 0), new MediaRow("r", 200, 100, "bob", 5, 910, 0.0728));
        var rates = TimelineChart.rates(media);
        assertThat(rates.getSeriesCount()).isEqualTo(2);
        assertThat(rates.getSeriesKey(0)).isEqualTo("alice received");
        // Each interval's rate from its start (t_ms − interval_ms), and the last one held to its end; seconds.
        assertThat(rates.getSeries(0).toArray()).isDeepEqualTo(new double[][] {{0, 0.1, 0.2}, {0.0728, 0, 0}});
        assertThat(rates.getSeries(1).toArray()).isDeepEqualTo(new double[][] {{0, 0.1, 0.2}, {0.05824, 0.0728, 0.0728}});
    }

    @Test
    void theTimelineReachesTheLastMediaSampleWhenTheRunWentOnAfterItsLastEvent() {
        List<EventRow> events = List.of(new EventRow("r", 250, "alice", "ice-connection-state", "connected"));
        assertThat(Timeline.of(events, 40_000).segments()).containsExactly(new Timeline.Segment(1, "connected", 250, 40_000));
        assertThat(Timeline.of(events).endMs()).isEqualTo(250);
    }
}
