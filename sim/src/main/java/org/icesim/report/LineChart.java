package org.icesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines of (x, y) points, each in its own colour, with optional horizontal reference lines (a
 * peak, a server's capacity) and labelled arrows pointing at notable points (the worst restart storms).
 */
public final class LineChart {

    /** One line: its legend name and points; {@code shapes} draws a dot at every point. */
    public record Line(String name, List<double[]> points, boolean shapes) {
    }

    /** A horizontal line across the plot at {@code y}, labelled. */
    public record Level(double y, String label, boolean dashed) {
    }

    /** An arrow pointing at ({@code x}, {@code y}) with a label. */
    public record Pointer(double x, double y, String label) {
    }

    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private LineChart() {
    }

    public static JFreeChart draw(String title, String xLabel, String yLabel, List<Line> lines, List<Level> levels,
            List<Pointer> pointers) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            line.points().forEach(p -> series.add(p[0], p[1]));
            data.addSeries(series);
        }
        JFreeChart chart = ChartStyle.styled(ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.line());
            renderer.setSeriesShapesVisible(i, lines.get(i).shapes());
        }
        plot.setRenderer(renderer);
        for (Level level : levels) {
            ValueMarker marker = new ValueMarker(level.y(), new Color(0x444444), level.dashed()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(1.5f));
            marker.setLabel(level.label());
            marker.setLabelFont(NOTE);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
        }
        for (Pointer pointer : pointers) {
            XYPointerAnnotation arrow = new XYPointerAnnotation(pointer.label(), pointer.x(), pointer.y(), -Math.PI / 4);
            arrow.setFont(NOTE);
            arrow.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(arrow);
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(true);
        x.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        if (lines.stream().flatMap(l -> l.points().stream()).map(p -> p[0]).distinct().count() == 1) {
            // One x value (one fleet size): without a span the axis would have none to tick.
            x.setUpperBound(lines.get(0).points().get(0)[0] * 1.25);
        }
        // Leave room above the highest point for the labels.
        double top = lines.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
        double levelTop = levels.stream().mapToDouble(Level::y).max().orElse(0);
        plot.getRangeAxis().setUpperBound(Math.max(1, Math.max(top, levelTop)) * 1.15);
        plot.getRangeAxis().setLowerBound(0);
        return chart;
    }
}
