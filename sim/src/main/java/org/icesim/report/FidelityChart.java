package org.icesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.Metric;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Simulated against real median per cell on log axes: one colour per metric, failing cells ringed
 * in black, and the diagonal where the two agree.
 */
public final class FidelityChart {

    private static final double RING = 14;

    private FidelityChart() {
    }

    public static JFreeChart draw(String title, FidelityPoints points) {
        XYSeriesCollection cells = new XYSeriesCollection();
        List<Metric> metrics = new ArrayList<>();
        for (Map.Entry<Metric, List<double[]>> metric : points.byMetric().entrySet()) {
            cells.addSeries(series(metric.getKey().column() + " (n=" + metric.getValue().size() + ")", metric.getValue()));
            metrics.add(metric.getKey());
        }
        XYSeriesCollection rings = new XYSeriesCollection(series("outside tolerance (n=" + points.failing().size() + ")",
                points.failing()));
        XYSeries diagonal = new XYSeries("simulated = real", false, true);
        diagonal.add(FidelityPoints.FLOOR_MS, FidelityPoints.FLOOR_MS);
        diagonal.add(points.max() * 1.5, points.max() * 1.5);

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(logAxis("real median (ms), log scale"));
        plot.setRangeAxis(logAxis("simulated median (ms), log scale"));
        plot.setDataset(0, cells);
        plot.setDataset(1, rings);
        plot.setDataset(2, new XYSeriesCollection(diagonal));
        // The theme sets renderer paints, so the renderers come after it.
        JFreeChart chart = ChartStyle.styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < metrics.size(); i++) {
            // A metric keeps its colour whichever metrics a chart has.
            dots.setSeriesPaint(i, ChartStyle.color(points.metrics().indexOf(metrics.get(i))));
        }
        XYLineAndShapeRenderer ringRenderer = new XYLineAndShapeRenderer(false, true);
        ringRenderer.setSeriesShape(0, new Ellipse2D.Double(-RING / 2, -RING / 2, RING, RING));
        ringRenderer.setSeriesShapesFilled(0, false);
        ringRenderer.setSeriesPaint(0, Color.BLACK);
        ringRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(0x888888));
        line.setSeriesStroke(0, new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(0, dots);
        plot.setRenderer(1, ringRenderer);
        plot.setRenderer(2, line);
        return chart;
    }
    private static XYSeries series(String name, List<double[]> points) {
        XYSeries series = new XYSeries(name, false, true);
        points.forEach(p -> series.add(p[0], p[1]));
        return series;
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(FidelityPoints.FLOOR_MS);
        // A log axis counts its tick unit in powers of the base: one tick per decade.
        axis.setTickUnit(new NumberTickUnit(1), false, false);
        axis.setAutoTickUnitSelection(false);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }
}
