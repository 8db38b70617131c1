package org.icesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The lanes of a {@link Timeline} on one simulated-time axis: coloured state intervals and event
 * marks, and under them, on the same axis, the media rate each peer received (media.csv).
 */
public final class TimelineChart {

    private static final double HALF_LANE = 0.32;
    /** iceConnectionState colours: calm for healthy, warm for trouble. */
    private static final Map<String, Color> STATE_COLORS = Map.of(
            "new", new Color(0xBBBBBB), "checking", new Color(0xF0E442), "connected", new Color(0x009E73),
            "completed", new Color(0x006B4F), "disconnected", new Color(0xE69F00), "failed", new Color(0xD55E00),
            "closed", new Color(0x444444));
    /** Mark colours used by no state or pair, so a category never shares a colour with another. */
    private static final Map<String, Color> MARK_COLORS = Map.of(
            "fault", new Color(0x000000), "repair", new Color(0x6A3D9A), Timeline.RESTART, new Color(0x882255));
    /** Pair colours kept apart from the state and mark colours. */
    private static final Color[] PAIR_COLORS = {new Color(0x0072B2), new Color(0x56B4E9), new Color(0xCC79A7),
        new Color(0x332288), new Color(0x44AA99), new Color(0x999933)};
    /** Received-rate colours, one per peer, used by no state, pair or mark; the second peer's line is also dashed. */
    private static final Color[] RATE_COLORS = {new Color(0x661100), new Color(0xCC6677)};
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Height of the received-rate panel below the lanes. */
    private static final int RATE_PANEL = 170;

    private TimelineChart() {
    }

    public static JFreeChart draw(String title, Timeline timeline, List<MediaRow> media) {
        return draw(title, timeline, media, 0, timeline.endMs());
    }

    /**
     * The timeline with the time axis cut to [{@code fromMs}, {@code toMs}] (a zoom on the fault
     * window); with {@code media} rows, a panel of each peer's received rate under the lanes.
     */
    public static JFreeChart draw(String title, Timeline timeline, List<MediaRow> media, double fromMs, double toMs) {
        Map<String, XYIntervalSeries> bySeries = new LinkedHashMap<>();
        for (Timeline.Segment segment : timeline.segments()) {
            XYIntervalSeries series = bySeries.computeIfAbsent(segment.label(), XYIntervalSeries::new);
            series.add(segment.fromMs() / 1000, segment.fromMs() / 1000, segment.toMs() / 1000, segment.lane(),
                    segment.lane() - HALF_LANE, segment.lane() + HALF_LANE);
        }
        XYIntervalSeriesCollection intervals = new XYIntervalSeriesCollection();
        bySeries.values().forEach(intervals::addSeries);

        Map<String, XYSeries> byMark = new LinkedHashMap<>();
        for (Timeline.Mark mark : timeline.marks()) {
            byMark.computeIfAbsent(mark.label(), label -> new XYSeries(label, false, true)).add(mark.atMs() / 1000, mark.lane());
        }
        XYSeriesCollection marks = new XYSeriesCollection();
        byMark.values().forEach(marks::addSeries);

        NumberAxis time = new NumberAxis("simulated time (s)");
        time.setRange(fromMs / 1000, Math.max(toMs, fromMs + 1) / 1000);
        SymbolAxis lanes = new SymbolAxis("", timeline.lanes().toArray(String[]::new));
        lanes.setInverted(true);
        lanes.setGridBandsVisible(false);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setUseYInterval(true);
        XYPlot plot = new XYPlot(intervals, null, lanes, bars);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        plot.setDataset(1, marks);
        plot.setRenderer(1, points);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        // Notes of marks close in time on one lane go one under the other instead of over each other.
        double near = Math.max(toMs - fromMs, 1) / 1000 * 0.08;
        Map<Integer, double[]> lastNote = new LinkedHashMap<>();
        for (Timeline.Mark mark : timeline.marks()) {
            if (!mark.detail().isEmpty() && mark.atMs() >= fromMs && mark.atMs() <= toMs) {
                double at = mark.atMs() / 1000;
                double[] last = lastNote.getOrDefault(mark.lane(), new double[] {Double.NEGATIVE_INFINITY, 0});
                double offset = at - last[0] < near ? last[1] + 0.2 : 0.2;
                lastNote.put(mark.lane(), new double[] {at, offset});
                XYTextAnnotation note = new XYTextAnnotation(" " + mark.detail() + " ", at, mark.lane() + offset);
                note.setFont(NOTE);
                // Notes near the right edge run leftwards so they are not cut off.
                note.setTextAnchor(at > (fromMs + 0.7 * (toMs - fromMs)) / 1000 ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
                plot.addAnnotation(note);
            }
        }
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        combined.add(plot, timeline.lanes().size());
        XYSeriesCollection rates = rates(media);
        XYStepRenderer steps = new XYStepRenderer();
        if (rates.getSeriesCount() > 0) {
            NumberAxis mbps = new NumberAxis("received Mbit/s");
            mbps.setAutoRangeIncludesZero(true);
            combined.add(new XYPlot(rates, null, mbps, steps), 3);
        }
        JFreeChart chart = ChartStyle.styled(new JFreeChart(title, combined));
        // The theme clears series paints and brings gradient, shadowed bars: colour after it, flat.
        int pairColor = 0;
        for (int i = 0; i < intervals.getSeriesCount(); i++) {
            String label = (String) intervals.getSeriesKey(i);
            Paint paint = STATE_COLORS.containsKey(label) ? STATE_COLORS.get(label) : PAIR_COLORS[pairColor++ % PAIR_COLORS.length];
            bars.setSeriesPaint(i, paint);
        }
        for (int i = 0; i < marks.getSeriesCount(); i++) {
            String label = (String) marks.getSeriesKey(i);
            points.setSeriesPaint(i, MARK_COLORS.getOrDefault(label, Color.BLACK));
            points.setSeriesShape(i, label.equals("repair") ? new Rectangle2D.Double(-5, -5, 10, 10)
                    : new Ellipse2D.Double(-5, -5, 10, 10));
        }
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        for (int i = 0; i < rates.getSeriesCount(); i++) {
            steps.setSeriesPaint(i, RATE_COLORS[i % RATE_COLORS.length]);
            steps.setSeriesStroke(i, i % 2 == 0 ? ChartStyle.line()
                    : new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /**
     * Each receiving peer's rate as steps: a row's rate holds over its interval, from
     * {@code t_ms − interval_ms} to {@code t_ms}, so a series has a point at every interval's start
     * and one at the last interval's end.
     */
    static XYSeriesCollection rates(List<MediaRow> media) {
        Map<String, XYSeries> byPeer = new LinkedHashMap<>();
        Map<String, MediaRow> lastOfPeer = new LinkedHashMap<>();
        for (MediaRow row : media) {
            byPeer.computeIfAbsent(row.peer(), peer -> new XYSeries(peer + " received", false, true))
                    .add((row.timeMs() - row.intervalMs()) / 1000, row.mbps());
            lastOfPeer.put(row.peer(), row);
        }
        lastOfPeer.forEach((peer, row) -> byPeer.get(peer).add(row.timeMs() / 1000, row.mbps()));
        XYSeriesCollection rates = new XYSeriesCollection();
        byPeer.values().forEach(rates::addSeries);
        return rates;
    }

    /** A height that gives every lane room, and the received-rate panel when there is one. */
    public static int height(Timeline timeline, List<MediaRow> media) {
        return 180 + 48 * timeline.lanes().size() + (media.isEmpty() ? 0 : RATE_PANEL);
    }
}
